// Targets and the ways into them. A strong beat gets a chord tone or, as often as the player
// likes, a tension that then resolves by step; a target is reached by a chromatic approach, a
// scale approach, or an enclosure (notes above and below it closing in), so the target itself
// lands on the beat.
import { chordOf, inRange, type LineContext, type LineNote } from './line-types';
import { chordScale, chordToneIntervals, degreeOf, nearestPitch, pcsAbove, scaleStep, tensionIntervals, type ChordLike } from './scales';

/** A target pitch near `near`, moving in `dir` by up to `reach` semitones: a chord tone, or a
 *  tension with probability `tension`. */
export function chooseTarget(
  ctx: LineContext,
  chord: ChordLike,
  near: number,
  dir: 1 | -1,
  tension: number,
  reach = 5,
): { pitch: number; tension: boolean } {
  const useTension = ctx.rng.chance(tension);
  const pcs = pcsAbove(chord, useTension ? tensionIntervals(chord) : chordToneIntervals(chord));
  const ahead: number[] = [];
  for (let d = 1; d <= reach; d++) if (pcs.includes((((near + dir * d) % 12) + 12) % 12)) ahead.push(near + dir * d);
  const pitch = ahead.length ? ctx.rng.pick(ahead.slice(0, 2)) : nearestPitch(pcs, near);
  return { pitch: inRange(ctx, pitch), tension: useTension };
}

/** Where a tension resolves: the chord tone a step away (down first, as the ear expects). */
export function resolution(chord: ChordLike, pitch: number): number {
  const tones = pcsAbove(chord, chordToneIntervals(chord));
  const deg = degreeOf(pitch, chord);
  // #9 and #11 lean up (to the 3rd and the 5th); the others fall
  const up = deg === 3 && tones.includes((pitch + 1) % 12) ? 1 : deg === 6 && tones.includes((pitch + 1) % 12) ? 1 : 0;
  if (up) return pitch + 1;
  for (const d of [1, 2]) if (tones.includes((((pitch - d) % 12) + 12) % 12)) return pitch - d;
  for (const d of [1, 2]) if (tones.includes((pitch + d) % 12)) return pitch + d;
  return nearestPitch(tones, pitch);
}

export type EnclosureKind = 'above-below' | 'below-above' | 'chromatic-both' | 'double-above' | 'three-note';

/**
 * The approach notes of an enclosure of `target` (the notes BEFORE it, in order): a scale step
 * above and a half step below, or the reverse, or both chromatic, or two chromatic steps from
 * above, or scale-above / scale-below / half-step-below.
 */
export function enclosureNotes(kind: EnclosureKind, target: number, chord: ChordLike): number[] {
  const scale = pcsAbove(chord, chordScale(chord));
  const above = scaleStep(scale, target, 1);
  const below = scaleStep(scale, target, -1);
  switch (kind) {
    case 'above-below':
      return [above, target - 1];
    case 'below-above':
      return [target - 1, above];
    case 'chromatic-both':
      return [target + 1, target - 1];
    case 'double-above':
      return [target + 2, target + 1];
    case 'three-note':
      return [above, below, target - 1 === below ? target + 1 : target - 1];
  }
}

/**
 * Notes that reach `target` at `targetTick` (a beat) through the onsets before it: an enclosure
 * when there are two or three, else a single chromatic or scale approach. Returns the approach
 * notes and the target, last, on `targetTick`.
 */
export function enclose(
  ctx: LineContext,
  before: number[],
  target: number,
  targetTick: number,
  chord: ChordLike = chordOf(ctx, targetTick),
): LineNote[] {
  const rng = ctx.rng;
  let approach: number[];
  if (before.length >= 3 && rng.chance(0.4)) approach = enclosureNotes('three-note', target, chord);
  else if (before.length >= 2)
    approach = enclosureNotes(
      rng.weighted([
        ['above-below', 5],
        ['below-above', 2],
        ['chromatic-both', 2],
        ['double-above', 1.5],
      ] as const),
      target,
      chord,
    );
  else if (before.length === 1) {
    const scale = pcsAbove(chord, chordScale(chord));
    approach = [
      rng.weighted([
        [target - 1, 4],
        [target + 1, 2],
        [scaleStep(scale, target, 1), 2],
        [scaleStep(scale, target, -1), 1],
      ] as const),
    ];
  } else approach = [];
  const ticks = before.slice(before.length - approach.length);
  const notes: LineNote[] = approach.map((pitch, i) => ({ pitch, start: ticks[i], role: 'approach' }));
  notes.push({ pitch: target, start: targetTick, role: 'target' });
  return notes;
}
