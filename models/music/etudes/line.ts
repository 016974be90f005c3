// Pitches for an etude's rhythm, bebop style: chord tones on the beats (a melodic random walk
// with momentum), and between them passing tones from the chord's scale, chromatic approach
// notes, enclosures (scale step above, half step below, then the target) and arpeggios.
import { chordAt } from '../encode';
import type { ChordSpan, Note } from '../types';
import { floorDuration } from '../vocabulary';
import { chordTonePcs, pitchesIn, scaleIntervals } from './harmony';
import type { Rng } from './rng';
import type { Slot } from './rhythm';

export interface Range {
  lo: number;
  hi: number;
}

function nearest(cands: number[], target: number): number {
  let best = cands[0];
  for (const c of cands) if (Math.abs(c - target) < Math.abs(best - target)) best = c;
  return best;
}

function scalePitches(chord: Pick<ChordSpan, 'root' | 'mask'>, range: Range): number[] {
  const root = chord.root < 0 ? 0 : chord.root;
  return pitchesIn(scaleIntervals(chord).map((iv) => (root + iv) % 12), range.lo - 2, range.hi + 2);
}

/** Choose the chord tones on strong slots: a walk that keeps moving in one direction for a while. */
function strongPitches(slots: Slot[], chords: ChordSpan[], rng: Rng, range: Range, center: number): Map<number, number> {
  const out = new Map<number, number>();
  let pitch = center;
  let dir = rng.chance(0.5) ? 1 : -1;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i];
    if (!s.strong && !s.phraseStart) continue;
    const tones = pitchesIn(chordTonePcs(chordAt(s.start, chords)), range.lo, range.hi);
    if (s.phraseStart && rng.chance(0.4)) pitch = center + rng.int(-7, 7); // a new phrase may start elsewhere
    if (pitch >= range.hi - 4) dir = -1;
    else if (pitch <= range.lo + 4) dir = 1;
    else if (rng.chance(0.18)) dir = -dir;
    // step to a chord tone 1..5 semitones away in the direction (sometimes a leap: an arpeggio skip)
    const leap = rng.chance(0.2);
    const ahead = tones.filter((t) => (dir > 0 ? t > pitch : t < pitch) && Math.abs(t - pitch) <= (leap ? 9 : 5));
    const farthest = dir > 0 ? ahead[ahead.length - 1] : ahead[0];
    const next = ahead.length ? (leap ? farthest : nearest(ahead, pitch + dir * 3)) : nearest(tones, pitch - dir * 3);
    pitch = next;
    out.set(i, pitch);
  }
  return out;
}

/** Fill one weak slot between `prev` and the next strong pitch. */
function weakPitch(prev: number, target: number | undefined, chord: Pick<ChordSpan, 'root' | 'mask'>, rng: Rng, range: Range, gapToTarget: number): number {
  const scale = scalePitches(chord, range);
  if (target === undefined) {
    // phrase tail without a following target: a scale step
    const dir = rng.chance(0.5) ? 1 : -1;
    const cands = scale.filter((p) => p !== prev && Math.abs(p - prev) <= 2 && Math.sign(p - prev) === dir);
    return cands.length ? cands[0] : prev;
  }
  const kind = rng.weighted([['passing', 5], ['approach', 3], ['arpeggio', 1.5]] as const);
  if (gapToTarget === 1) {
    // the note right before the target: chromatic approach from below or a scale step above
    if (kind === 'approach') return rng.chance(0.65) ? target - 1 : target + 1;
    const above = scale.filter((p) => p > target && p - target <= 2);
    const below = scale.filter((p) => p < target && target - p <= 2);
    if (target > prev && below.length) return below[below.length - 1];
    if (target < prev && above.length) return above[0];
    return rng.chance(0.5) ? target - 1 : target + 1;
  }
  if (gapToTarget === 2 && kind === 'approach') {
    // enclosure: scale step above the target, then the half step below it
    const above = scale.filter((p) => p > target && p - target <= 2);
    return above.length ? above[0] : target + 2;
  }
  if (kind === 'arpeggio') {
    const tones = pitchesIn(chordTonePcs(chord), range.lo, range.hi).filter((t) => t !== prev && Math.abs(t - prev) <= 7);
    if (tones.length) return nearest(tones, prev + Math.sign(target - prev || 1) * 4);
  }
  // passing tone: a scale step from prev toward the target
  const dir = Math.sign(target - prev) || (rng.chance(0.5) ? 1 : -1);
  const steps = scale.filter((p) => Math.sign(p - prev) === dir && Math.abs(p - prev) <= 2);
  return steps.length ? (dir > 0 ? steps[0] : steps[steps.length - 1]) : prev + dir;
}

/** Notes for the slots over the chords. */
export function melodize(slots: Slot[], chords: ChordSpan[], rng: Rng, range: Range, center: number): Note[] {
  // chord tones stay 2 semitones inside the range, so approach notes never leave it
  const inner = { lo: range.lo + 2, hi: range.hi - 2 };
  const strong = strongPitches(slots, chords, rng, inner, center);
  const notes: Note[] = [];
  let prev = center;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i];
    let pitch = strong.get(i);
    if (pitch === undefined) {
      // find the next strong slot within this phrase
      let j = i + 1;
      while (j < slots.length && !strong.has(j) && !slots[j - 1].phraseEnd) j++;
      const target = j < slots.length && strong.has(j) && !slots[j - 1].phraseEnd ? strong.get(j) : undefined;
      // enclosures need the two notes before the target: the second gets the half step below
      const gap = j - i;
      if (gap === 1 && i > 0 && !strong.has(i - 1) && notes.length && target !== undefined && notes[notes.length - 1].pitch > target && notes[notes.length - 1].pitch - target <= 2 && rng.chance(0.7)) {
        pitch = target - 1;
      } else pitch = weakPitch(prev, target, chordAt(s.start, chords), rng, range, gap);
      if (gap === 1 && pitch === target) pitch = target - 1; // never anticipate the target: approach it
    }
    if (pitch === prev && !strong.has(i)) {
      // no repeated passing notes: take a scale neighbour instead
      const scale = scalePitches(chordAt(s.start, chords), range).filter((p) => p !== prev && Math.abs(p - prev) <= 2);
      if (scale.length) pitch = rng.pick(scale);
    }
    pitch = Math.max(range.lo, Math.min(range.hi, pitch));
    const dur = floorDuration(i + 1 < slots.length ? Math.min(s.dur, slots[i + 1].start - s.start) : s.dur);
    const accent = s.strong ? 0 : 8; // swing: offbeats a touch louder
    notes.push({ pitch, start: s.start, dur, velocity: Math.min(120, 72 + accent + rng.int(0, 16)) });
    prev = pitch;
  }
  return notes;
}
