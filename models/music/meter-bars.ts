// Bars from a MIDI file's time signatures (in file ticks) on the 12-ticks-per-beat grid.
import { checkLimit, IMPORT_LIMITS } from './import-limits';
import { TICKS_PER_BEAT } from './vocabulary';
import type { Bar } from './types';

export interface Meter {
  ticks: number; // file ticks where it starts
  num: number;
  den: number;
}

/** Bars covering [0, endTicks) file ticks. A meter change mid-bar starts a new bar there. Counted
 *  before they are made: a time signature far in the future cannot make millions of bars. */
export function barsFromMeters(meters: Meter[], ppq: number, endTicks: number, fallback: Meter = { ticks: 0, num: 4, den: 4 }): Bar[] {
  const sorted = [...meters].sort((a, b) => a.ticks - b.ticks);
  // Several meters at one tick: the last one wins.
  const list = sorted.filter((m, i) => i + 1 >= sorted.length || sorted[i + 1].ticks !== m.ticks);
  if (list.length === 0 || list[0].ticks > 0) list.unshift({ ...fallback, ticks: 0 });
  const bars: Bar[] = [];
  const toGrid = (t: number) => Math.round((t / ppq) * TICKS_PER_BEAT);
  const end = toGrid(endTicks);
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    const beats = (m.num * 4) / m.den;
    const len = Math.max(1, Math.round(beats * TICKS_PER_BEAT));
    const from = toGrid(m.ticks);
    const until = i + 1 < list.length ? toGrid(list[i + 1].ticks) : Math.max(end, from + 1);
    checkLimit('too many bars', bars.length + Math.ceil(Math.max(0, until - from) / len), IMPORT_LIMITS.bars);
    for (let s = from; s < until; s += len) bars.push({ start: s, beats: Math.min(beats, (until - s) / TICKS_PER_BEAT) });
  }
  // The last bar keeps its full length even when the music stops inside it.
  if (bars.length) {
    const last = list[list.length - 1];
    bars[bars.length - 1].beats = (last.num * 4) / last.den;
  }
  return bars;
}

export function meterText(meters: Meter[]): string {
  const seen: string[] = [];
  for (const m of meters) {
    const t = `${m.num}/${m.den}`;
    if (seen[seen.length - 1] !== t) seen.push(t);
  }
  return seen.length ? [...new Set(seen)].join(', ') : '4/4';
}
