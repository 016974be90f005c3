// An import result with its notes as one flat number array (pitch, start, dur, velocity, ...): the
// form of a cache entry, and of the JSON string a worker thread sends back. A quarter of the JSON of
// note objects; and a string crosses threads as one copy, where 175k note objects (the WJD solos)
// cost a structured clone of every property on both sides. The worker makes the string, so the
// main thread, which every file waits on, only writes it to the cache and reads the notes back.
import type { ImportResult } from './import-file';
import type { Tune } from './types';

export type Packed = Omit<ImportResult, 'tune'> & { tune?: Omit<Tune, 'notes'> & { notes: number[] } };

export function pack(r: ImportResult): Packed {
  if (!r.tune) return r as Packed;
  const src = r.tune.notes;
  const notes = new Array<number>(4 * src.length);
  for (let i = 0, j = 0; i < src.length; i++, j += 4) {
    const n = src[i];
    notes[j] = n.pitch;
    notes[j + 1] = n.start;
    notes[j + 2] = n.dur;
    notes[j + 3] = n.velocity;
  }
  return { ...r, tune: { ...r.tune, notes } };
}

export function unpack(p: Packed): ImportResult {
  if (!p.tune) return p as ImportResult;
  const flat = p.tune.notes;
  const notes = [];
  for (let i = 0; i + 3 < flat.length; i += 4) notes.push({ pitch: flat[i], start: flat[i + 1], dur: flat[i + 2], velocity: flat[i + 3] });
  return { ...p, tune: { ...p.tune, notes } };
}

/** The packed JSON string of a result (a cache entry's bytes). */
export const packedJson = (r: ImportResult): string => JSON.stringify(pack(r));
