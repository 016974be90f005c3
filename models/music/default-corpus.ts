// The default corpus that ships with LickLab: etudes written by LickLab's own generator
// (scripts/make-default-corpus.ts), MIDI + chord chart per file, in assets/default-corpus.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCorpus, type Corpus, type ImportOptions } from './corpus';

/** Find assets/default-corpus from this module's folder: models/music in the source tree, or a
 *  bundle folder (dist-electron/) one level below the project; $LICKLAB_DEFAULT_CORPUS overrides. */
function locate(): string {
  if (process.env.LICKLAB_DEFAULT_CORPUS) return path.resolve(process.env.LICKLAB_DEFAULT_CORPUS);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', 'default-corpus');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
  }
  return path.resolve(here, '..', '..', 'assets', 'default-corpus');
}

export const DEFAULT_CORPUS_DIR = locate();

/** Import the default corpus (cached like any other). */
export function loadDefaultCorpus(opts: ImportOptions = {}): Promise<Corpus> {
  return importCorpus([DEFAULT_CORPUS_DIR], opts);
}
