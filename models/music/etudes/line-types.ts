// The shapes shared by the etude writer's parts: a note of the line before articulation and
// dynamics, and what a figure knows when it picks pitches (the player, the chords, the register).
import type { ChordSpan } from '../types';
import { chordAt } from '../encode';
import type { Player } from './players';
import type { Rng } from '../../random';
import type { Feel } from './rhythm';
import type { ChordLike } from './scales';

/** What a note does in the line; articulation and dynamics read it. */
export type Role = 'target' | 'chord' | 'tension' | 'passing' | 'approach' | 'grace' | 'blue' | 'end';

export interface LineNote {
  pitch: number;
  start: number; // ticks
  role: Role;
  hold?: number; // ticks a closing note wants to ring (else it sounds within its inter-onset time)
}

export interface LineContext {
  rng: Rng;
  player: Player;
  chords: ChordSpan[];
  tempo: number;
  feel: Feel;
  tonic: number; // the etude's key (pitch class), for blues licks over the whole form
  blues: boolean; // the form is a blues: blues licks fit anywhere
  guideTones?: Map<number, number>; // the etude's guide-tone line: chord start tick -> pitch
}

/** The chord sounding at a tick (a C major triad stands in for N.C.). */
export function chordOf(ctx: LineContext, tick: number): ChordLike {
  const c = chordAt(tick, ctx.chords);
  return c.root < 0 ? { root: 0, mask: 0b10010001 } : c;
}

/** The tick of the next chord change after `tick`, or Infinity. */
export function nextChange(ctx: LineContext, tick: number): number {
  for (const c of ctx.chords) if (c.start > tick) return c.start;
  return Infinity;
}

/** Keep a pitch inside the player's range by octaves. */
export function inRange(ctx: LineContext, pitch: number): number {
  let p = pitch;
  while (p > ctx.player.hi) p -= 12;
  while (p < ctx.player.lo) p += 12;
  return p;
}

/** The direction a line should take from `pitch`: turn around near the edges of the range. */
export function steer(ctx: LineContext, pitch: number, dir: 1 | -1, margin = 3): 1 | -1 {
  if (pitch >= ctx.player.hi - margin) return -1;
  if (pitch <= ctx.player.lo + margin) return 1;
  return dir;
}
