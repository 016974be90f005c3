// The melodic figures a line is made of, each filling a list of onsets with pitches from where
// the line is: bebop-scale lines (chord tones kept on the beats), chord-scale runs, arpeggios of
// the chord and of its upper structures (3-5-7-9, 7-9-11-13) in any inversion, digital patterns
// (1-2-3-5), sixteenth-note turns around a chord tone, and tensions that resolve by step.
import { chordOf, inRange, steer, type LineContext, type LineNote } from './line-types';
import { resolution } from './targets';
import {
  bebopChordTones,
  bebopScale,
  chordQuality,
  chordScale,
  chordToneIntervals,
  degreeOf,
  nearestPitch,
  pcsAbove,
  scaleStep,
  tensionIntervals,
  type ChordLike,
} from './scales';

export type FigureKind = 'bebop' | 'displaced' | 'scale' | 'chromatic' | 'thirds' | 'fourths' | 'arpeggio' | 'digital' | 'turn' | 'tension';

/**
 * Eighth notes through the bebop scale of the chord under each onset, moving in `dir` from
 * `from`; on a beat the line sits on a chord tone of the bebop scale (a note that is not one is
 * pushed one scale step on), so chord tones fall on the beats wherever the line starts.
 * `displaced` keeps the chord tones on the upbeats instead (the line shifted by an eighth).
 */
export function bebopLine(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1, displaced = false): LineNote[] {
  const notes: LineNote[] = [];
  let p = from;
  let d = dir;
  for (const t of onsets) {
    const chord = chordOf(ctx, t);
    const scale = pcsAbove(chord, bebopScale(chord));
    const tones = pcsAbove(chord, bebopChordTones(chord));
    d = steer(ctx, p, d);
    p = scaleStep(scale, p, d);
    const strong = (t % 12 === 0) !== displaced;
    if (strong && !tones.includes(p % 12)) p = scaleStep(scale, p, d);
    notes.push({ pitch: p, start: t, role: strong ? 'chord' : 'passing' });
  }
  return notes;
}

/** A run through the chord scale (tensions fall where they fall), now and then skipping a degree
 *  or displaced by an octave: used for double-time bursts and triplet runs. */
export function scaleRun(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  const notes: LineNote[] = [];
  let p = from;
  let d = dir;
  for (const t of onsets) {
    const chord = chordOf(ctx, t);
    d = steer(ctx, p, d);
    const scale = pcsAbove(chord, chordScale(chord));
    p = scaleStep(scale, p, d);
    // now and then a skipped degree, or the line jumps an octave and goes on (octave displacement)
    if (notes.length && ctx.rng.chance(0.15)) p = scaleStep(scale, p, d);
    else if (notes.length && ctx.rng.chance(0.05 * ctx.player.leaps) && p - 12 * d >= ctx.player.lo && p - 12 * d <= ctx.player.hi)
      p -= 12 * d;
    notes.push({ pitch: p, start: t, role: 'passing' });
  }
  return notes;
}

/** A chromatic run: from a chord tone, two to four half steps in the line's direction (5 b5 4 3,
 *  or 3 #9 9 b9 R over a dominant), then on through the bebop scale. */
export function chromaticRun(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  if (onsets.length === 0) return [];
  const chord = chordOf(ctx, onsets[0]);
  const d = steer(ctx, from, dir, 6);
  const start = inRange(ctx, nearestPitch(pcsAbove(chord, chordToneIntervals(chord)), from + d * 2));
  const halfSteps = Math.min(onsets.length, ctx.rng.int(3, 5));
  const notes: LineNote[] = [];
  for (let i = 0; i < halfSteps; i++) notes.push({ pitch: start + d * i, start: onsets[i], role: i === 0 ? 'chord' : 'passing' });
  if (onsets.length > halfSteps) notes.push(...bebopLine(ctx, onsets.slice(halfSteps), notes[notes.length - 1].pitch, d));
  return notes;
}

/** The scale in broken thirds (1-3, 2-4, 3-5 ... or down 8-6, 7-5 ...): a third in the line's
 *  direction, then a step back, through the chord scale. */
