// A model's own training files, found again from licklab.json (corpus folder + train split), so
// eval can fit count baselines on them and measure copying against them. Each file is looked for
// at its recorded path (a model trained on several folders records absolute paths), in the recorded
// corpus folder, then in the bundled default corpus by name (a default model trained on another
// machine, whose recorded folder may not exist here, or may hold other files).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { importCorpus, type ImportOptions } from '../../music/corpus';
import { DEFAULT_CORPUS_DIR } from '../../music/default-corpus';
import type { Tune } from '../../music/types';
import type { EncodedTune } from '../../music/vocabulary';
import type { LicklabMeta } from '../model-meta';
import { encodeSolos, type SoloEncoding } from './encoding';

export interface TrainingFiles {
  dir: string | null; // the folder the first file was found in (null: by absolute path)
  files: string[]; // those found
  listed: number; // how many the split lists
}

/** The model's training files that can still be found, or why none can. */
export function findTrainingFiles(
  meta: Pick<LicklabMeta, 'corpus' | 'split'>,
  defaultCorpusDir = DEFAULT_CORPUS_DIR,
): TrainingFiles | { reason: string } {
  const listed = meta.split?.train ?? [];
  if (listed.length === 0) return { reason: 'the model records no training files' };
  const recorded = meta.corpus?.dir;
  const files: string[] = [];
  let dir: string | null | undefined;
  for (const entry of listed) {
    const candidates: [string, string | null][] = [];
    if (path.isAbsolute(entry)) candidates.push([entry, null]);
    else if (recorded) candidates.push([path.join(recorded, entry), recorded]);
    candidates.push([path.join(defaultCorpusDir, path.basename(entry)), defaultCorpusDir]);
    const found = candidates.find(([file]) => existsSync(file));
    if (!found) continue;
    files.push(found[0]);
    if (dir === undefined) dir = found[1];
  }
  if (files.length === 0) {
    return {
      reason: `none of the model's ${listed.length} training files can be found (it was trained on ${recorded ?? 'several folders'})`,
    };
  }
  return { dir: dir ?? null, files: [...new Set(files)], listed: listed.length };
}

export interface TrainingData extends TrainingFiles {
  solos: Tune[]; // as imported (with notes)
  tunes: EncodedTune[]; // in the model's encoding
  events: number;
  /** Set when the files found differ from what the model recorded (some missing, or changed since). */
  warning?: string;
}

/** Import and encode the model's training files (in the model's encoding), or say why not. */
export async function loadTrainingData(
  meta: Pick<LicklabMeta, 'corpus' | 'split'>,
  encoding: SoloEncoding,
  opts: { importOptions?: ImportOptions; defaultCorpusDir?: string } = {},
): Promise<TrainingData | { reason: string }> {
  const found = findTrainingFiles(meta, opts.defaultCorpusDir);
  if ('reason' in found) return found;
  const corpus = await importCorpus(found.files, opts.importOptions);
  const solos = corpus.tunes.filter((t) => t.notes.length > 0);
  const tunes = encodeSolos(solos, encoding);
  if (tunes.length === 0) return { reason: `the model's training files (${found.files.length}) no longer import to any notes` };
  const events = tunes.reduce((s, t) => s + t.events.length, 0);
  const recorded = meta.corpus?.trainEvents;
  const problems: string[] = [];
  if (found.files.length < found.listed)
    problems.push(`${found.listed - found.files.length} of ${found.listed} training files are missing`);
  if (typeof recorded === 'number' && recorded !== events)
    problems.push(`the files found hold ${events} events, the model recorded ${recorded} (changed since training?)`);
  return { ...found, solos, tunes, events, ...(problems.length ? { warning: problems.join('; ') } : {}) };
}
