// Playing "outside" the written chord for a moment, the way players do and teachers name it:
// resolving late (the old chord carried a beat or two past the change), anticipating (the next
// chord played a beat early), the tritone substitute over a dominant, and side-slipping a half
// step up and back. Each returns a context whose chords are changed over one stretch, so any
// figure written with it follows the implied harmony.
import { chordOf, type LineContext } from './line-types';
import { chordQuality, type ChordLike } from './scales';
import type { ChordSpan } from '../types';

export type Superimposition = 'delay' | 'anticipate' | 'tritone' | 'sideslip';

function rotate(mask: number, by: number): number {
  let out = 0;
  for (let pc = 0; pc < 12; pc++) if (mask & (1 << pc)) out |= 1 << ((pc + by) % 12);
  return out;
}

/** The context with `chord` sounding over [from, to) instead of the written chords. */
export function withChordOver(ctx: LineContext, chord: ChordLike, from: number, to: number): LineContext {
  if (to <= from) return ctx;
  const spans: ChordSpan[] = [];
  for (const c of ctx.chords) {
    if (c.end <= from || c.start >= to) spans.push(c);
    else {
      if (c.start < from) spans.push({ ...c, end: from });
      if (c.end > to) spans.push({ ...c, start: to });
    }
  }
  spans.push({ start: from, end: to, symbol: 'implied', root: chord.root, mask: chord.mask });
  spans.sort((a, b) => a.start - b.start);
  return { ...ctx, chords: spans };
}

/** A superimposition over [from, to), or the context unchanged when it does not apply there. */
export function superimpose(ctx: LineContext, how: Superimposition, from: number, to: number): LineContext {
  const here = chordOf(ctx, from);
  switch (how) {
    case 'delay': {
      // the first change just before or inside the stretch: the old chord goes on past it
      const change = ctx.chords.find((c) => c.start > from - 12 && c.start < to && c.start > 0);
      return change ? withChordOver(ctx, chordOf(ctx, change.start - 1), change.start, Math.min(to, change.start + 24)) : ctx;
    }
    case 'anticipate': {
      const next = ctx.chords.find((c) => c.start > from && c.start <= to + 12);
      return next ? withChordOver(ctx, next, Math.max(from, next.start - 12), next.start) : ctx;
    }
    case 'tritone': {
      const q = chordQuality(here);
      if (q !== 'dominant' && q !== 'altered') return ctx;
      return withChordOver(ctx, { root: (here.root + 6) % 12, mask: rotate(here.mask, 6) }, from, to);
    }
    case 'sideslip':
      return withChordOver(ctx, { root: (here.root + 1) % 12, mask: rotate(here.mask, 1) }, from, Math.min(to, from + 24));
  }
}

/** Pick a superimposition for a figure, or none: modern players and tension lovers use more. */
export function chooseSuperimposition(ctx: LineContext): Superimposition | null {
  const p = ctx.player;
  if (!ctx.rng.chance(0.12 + 0.6 * p.tension * p.chromatic)) return null;
  return ctx.rng.weighted([
    ['delay', 3],
    ['anticipate', 3],
    ['tritone', 2 * p.chromatic],
    ['sideslip', p.chromatic],
  ] as const);
}