export function brokenThirds(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  const notes: LineNote[] = [];
  let p = from;
  let d = dir;
  onsets.forEach((t, i) => {
    const chord = chordOf(ctx, t);
    const scale = pcsAbove(chord, chordScale(chord));
    d = steer(ctx, p, d, 5);
    p = i % 2 === 0 ? scaleStep(scale, scaleStep(scale, p, d), d) : scaleStep(scale, p, d === 1 ? -1 : 1);
    notes.push({ pitch: p, start: t, role: 'passing' });
  });
  return notes;
}

/** Stacked fourths (the modern, quartal sound): perfect fourths from a chord tone or tension,
 *  each fitted to the chord scale, three or four up (or down) and back. */
export function fourths(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  if (onsets.length === 0) return [];
  const chord = chordOf(ctx, onsets[0]);
  const scale = pcsAbove(chord, chordScale(chord));
  const d = steer(ctx, from, dir, 12);
  const start = inRange(ctx, nearestPitch(pcsAbove(chord, [...chordToneIntervals(chord), ...tensionIntervals(chord)]), from + d * 2));
  const stack = [start];
  for (let i = 1; i < 4; i++) stack.push(nearestPitch(scale, stack[i - 1] + d * 5, d > 0 ? 'above' : 'below'));
  const order = [0, 1, 2, 3, 2, 1];
  return onsets.map((t, i) => ({ pitch: inRange(ctx, stack[order[i % order.length]]), start: t, role: i === 0 ? 'chord' : 'passing' }));
}

/** Chord tones and tensions stacked in thirds above the root: 1 3 5 7 9 11 13 (as intervals). */
export function thirdStack(chord: ChordLike): number[] {
  const [r, third, fifth, seventh] = chordToneIntervals(chord);
  const t = tensionIntervals(chord);
  const q = chordQuality(chord);
  const ninth = (q === 'altered' ? 1 : t.includes(2) ? 2 : t[0]) + 12;
  const eleventh = (q === 'dominant' || q === 'major' ? 6 : q === 'altered' ? 6 : 5) + 12;
  const thirteenth = (q === 'altered' || q === 'half-diminished' ? 8 : 9) + 12;
  return [r, third, fifth, seventh, ninth, eleventh, thirteenth];
}

/**
 * An arpeggio of four stacked thirds from the chord's root, 3rd, 5th or 7th (the upper ones
 * reach the tensions: 3-5-7-9, 5-7-9-11, 7-9-11-13), up or down, starting near `from`; longer
 * onset lists continue into the next octave.
 */
export function arpeggio(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1, lowest?: number): LineNote[] {
  if (onsets.length === 0) return [];
  const chord = chordOf(ctx, onsets[0]);
  const stack = thirdStack(chord);
  const base =
    lowest ??
    ctx.rng.weighted([
      [0, 3],
      [1, 3],
      [2, 2],
      [3, 2],
    ] as const);
  const shape = stack.slice(base, base + 4);
  const root = chord.root < 0 ? 0 : chord.root;
  // the octave that puts the first note of the arpeggio a step or two from `from`
  const first = dir > 0 ? shape[0] : shape[3];
  const anchor = nearestPitch([(root + first) % 12], from + dir * 2) - first;
  // up (or down) the four notes, then back the other way: a broken arpeggio, not a two-octave sweep
  const order = dir > 0 ? [0, 1, 2, 3, 2, 1] : [3, 2, 1, 0, 1, 2];
  const pitches = onsets.map((_, i) => anchor + shape[order[i % order.length]]);
  const shift = Math.max(...pitches) > ctx.player.hi ? -12 : Math.min(...pitches) < ctx.player.lo ? 12 : 0;
  const tones = chordToneIntervals(chord);
  return onsets.map((t, i) => ({
    pitch: pitches[i] + shift,
    start: t,
    role: tones.includes(degreeOf(pitches[i], chord)) ? 'chord' : 'tension',
  }));
}

