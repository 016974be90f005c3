// Which notes fit a chord: its chord tones (targets for strong beats) and a scale for runs.
import { relativeChordMask } from '../vocabulary';
import type { ChordSpan } from '../types';

const has = (rel: number, iv: number) => (rel & (1 << iv)) !== 0;

/** Scale (intervals above the root) that a bebop player would use over this chord. */
export function scaleIntervals(chord: Pick<ChordSpan, 'root' | 'mask'>): number[] {
  if (chord.root < 0) return [0, 2, 4, 5, 7, 9, 11];
  const rel = relativeChordMask(chord.mask, chord.root);
  const minor3 = has(rel, 3) && !has(rel, 4);
  if (minor3 && has(rel, 6) && has(rel, 9) && !has(rel, 10)) return [0, 2, 3, 5, 6, 8, 9, 11]; // diminished (whole-half)
  if (minor3 && has(rel, 6)) return [0, 1, 3, 5, 6, 8, 10]; // locrian
  if (minor3 && (has(rel, 11) || (has(rel, 9) && !has(rel, 10)))) return [0, 2, 3, 5, 7, 9, 11]; // melodic minor (m6, mMaj7)
  if (minor3) return [0, 2, 3, 5, 7, 9, 10]; // dorian
  if (has(rel, 10) && has(rel, 4)) {
    if (has(rel, 8) && (has(rel, 1) || has(rel, 3))) return [0, 1, 3, 4, 6, 8, 10]; // altered
    if (has(rel, 1)) return [0, 1, 3, 4, 6, 7, 9, 10]; // half-whole diminished
    return [0, 2, 4, 5, 7, 9, 10]; // mixolydian
  }
  if (has(rel, 10) && has(rel, 5)) return [0, 2, 4, 5, 7, 9, 10]; // 7sus4: mixolydian
  if (has(rel, 6) && has(rel, 11)) return [0, 2, 4, 6, 7, 9, 11]; // lydian
  return [0, 2, 4, 5, 7, 9, 11]; // ionian
}

/** Chord tones (pitch classes), the core of the chord: root, 3rd/sus, 5th, 7th/6th. */
export function chordTonePcs(chord: Pick<ChordSpan, 'root' | 'mask'>): number[] {
  if (chord.root < 0) return [0, 4, 7];
  const rel = relativeChordMask(chord.mask, chord.root);
  const core = [0, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((iv) => has(rel, iv));
  return core.map((iv) => (chord.root + iv) % 12);
}

/** All MIDI pitches in [lo, hi] whose pitch class is in `pcs`. */
export function pitchesIn(pcs: number[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = lo; p <= hi; p++) if (pcs.includes(p % 12)) out.push(p);
  return out;
}
