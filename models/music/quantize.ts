// Performance time (float beats) -> the 12-ticks-per-beat grid. Each beat picks the lattice that
// fits its onsets best: sixteenths (0,3,6,9) or eighth-note triplets (0,4,8), so swung and
// straight lines both land on musical positions. A beat whose run is faster than that (ballad
// double-time: sextuplets, 32nds) would lose notes to shared slots, so it moves to sextuplets
// (step 2) or the full 12-tick grid instead. Then the line is made monophonic (top voice) and
// durations snapped to the vocabulary, so encode/decode round-trips exactly.
import { MAX_DURATION_TICKS } from './grid';
import { TICKS_PER_BEAT, floorDuration } from './vocabulary';
import type { Note } from './types';

export interface TimedNote {
  pitch: number;
  startBeat: number; // float beats from the tune's first bar
  endBeat: number;
  velocity: number; // 1..127
}

const SIXTEENTH = 3;
const TRIPLET = 4;

function snap(beat: number, step: number): number {
  return Math.round((beat * TICKS_PER_BEAT) / step) * step;
}

const FINER = [2, 1]; // sextuplets, then every tick of the grid

/** Whether `step` puts two notes of one beat that are played one after the other (the first ends
 *  before the second starts, give or take half their distance) on the same slot. Notes struck
 *  together (a chord) share a slot on purpose: the line keeps the top voice. */
function mergesARun(idx: number[], beats: number[], ends: number[], step: number): boolean {
  const bySlot = new Map<number, number[]>();
  for (const i of idx) {
    const slot = snap(beats[i], step);
    const list = bySlot.get(slot);
    if (list) list.push(i);
    else bySlot.set(slot, [i]);
  }
  for (const list of bySlot.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => beats[a] - beats[b]);
    for (let k = 1; k < list.length; k++) {
      const a = list[k - 1];
      const b = list[k];
      if (ends[a] <= beats[b] + 0.5 * (beats[b] - beats[a]) && beats[b] > beats[a]) return true;
    }
  }
  return false;
}

/** Onset ticks, one per input beat position, with a per-beat lattice choice. With `ends` (the
 *  notes' end beats), a beat whose notes follow each other too fast for its lattice gets a finer one. */
export function quantizeOnsets(beats: number[], ends?: number[]): number[] {
  const groups = new Map<number, number[]>();
  beats.forEach((b, i) => {
    const key = Math.floor(b + 1 / 8); // a note just before a beat belongs to that beat
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const out = new Array<number>(beats.length);
  for (const idx of groups.values()) {
    let errS = 0;
    let errT = 0;
    for (const i of idx) {
      const t = beats[i] * TICKS_PER_BEAT;
      errS += Math.abs(t - snap(beats[i], SIXTEENTH));
      errT += Math.abs(t - snap(beats[i], TRIPLET));
    }
    let step = errT < errS - 1e-9 ? TRIPLET : SIXTEENTH;
    if (ends && idx.length > 1 && mergesARun(idx, beats, ends, step)) {
      for (const finer of FINER) {
        step = finer;
        if (!mergesARun(idx, beats, ends, finer)) break;
      }
    }
    for (const i of idx) out[i] = snap(beats[i], step);
  }
  return out;
}

/**
 * Quantize and reduce to one line: notes at the same onset keep the highest; a lower note wholly
 * covered by a held higher note is an inner voice and is dropped; each note is cut at the next
 * onset and floored to a vocabulary duration. Returns the line and how many notes were dropped.
 */
export function quantizeLine(input: TimedNote[]): { notes: Note[]; dropped: number } {
  const starts = quantizeOnsets(
    input.map((n) => n.startBeat),
    input.map((n) => n.endBeat),
  );
  const items = input
    .map((n, i) => ({ n, start: starts[i], end: Math.round(n.endBeat * TICKS_PER_BEAT) }))
    .filter((x) => x.start >= 0)
    .sort((a, b) => a.start - b.start || b.n.pitch - a.n.pitch);
  const kept: typeof items = [];
  for (const it of items) {
    const prev = kept[kept.length - 1];
    if (prev && prev.start === it.start) continue; // same onset: the top voice is already kept
    if (prev && prev.n.pitch > it.n.pitch && prev.end >= it.end && it.start < prev.end) continue; // inner voice
    kept.push(it);
  }
  const notes: Note[] = kept.map((it, i) => {
    const room = i + 1 < kept.length ? kept[i + 1].start - it.start : MAX_DURATION_TICKS;
    const want = Math.max(1, it.end - it.start);
    const dur = floorDuration(Math.min(want, room, MAX_DURATION_TICKS));
    return { pitch: it.n.pitch, start: it.start, dur, velocity: Math.max(1, Math.min(127, Math.round(it.n.velocity))) };
  });
  return { notes, dropped: input.length - notes.length };
}
