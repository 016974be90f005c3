// Notes a soloist plays before the beat grid's first beat (a pickup into the first chorus) used to
// be dropped: 308 of them over the Weimar Jazz Database (30 in one bebop solo alone). They are kept
// now, in whole pickup bars put before the grid's first bar, with no chord (N.C.): the grid says
// nothing about the harmony before it starts, and N.C. is what the encodings already carry cleanly.
// The pickup bars take the first bar's length, so a pickup on beat 4 stays on beat 4.
import type { TimedNote } from './quantize';
import type { Bar, ChordSpan } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

/** Earlier than this (in beats) a note needs a pickup bar; later ones snap onto the first beat. */
const SNAPS_TO_FIRST_BEAT = -1 / 8;

export interface WithPickup {
  timed: TimedNote[];
  bars: Bar[];
  chords: ChordSpan[];
  pickupBars: number; // bars added before the grid's first bar (0 = none needed)
  pickupNotes: number; // notes that start before the grid's first beat
}

/** Shift the music after enough whole pickup bars to hold every note before the first beat. */
export function addPickupBars(timed: TimedNote[], bars: Bar[], chords: ChordSpan[]): WithPickup {
  const early = timed.filter((n) => n.startBeat < SNAPS_TO_FIRST_BEAT);
  if (early.length === 0 || bars.length === 0) {
    const clamped = timed.map((n) => ({ ...n, startBeat: Math.max(0, n.startBeat) }));
    return { timed: clamped, bars, chords, pickupBars: 0, pickupNotes: 0 };
  }
  const earliest = Math.min(...early.map((n) => n.startBeat));
  const barBeats = bars[0].beats;
  const count = Math.ceil(-earliest / barBeats);
  const shiftBeats = count * barBeats;
  const shift = Math.round(shiftBeats * TICKS_PER_BEAT);
  const pickup: Bar[] = Array.from({ length: count }, (_, i) => ({ start: Math.round(i * barBeats * TICKS_PER_BEAT), beats: barBeats }));
  return {
    timed: timed.map((n) => ({ ...n, startBeat: n.startBeat + shiftBeats, endBeat: n.endBeat + shiftBeats })),
    bars: [...pickup, ...bars.map((b) => ({ ...b, start: b.start + shift }))],
    chords: chords.map((c) => ({ ...c, start: c.start + shift, end: c.end + shift })),
    pickupBars: count,
    pickupNotes: early.length,
  };
}
