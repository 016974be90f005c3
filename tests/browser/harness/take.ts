// A deterministic, musical-looking test take: an eighth-note line over a jazz blues in F
// (chord tones on strong beats, scale steps between, half-step approaches into each change).
import type { Bar, ChordSpan, Note } from '../../../models/music/types';

const ROOTS: Record<string, number> = { F: 5, Bb: 10, B: 11, C: 0, D: 2, G: 7 };
const QUALITIES: Record<string, number[]> = { '7': [0, 4, 7, 10], m7: [0, 3, 7, 10], dim7: [0, 3, 6, 9] };
const SCALES: Record<string, number[]> = { '7': [0, 2, 4, 5, 7, 9, 10], m7: [0, 2, 3, 5, 7, 9, 10], dim7: [0, 2, 3, 5, 6, 8, 9, 11] };

/** Jazz blues in F: [symbol, beats] per chord. */
const BLUES: Array<[string, number]> = [
  ['F7', 4],
  ['Bb7', 4],
  ['F7', 4],
  ['Cm7', 2],
  ['F7', 2],
  ['Bb7', 4],
  ['Bdim7', 4],
  ['F7', 4],
  ['D7', 4],
  ['Gm7', 4],
  ['C7', 4],
  ['F7', 2],
  ['D7', 2],
  ['Gm7', 2],
  ['C7', 2],
];

function parse(symbol: string): { root: number; quality: string } {
  const m = /^([A-G]b?)(.*)$/.exec(symbol)!;
  return { root: ROOTS[m[1]], quality: m[2] };
}

export interface HarnessTake {
  notes: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  tempo: number;
  primerEnd: number;
}

export function makeTake(noteCount: number, seed = 7, tempo = 160): HarnessTake {
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const chords: ChordSpan[] = [];
  const bars: Bar[] = [];
  const notes: Note[] = [];
  const spans = BLUES.map(([symbol, beats]) => {
    const { root, quality } = parse(symbol);
    let mask = 0;
    for (const i of QUALITIES[quality]) mask |= 1 << ((root + i) % 12);
    return { symbol, beats, root, mask, scale: SCALES[quality].map((i) => (root + i) % 12) };
  });
  const isTone = (mask: number) => (p: number) => (mask & (1 << (p % 12))) !== 0;
  let t = 0;
  let pitch = 65;
  let dir = 1;
  let target: number | null = null; // chord tone the approach note leads into
  for (let k = 0; notes.length < noteCount; k++) {
    const c = spans[k % spans.length];
    const next = spans[(k + 1) % spans.length];
    const start = t;
    const end = t + c.beats * 12;
    chords.push({ start, end, symbol: c.symbol, root: c.root, mask: c.mask });
    if (start % 48 === 0) bars.push({ start, beats: 4 });
    for (let tick = start; tick < end && notes.length < noteCount;) {
      const lastSlot = tick + 6 >= end;
      const r = rnd();
      if (r < 0.06 && tick > start && !lastSlot) {
        tick += 6; // breathe
        continue;
      }
      if (target !== null && tick === start) {
        pitch = target; // resolve the approach
        target = null;
      } else if (lastSlot && rnd() < 0.6) {
        target = nearest(pitch + dir * 2, isTone(next.mask));
        pitch = target + (rnd() < 0.5 ? 1 : -1); // half step into the next chord's tone
      } else if (tick % 12 === 0) {
        pitch = nearest(pitch + dir * (rnd() < 0.15 ? 5 : 2), isTone(c.mask)); // chord tone, now and then a leap
      } else if (rnd() < 0.05) {
        pitch += dir; // an occasional chromatic passing note
      } else {
        pitch = nearest(pitch + dir, (p) => c.scale.includes(p % 12) && p !== pitch);
      }
      if (pitch > 81) dir = -1;
      else if (pitch < 58) dir = 1;
      else if (rnd() < 0.18) dir = -dir;
      pitch = Math.min(88, Math.max(52, pitch));
      const dur = r > 0.9 && !lastSlot ? 12 : 6;
      notes.push({ pitch, start: tick, dur: Math.min(dur, end - tick), velocity: 70 + Math.floor(rnd() * 40) });
      tick += Math.min(dur, end - tick);
    }
    t = end;
  }
  const last = notes[notes.length - 1];
  const endTick = Math.ceil((last.start + last.dur) / 48) * 48;
  return {
    notes,
    chords: chords.filter((c) => c.start < endTick).map((c) => ({ ...c, end: Math.min(c.end, endTick) })),
    bars: bars.filter((b) => b.start < endTick),
    tempo,
    primerEnd: 96,
  };
}

function nearest(target: number, ok: (p: number) => boolean): number {
  for (let d = 0; d < 12; d++) {
    if (ok(target + d)) return target + d;
    if (ok(target - d)) return target - d;
  }
  return target;
}
