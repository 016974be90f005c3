// From MIDI files/folders to encoded tunes ready for train(): import (music helper's importer,
// which skips bad files with a reason), encode, and count what was kept.
import { importCorpus } from '../music/corpus';
import { encodeTune } from '../music/encode';
import type { Tune } from '../music/types';
import type { EncodedTune } from '../music/vocabulary';

export interface TrainingCorpus {
  tunes: EncodedTune[];
  solos: Tune[]; // the imported tunes the encoded ones come from (for the sample panel)
  filesOk: number;
  filesSkipped: number;
  skipped: { path: string; reason: string }[];
}

export async function loadTrainingCorpus(paths: string[], opts: { cacheDir?: string } = {}): Promise<TrainingCorpus> {
  const corpus = await importCorpus(paths, opts);
  const skipped = corpus.files.filter((f) => f.status !== 'ok').map((f) => ({ path: f.path, reason: f.reason ?? 'skipped' }));
  const tunes = corpus.tunes.map((t) => {
    const { id, source, events } = encodeTune(t);
    return { id, source, events };
  });
  return { tunes, solos: corpus.tunes, filesOk: corpus.files.length - skipped.length, filesSkipped: skipped.length, skipped };
}
