// Small musical fixtures for the piano-roll tests.
import type { ChordSpan, RollNote } from '../../../renderer/pianoroll/types';

const PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** A chord span from a root name and intervals above it. */
export function chord(symbol: string, root: string, intervals: number[], start: number, end: number): ChordSpan {
  const r = PC[root];
  let mask = 0;
  for (const i of intervals) mask |= 1 << ((r + i) % 12);
  return { symbol, root: r, mask, start, end };
}

export const C7 = (start: number, end: number) => chord('C7', 'C', [0, 4, 7, 10], start, end);
export const Dm7 = (start: number, end: number) => chord('Dm7', 'D', [0, 3, 7, 10], start, end);
export const Cmaj7 = (start: number, end: number) => chord('Cmaj7', 'C', [0, 4, 7, 11], start, end);

export function note(pitch: number, start: number, dur = 6, primer?: boolean): RollNote {
  return primer === undefined ? { pitch, start, dur, velocity: 90 } : { pitch, start, dur, velocity: 90, primer };
}

/** A deterministic pseudo-random line of `count` eighth-ish notes over 4/4 bars. */
export function randomLine(count: number, seed = 1): RollNote[] {
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out: RollNote[] = [];
  let t = 0;
  let p = 64;
  for (let i = 0; i < count; i++) {
    const dur = [3, 4, 6, 6, 8, 12][Math.floor(rnd() * 6)];
    p = Math.min(96, Math.max(40, p + Math.floor(rnd() * 9) - 4));
    out.push({ pitch: p, start: t, dur, velocity: 64 + Math.floor(rnd() * 50) });
    t += dur + (rnd() < 0.15 ? 6 : 0);
  }
  return out;
}
