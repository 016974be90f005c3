// The music model shared by import, encoding, training and generation. All times are in ticks of
// the vocabulary's grid (TICKS_PER_BEAT = 12 per quarter-note beat), counted from the tune's first bar.
import { TICKS_PER_BEAT } from './vocabulary';

/** One note of a solo line. `dur` > 0; after import, lines are monophonic and quantized. */
export interface Note {
  pitch: number; // MIDI 0..127
  start: number; // ticks
  dur: number; // ticks
  velocity: number; // 1..127
}

/** A chord sounding over [start, end) ticks. root -1 = N.C.; mask = ABSOLUTE 12-bit pitch classes (bit 0 = C). */
export interface ChordSpan {
  start: number;
  end: number;
  symbol: string;
  root: number;
  mask: number;
}

/** One bar: its first tick and its length in quarter-note beats (6/8 -> 3, 9/8 -> 4.5, 5/4 -> 5). */
export interface Bar {
  start: number;
  beats: number;
}

export type ChordSource = 'chart' | 'beats-csv' | 'midi-track' | 'none';

export interface Tune {
  id: string; // stable id (file name without extension, plus a chorus suffix when split)
  source: string; // the file it came from (train/dev split by source)
  title: string;
  notes: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  tempo: number; // beats per minute (first or average tempo)
  chordSource: ChordSource;
}

/** Pitch-class mask helpers. */
export function maskOf(pcs: Iterable<number>): number {
  let m = 0;
  for (const pc of pcs) m |= 1 << (((pc % 12) + 12) % 12);
  return m;
}

/** Total length in ticks of a list of bars (end of the last bar). */
export function barsEnd(bars: Bar[]): number {
  if (bars.length === 0) return 0;
  const last = bars[bars.length - 1];
  return last.start + Math.round(last.beats * TICKS_PER_BEAT);
}

/** Index of the last item whose `start` <= tick (items sorted by start), or -1. */
export function lastStartingBy(items: ReadonlyArray<{ start: number }>, tick: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= tick) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The chord span sounding at `tick` (spans sorted by start, half-open), or null between spans. */
export function chordSpanAt<C extends { start: number; end: number }>(chords: readonly C[], tick: number): C | null {
  const i = lastStartingBy(chords, tick);
  return i >= 0 && tick < chords[i].end ? chords[i] : null;
}