/** Digital patterns (1-2-3-5, 5-3-2-1, 3-2-1-7 ...) on the chord, repeated a step or a third on. */
export function digital(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  const notes: LineNote[] = [];
  let anchorDeg = 0;
  let i = 0;
  while (i < onsets.length) {
    const chord = chordOf(ctx, onsets[i]);
    const [, third, fifth] = chordToneIntervals(chord);
    const ninth = tensionIntervals(chord).includes(2) ? 2 : 1;
    const up = [0, ninth, third, fifth];
    const cell = dir > 0 ? up : [fifth, third, ninth, 0];
    const degs = ctx.rng.chance(0.3) ? [third, fifth, thirdStack(chord)[3], thirdStack(chord)[4] - 12] : cell;
    const root = chord.root < 0 ? 0 : chord.root;
    const start = nearestPitch(
      [(root + degs[0] + anchorDeg) % 12],
      notes.length ? notes[notes.length - 1].pitch + dir * 2 : from + dir * 2,
    );
    const base = start - degs[0];
    for (let k = 0; k < 4 && i < onsets.length; k++, i++) {
      const pitch = inRange(ctx, base + degs[k] + (degs[k] < degs[0] && dir > 0 ? 12 : 0));
      notes.push({ pitch, start: onsets[i], role: k === 0 ? 'chord' : 'passing' });
    }
    anchorDeg = anchorDeg === 0 ? (dir > 0 ? third : 12 - third) : 0;
  }
  return notes;
}

/** A turn around a chord tone: upper neighbour, the note, the half step below, the note (a
 *  sixteenth-note ornament), then the line goes on by scale steps. */
export function turn(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  if (onsets.length === 0) return [];
  const chord = chordOf(ctx, onsets[0]);
  const tones = pcsAbove(chord, chordToneIntervals(chord));
  const scale = pcsAbove(chord, chordScale(chord));
  const main = inRange(ctx, nearestPitch(tones, from + dir * 2));
  const cell = ctx.rng.chance(0.6) ? [scaleStep(scale, main, 1), main, main - 1, main] : [main, scaleStep(scale, main, 1), main, main - 1];
  const notes: LineNote[] = [];
  let k = 0;
  for (; k < Math.min(4, onsets.length); k++)
    notes.push({ pitch: cell[k], start: onsets[k], role: cell[k] === main ? 'chord' : 'approach' });
  if (k < onsets.length) notes.push(...scaleRun(ctx, onsets.slice(k), notes[notes.length - 1].pitch, dir));
  return notes;
}

/** A tension on the first onset (a beat), resolved by step on the next (an upbeat), then a bebop
 *  line that keeps its chord tones on the upbeats like the resolution. */
export function tensionResolve(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  if (onsets.length === 0) return [];
  const chord = chordOf(ctx, onsets[0]);
  const t = inRange(ctx, nearestPitch(pcsAbove(chord, tensionIntervals(chord)), from + dir * 2));
  const notes: LineNote[] = [{ pitch: t, start: onsets[0], role: 'tension' }];
  // the tension may be struck twice, leaning on it, before it resolves
  const k = onsets.length > 3 && ctx.rng.chance(0.3) ? 2 : 1;
  if (k === 2) notes.push({ pitch: t, start: onsets[1], role: 'tension' });
  if (onsets.length > k) notes.push({ pitch: resolution(chordOf(ctx, onsets[k]), t), start: onsets[k], role: 'chord' });
  if (onsets.length > k + 1) notes.push(...bebopLine(ctx, onsets.slice(k + 1), notes[k].pitch, dir, onsets[k] % 12 !== 0));
  return notes;
}

/** Fill `onsets` with a figure of the given kind. */
export function figure(kind: FigureKind, ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  switch (kind) {
    case 'bebop':
      return bebopLine(ctx, onsets, from, dir);
    case 'displaced':
      return bebopLine(ctx, onsets, from, dir, true);
    case 'scale':
      return scaleRun(ctx, onsets, from, dir);
    case 'thirds':
      return brokenThirds(ctx, onsets, from, dir);
    case 'chromatic':
      return chromaticRun(ctx, onsets, from, dir);
    case 'fourths':
      return fourths(ctx, onsets, from, dir);
    case 'arpeggio':
      return arpeggio(ctx, onsets, from, dir);
    case 'digital':
      return digital(ctx, onsets, from, dir);
    case 'turn':
      return turn(ctx, onsets, from, dir);
    case 'tension':
      return tensionResolve(ctx, onsets, from, dir);
  }
}
