// Grid constants derived from the vocabulary, shared by import and generation.
import { DURATIONS, TICKS_PER_BEAT } from './vocabulary';

export const MAX_DURATION_TICKS = DURATIONS[DURATIONS.length - 1];

/** Ticks in a bar of `beats` quarter-note beats. */
export function barTicks(beats: number): number {
  return Math.round(beats * TICKS_PER_BEAT);
}
