// Turns encoded tunes into training windows and dense batches. Windows never cross tunes, so a
// tune (and therefore a file) is either wholly in train or wholly in dev. Each event's input comes
// from `inputIndices(previous event, this event)` of the whole tune, so a window that starts
// mid-tune still sees its real predecessor. Padding positions have mask 0 and never count.
// The input layout is the vocabulary of the tune's own encoding (untagged tunes are v1).
import { countNotes, encodingOfTune, vocabularyFor } from '../music/encodings';
import { INPUT_SIZE, REST, type EncodedTune } from '../music/vocabulary';

/** A tune's events precomputed once: active input units per event, and the targets. */
export interface PreparedTune {
  source: string;
  length: number;
  notes: number; // note events (rests excluded), for losses per note
  inputSize: number; // of the tune's vocabulary
  /** Active input units of event i are units[offsets[i] .. offsets[i+1]). */
  units: Int32Array;
  offsets: Int32Array;
  pitch: Int32Array;
  dur: Int32Array;
}

export interface Window {
  tune: number; // index into the prepared tunes
  start: number;
  length: number; // <= window length; the rest of the row is padding
}

export interface Batch {
  rows: number;
  steps: number;
  x: Float32Array; // [rows, steps, INPUT_SIZE] one-hot / multi-hot
  pitch: Int32Array; // [rows, steps] target tokens (0 on padding)
  dur: Int32Array;
  mask: Float32Array; // [rows, steps] 1 = real event, 0 = padding
  /** The same input as index lists: position p = r * steps + s has the active (value 1) units
   *  idx[off[p] .. off[p+1]). The fast training step gathers kernel rows with them. */
  active?: { off: Int32Array; idx: Int32Array };
  events: number; // real events in the batch
  notes: number; // real events that are notes (rests excluded)
}

export function prepareTune(tune: EncodedTune): PreparedTune {
  const vocab = vocabularyFor(encodingOfTune(tune));
  const n = tune.events.length;
  const offsets = new Int32Array(n + 1);
  const lists: number[][] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ev = tune.events[i];
    if (!(ev.pitch >= 0 && ev.pitch < vocab.pitchTokens && ev.dur >= 0 && ev.dur < vocab.durationTokens)) {
      throw new Error(`tune ${tune.id}: event ${i} has tokens pitch ${ev.pitch}, dur ${ev.dur} outside the ${vocab.version} vocabulary`);
    }
    const idx = vocab.inputIndices(i > 0 ? tune.events[i - 1] : null, ev);
    for (const u of idx)
      if (!(u >= 0 && u < vocab.inputSize))
        throw new Error(`tune ${tune.id}: event ${i} has input unit ${u} outside [0, ${vocab.inputSize})`);
    lists.push(idx);
    offsets[i] = total;
    total += idx.length;
  }
  offsets[n] = total;
  const units = new Int32Array(total);
  lists.forEach((l, i) => units.set(l, offsets[i]));
  return {
    source: tune.source,
    length: n,
    notes: countNotes(tune.events),
    inputSize: vocab.inputSize,
    units,
    offsets,
    pitch: Int32Array.from(tune.events, (e) => e.pitch),
    dur: Int32Array.from(tune.events, (e) => e.dur),
  };
}

/** Windows of `window` events starting every `stride` events, within each tune. The tail of a
 *  tune gets a shorter window (when stride = window) so every event is predicted exactly once. */
export function makeWindows(tunes: PreparedTune[], window: number, stride = window): Window[] {
  const out: Window[] = [];
  tunes.forEach((t, tune) => {
    if (t.length === 0) return;
    for (let start = 0; start < t.length; start += stride) {
      const length = Math.min(window, t.length - start);
      // With overlapping windows, a short tail already covered by the previous window is skipped.
      if (start > 0 && stride < window && start + length <= start - stride + window) break;
      out.push({ tune, start, length });
      if (start + length >= t.length) break;
    }
  });
  return out;
}

export function makeBatch(tunes: PreparedTune[], windows: Window[], steps: number): Batch {
  const rows = windows.length;
  const sizes = new Set(windows.map((w) => tunes[w.tune].inputSize));
  if (sizes.size > 1) throw new Error(`a batch mixes tunes of different encodings (input sizes ${[...sizes].join(', ')})`);
  const inputSize = [...sizes][0] ?? tunes[0]?.inputSize ?? INPUT_SIZE;
  const x = new Float32Array(rows * steps * inputSize);
  const pitch = new Int32Array(rows * steps);
  const dur = new Int32Array(rows * steps);
  const mask = new Float32Array(rows * steps);
  const off = new Int32Array(rows * steps + 1);
  let nnz = 0;
  for (const w of windows) nnz += tunes[w.tune].offsets[w.start + w.length] - tunes[w.tune].offsets[w.start];
  const idx = new Int32Array(nnz);
  let events = 0;
  let notes = 0;
  let e = 0;
  windows.forEach((w, r) => {
    const t = tunes[w.tune];
    if (w.length > steps) throw new Error(`window of ${w.length} events does not fit ${steps} steps`);
    for (let s = 0; s < w.length; s++) {
      const i = w.start + s;
      const pos = r * steps + s;
      const base = pos * inputSize;
      off[pos] = e;
      for (let k = t.offsets[i]; k < t.offsets[i + 1]; k++) {
        x[base + t.units[k]] = 1;
        idx[e++] = t.units[k];
      }
      pitch[pos] = t.pitch[i];
      dur[pos] = t.dur[i];
      mask[pos] = 1;
      if (t.pitch[i] !== REST) notes++;
    }
    for (let s = w.length; s < steps; s++) off[r * steps + s] = e; // padding positions: no units
    events += w.length;
  });
  off[rows * steps] = e;
  return { rows, steps, x, pitch, dur, mask, active: { off, idx }, events, notes };
}

/** Split a list into consecutive chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
