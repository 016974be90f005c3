import type { ChordSpan } from '../../../models/music/types';
import type { PlayableTake } from '../../../renderer/audio/schedule';

const PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11, Bb: 10, Eb: 3 };

export function chord(symbol: string, root: string, intervals: number[], start: number, end: number): ChordSpan {
  const r = PC[root];
  let mask = 0;
  for (const i of intervals) mask |= 1 << ((r + i) % 12);
  return { symbol, root: r, mask, start, end };
}
export const DOM7 = [0, 4, 7, 10];
export const MIN7 = [0, 3, 7, 10];
export const MAJ7 = [0, 4, 7, 11];

/** ii-V-I-I in C, one bar each, with an eighth-note line. */
export function twoFiveOne(): PlayableTake {
  const chords = [chord('Dm7', 'D', MIN7, 0, 48), chord('G7', 'G', DOM7, 48, 96), chord('Cmaj7', 'C', MAJ7, 96, 192)];
  const bars = [0, 48, 96, 144].map((start) => ({ start, beats: 4 }));
  const line = [62, 65, 69, 72, 71, 67, 65, 62, 64, 67, 71, 74, 72, 71, 69, 67];
  const notes = line.map((pitch, i) => ({ pitch, start: i * 6, dur: 6, velocity: 96 }));
  notes.push({ pitch: 64, start: 96, dur: 48, velocity: 80 });
  return { notes, chords, bars, tempo: 120 };
}
