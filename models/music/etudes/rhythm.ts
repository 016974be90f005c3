// Rhythm of an etude: phrases of beat-long cells separated by breaths. Swing eighths are written
// on the triplet lattice (long-short 8+4 ticks), bossa eighths straight (6+6), with triplets,
// quarter notes, sixteenth runs at slower tempos, and a held note closing each phrase.
import type { Rng } from './rng';
import type { Bar } from '../types';
import { barsEnd } from '../types';
import { TICKS_PER_BEAT } from '../vocabulary';

export type Feel = 'swing' | 'straight';

export interface Slot {
  start: number; // ticks
  dur: number; // ticks
  strong: boolean; // on a beat: wants a chord tone
  phraseEnd: boolean;
  phraseStart: boolean;
}

type Cell = number[]; // onsets within a beat (ticks)

function cellsFor(feel: Feel, tempo: number): (readonly [Cell, number])[] {
  const fast = tempo >= 220;
  const slow = tempo < 140;
  if (feel === 'straight') {
    return [[[0, 6], 10], [[0], 2], [[0, 3, 6, 9], slow ? 2 : 0.5], [[0, 4, 8], 1.2], [[6], 0.8]];
  }
  return [[[0, 8], 10], [[0, 4, 8], fast ? 0.8 : 2], [[0], fast ? 3 : 1.5], [[8], 0.8], [[0, 3, 6, 9], slow ? 1 : 0]];
}

/** Slots for the whole tune: phrases of 3..12 beats with breaths of 1..5 beats between. */
export function phraseRhythm(bars: Bar[], rng: Rng, feel: Feel, tempo: number): Slot[] {
  const end = barsEnd(bars) - TICKS_PER_BEAT; // leave the last beat for the final note's tail
  const cells = cellsFor(feel, tempo);
  const slots: Slot[] = [];
  // Start on beat 1, or on a pickup a beat or two in.
  let beat = rng.weighted([[0, 5], [1, 2], [2, 1]] as const);
  while (beat * TICKS_PER_BEAT < end) {
    const phraseBeats = rng.weighted([[3, 1], [4, 3], [6, 3], [8, 3], [10, 1], [12, 1]] as const);
    const first = slots.length;
    for (let b = 0; b < phraseBeats && (beat + b + 1) * TICKS_PER_BEAT < end; b++) {
      const cell = rng.weighted(cells);
      for (let i = 0; i < cell.length; i++) {
        const next = i + 1 < cell.length ? cell[i + 1] : TICKS_PER_BEAT;
        const start = (beat + b) * TICKS_PER_BEAT + cell[i];
        slots.push({ start, dur: next - cell[i], strong: cell[i] === 0, phraseEnd: false, phraseStart: false });
      }
    }
    if (slots.length > first) {
      slots[first].phraseStart = true;
      const last = slots[slots.length - 1];
      last.phraseEnd = true;
      // the closing note rings: a quarter, dotted quarter or half note when there is room
      const want = rng.pick([12, 12, 18, 24]);
      last.dur = Math.max(last.dur, Math.min(want, end + TICKS_PER_BEAT - last.start));
    }
    const closing = slots.length ? slots[slots.length - 1].start + slots[slots.length - 1].dur : beat * TICKS_PER_BEAT;
    const breath = rng.weighted([[1, 2], [2, 4], [3, 2], [4, 1], [5, 1]] as const);
    beat = Math.ceil(closing / TICKS_PER_BEAT) + breath;
  }
  return slots;
}
