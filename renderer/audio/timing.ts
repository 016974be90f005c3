// Ticks <-> seconds with swing. Swing warps each beat piecewise-linearly so the off-beat eighth
// (tick 6 of 12) lands at `offbeatFraction(swing)` of the beat: 0 = straight (1/2), 1 = 2:1
// triplet swing (2/3). Everything on the first half of the beat is stretched, the second half
// squeezed, so sixteenths and triplets move with their eighth.

import { TICKS_PER_BEAT } from '../../models/music/vocabulary';

const HALF = TICKS_PER_BEAT / 2;

export function offbeatFraction(swing: number): number {
  const s = Math.min(1, Math.max(0, swing));
  return 0.5 + s / 6;
}

/** Swung position of a tick, in beats. */
export function swungBeats(tick: number, swing: number): number {
  const beat = Math.floor(tick / TICKS_PER_BEAT);
  const p = tick - beat * TICKS_PER_BEAT;
  const off = offbeatFraction(swing);
  const frac = p <= HALF ? (p / HALF) * off : off + ((p - HALF) / HALF) * (1 - off);
  return beat + frac;
}

/** Inverse of swungBeats: the (fractional) tick heard at a swung beat position. */
export function unswungTick(beats: number, swing: number): number {
  const beat = Math.floor(beats);
  const q = beats - beat;
  const off = offbeatFraction(swing);
  const p = q <= off ? (q / off) * HALF : HALF + ((q - off) / (1 - off)) * HALF;
  return beat * TICKS_PER_BEAT + p;
}

export interface Clock {
  tempo: number; // quarter-note beats per minute
  swing: number; // 0..1
}

export const secondsPerBeat = (c: Clock): number => 60 / c.tempo;

export function tickToSeconds(tick: number, c: Clock): number {
  return swungBeats(tick, c.swing) * secondsPerBeat(c);
}

/** Seconds from tick 0 -> tick. Negative seconds (count-in) map linearly to negative ticks. */
export function secondsToTick(seconds: number, c: Clock): number {
  const beats = seconds / secondsPerBeat(c);
  if (beats < 0) return beats * TICKS_PER_BEAT;
  return unswungTick(beats, c.swing);
}
