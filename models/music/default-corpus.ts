// The default corpus that ships with LickLab: etudes written by LickLab's own generator
// (scripts/make-default-corpus.ts), MIDI + chord chart per file, in assets/default-corpus.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCorpus, type Corpus, type ImportOptions } from './corpus';

export const DEFAULT_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'default-corpus');

/** Import the default corpus (cached like any other). */
export function loadDefaultCorpus(opts: ImportOptions = {}): Promise<Corpus> {
  return importCorpus([DEFAULT_CORPUS_DIR], opts);
}
