// What a jazz teacher says fits a chord: its chord tones, its available tensions (9/11/13, and
// b9/#9/#11/b13 on dominants), its chord scale, and its bebop scale (the chord scale with one
// chromatic passing tone, so that a line of eighth notes falling from a chord tone on a beat
// keeps every chord tone on a beat).
import type { ChordSpan } from '../types';
import { relativeChordMask } from '../vocabulary';

export type Quality = 'major' | 'dominant' | 'altered' | 'minor' | 'minor-major' | 'half-diminished' | 'diminished' | 'sus';

export type ChordLike = Pick<ChordSpan, 'root' | 'mask'>;

const bit = (rel: number, iv: number) => (rel & (1 << iv)) !== 0;

/** The chord's family, read from its pitch classes (root, 3rd, 5th, 7th and written tensions). */
export function chordQuality(chord: ChordLike): Quality {
  if (chord.root < 0) return 'major';
  const rel = relativeChordMask(chord.mask, chord.root);
  const minor3 = bit(rel, 3) && !bit(rel, 4);
  if (minor3 && bit(rel, 6) && bit(rel, 9) && !bit(rel, 10)) return 'diminished';
  if (minor3 && bit(rel, 6) && !bit(rel, 7)) return 'half-diminished';
  if (minor3 && (bit(rel, 11) || (bit(rel, 9) && !bit(rel, 10)))) return 'minor-major';
  if (minor3) return 'minor';
  if (bit(rel, 10) && !bit(rel, 4) && bit(rel, 5)) return 'sus';
  if (bit(rel, 10)) return bit(rel, 1) || bit(rel, 3) || bit(rel, 8) ? 'altered' : 'dominant';
  return 'major';
}

/** Chord tones as intervals above the root: root, 3rd (or 4th), 5th, 7th (or 6th). */
export function chordToneIntervals(chord: ChordLike): number[] {
  switch (chordQuality(chord)) {
    case 'major':
      return chord.root >= 0 && bit(relativeChordMask(chord.mask, chord.root), 11) ? [0, 4, 7, 11] : [0, 4, 7, 9];
    case 'dominant':
      return [0, 4, 7, 10];
    case 'altered':
      return [0, 4, 7, 10].filter((iv) => iv !== 7 || bit(relativeChordMask(chord.mask, chord.root), 7));
    case 'minor':
      return [0, 3, 7, 10];
    case 'minor-major':
      return bit(relativeChordMask(chord.mask, chord.root), 11) ? [0, 3, 7, 11] : [0, 3, 7, 9];
    case 'half-diminished':
      return [0, 3, 6, 10];
    case 'diminished':
      return [0, 3, 6, 9];
    case 'sus':
      return [0, 5, 7, 10];
  }
}

/** Tensions a player may put on a strong beat and resolve by step (intervals above the root). */
export function tensionIntervals(chord: ChordLike): number[] {
  switch (chordQuality(chord)) {
    case 'major':
      return [2, 9, 6]; // 9, 13, #11
    case 'dominant':
      return [2, 9, 1, 3]; // 9, 13, b9, #9
    case 'altered':
      return [1, 3, 8, 6]; // b9, #9, b13, #11
    case 'minor':
      return [2, 5, 9]; // 9, 11, 13
    case 'minor-major':
      return [2, 5, 11];
    case 'half-diminished':
      return [2, 5, 8]; // 9 (locrian #2), 11, b13
    case 'diminished':
      return [2, 5, 8, 11]; // the whole steps above the chord tones
    case 'sus':
      return [2, 9, 4];
  }
}

