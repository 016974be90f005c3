// The default corpus that ships with LickLab: etudes written by LickLab's own generator
// (scripts/make-default-corpus.ts), MIDI + chord chart per file, in assets/default-corpus.
import { locateAsset } from '../asset-dir';
import { importCorpus, type Corpus, type ImportOptions } from './corpus';

/** assets/default-corpus; $LICKLAB_DEFAULT_CORPUS overrides. */
export const DEFAULT_CORPUS_DIR = locateAsset('default-corpus', 'README.md', 'LICKLAB_DEFAULT_CORPUS', import.meta.url);

/** Import the default corpus (cached like any other). */
export function loadDefaultCorpus(opts: ImportOptions = {}): Promise<Corpus> {
  return importCorpus([DEFAULT_CORPUS_DIR], opts);
}
