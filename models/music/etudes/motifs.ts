// Motifs: the opening cell of a phrase (its rhythm and its intervals) remembered and developed
// the way a soloist does: sequenced over the next chord (same shape from the same chord degree,
// fitted to the new chord's scale), displaced by an eighth or a beat, inverted, cut to a
// fragment and repeated, or stretched to twice its length. Call and response reuse it too.
import { chordOf, inRange, type LineContext, type LineNote } from './line-types';
import { chordScale, chordToneIntervals, degreeOf, nearestPitch, pcsAbove } from './scales';

export interface Motif {
  offsets: number[]; // onset of each note from the first (ticks)
  intervals: number[]; // pitch of each note from the first (semitones)
  degree: number; // the first note's interval above its chord's root
}

export type Development = 'sequence' | 'displace' | 'invert' | 'fragment' | 'augment';

/** The motif of the first notes of a line (3 to `maxNotes` notes within two beats), or null. */
export function captureMotif(ctx: LineContext, line: readonly LineNote[], maxNotes = 6): Motif | null {
  const first = line[0];
  if (!first) return null;
  const cell = line.filter((n) => n.start - first.start < 24).slice(0, maxNotes);
  if (cell.length < 3) return null;
  return {
    offsets: cell.map((n) => n.start - first.start),
    intervals: cell.map((n) => n.pitch - first.pitch),
    degree: degreeOf(first.pitch, chordOf(ctx, first.start)),
  };
}

/** The length of a motif in ticks, from its first onset to a beat after its last. */
export function motifSpan(m: Motif): number {
  return Math.ceil((m.offsets[m.offsets.length - 1] + 1) / 12) * 12;
}

/**
 * A development of `motif` starting at `start` (before displacement), near pitch `near`: its
 * first note takes the motif's chord degree over the chord sounding there; the other notes keep
 * the motif's contour, fitted to the chord scale under each (a chord tone of the motif stays one).
 */
export function developMotif(ctx: LineContext, motif: Motif, start: number, near: number, how: Development): LineNote[] {
  let offsets = motif.offsets;
  let intervals = motif.intervals;
  let at = start;
  if (how === 'displace') at += ctx.rng.pick([6, 8, 12]);
  if (how === 'invert') intervals = intervals.map((iv) => -iv);
  if (how === 'augment') offsets = offsets.map((o) => o * 2);
  if (how === 'fragment') {
    const k = Math.max(2, Math.min(3, offsets.length - 1));
    const span = Math.ceil((offsets[k - 1] + 1) / 6) * 6;
    offsets = [...offsets.slice(0, k), ...offsets.slice(0, k).map((o) => o + span)];
    intervals = [...intervals.slice(0, k), ...intervals.slice(0, k)];
  }
  const chord = chordOf(ctx, at);
  const root = chord.root < 0 ? 0 : chord.root;
  const first = inRange(ctx, nearestPitch([(root + motif.degree) % 12], near));
  const notes: LineNote[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const t = at + offsets[i];
    const c = chordOf(ctx, t);
    const raw = first + intervals[i];
    const tones = pcsAbove(c, chordToneIntervals(c));
    // chord tones stay chord tones; other notes move to the nearest note of the chord scale
    const pitch = tones.includes(((raw % 12) + 12) % 12) ? raw : nearestPitch(pcsAbove(c, chordScale(c)), raw);
    notes.push({ pitch: inRange(ctx, pitch), start: t, role: i === 0 ? 'target' : 'passing' });
  }
  return notes;
}