/** The chord scale (intervals above the root, ascending, within an octave). */
export function chordScale(chord: ChordLike): number[] {
  switch (chordQuality(chord)) {
    case 'major':
      return [0, 2, 4, 5, 7, 9, 11];
    case 'dominant':
      return [0, 2, 4, 5, 7, 9, 10]; // mixolydian
    case 'altered':
      return [0, 1, 3, 4, 6, 8, 10]; // altered (super-locrian)
    case 'minor':
      return [0, 2, 3, 5, 7, 9, 10]; // dorian
    case 'minor-major':
      return [0, 2, 3, 5, 7, 9, 11]; // melodic minor
    case 'half-diminished':
      return [0, 2, 3, 5, 6, 8, 10]; // locrian natural 2
    case 'diminished':
      return [0, 2, 3, 5, 6, 8, 9, 11]; // whole-half
    case 'sus':
      return [0, 2, 4, 5, 7, 9, 10];
  }
}

/**
 * The bebop scale: eight notes that alternate chord tone / other note, so that eighth notes
 * moving through it from a chord tone on a beat put a chord tone on every beat. Dominant bebop
 * (mixolydian + major 7th), major bebop (major 6th chord + #5), minor (dorian + major 7th),
 * altered dominants (mixolydian b9 b13 + major 7th), half-diminished (locrian + major 7th).
 */
export function bebopScale(chord: ChordLike): number[] {
  switch (chordQuality(chord)) {
    case 'major':
      return [0, 2, 4, 5, 7, 8, 9, 11];
    case 'dominant':
    case 'sus':
      return [0, 2, 4, 5, 7, 9, 10, 11];
    case 'altered':
      return [0, 1, 4, 5, 7, 8, 10, 11];
    case 'minor':
      return [0, 2, 3, 5, 7, 9, 10, 11];
    case 'minor-major':
      return [0, 2, 3, 5, 7, 8, 9, 11];
    case 'half-diminished':
      return [0, 1, 3, 5, 6, 8, 10, 11];
    case 'diminished':
      return [0, 2, 3, 5, 6, 8, 9, 11];
  }
}

/** The chord tones of the bebop scale (the notes it puts on the beats): for major, R 3 5 6. */
export function bebopChordTones(chord: ChordLike): number[] {
  const q = chordQuality(chord);
  if (q === 'major') return [0, 4, 7, 9];
  if (q === 'sus' || q === 'altered') return [0, 4, 7, 10]; // the scale's own dominant chord tones
  if (q === 'minor-major') return [0, 3, 7, 9];
  return chordToneIntervals(chord);
}

/** Minor blues scale (R b3 4 b5 5 b7) above a tonic. */
export const BLUES_SCALE = [0, 3, 5, 6, 7, 10];

const rootOf = (chord: ChordLike) => (chord.root < 0 ? 0 : chord.root);

/** Pitch classes of intervals above the chord's root. */
export function pcsAbove(chord: ChordLike, intervals: readonly number[]): number[] {
  return intervals.map((iv) => (rootOf(chord) + iv) % 12);
}

/** All MIDI pitches in [lo, hi] whose pitch class is in `pcs`, ascending. */
export function pitchesIn(pcs: readonly number[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = lo; p <= hi; p++) if (pcs.includes(((p % 12) + 12) % 12)) out.push(p);
  return out;
}

/** Interval of `pitch` above the chord's root, 0..11. */
export function degreeOf(pitch: number, chord: ChordLike): number {
  return (((pitch - rootOf(chord)) % 12) + 12) % 12;
}

/** The pitch with pitch class in `pcs` nearest to `near` (ties go down), optionally strictly above/below it. */
export function nearestPitch(pcs: readonly number[], near: number, side: 'any' | 'above' | 'below' = 'any'): number {
  for (let d = side === 'any' ? 0 : 1; d < 24; d++) {
    const down = near - d;
    const up = near + d;
    if (side !== 'above' && pcs.includes(((down % 12) + 12) % 12)) return down;
    if (side !== 'below' && pcs.includes(((up % 12) + 12) % 12)) return up;
  }
  throw new Error(`no pitch class of [${pcs.join(', ')}] near ${near}`);
}

/** The next scale pitch above (dir 1) or below (dir -1) `pitch`. */
export function scaleStep(pcs: readonly number[], pitch: number, dir: 1 | -1): number {
  return nearestPitch(pcs, pitch, dir > 0 ? 'above' : 'below');
}
