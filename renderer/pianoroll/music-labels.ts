// Human-readable labels for hover details: pitch names, bar.beat positions, durations, chord lookup.
import type { Bar } from './types';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import { lastStartingBy } from '../../models/music/types';

export function isBlackKey(pitch: number): boolean {
  const pc = ((pitch % 12) + 12) % 12;
  return pc === 1 || pc === 3 || pc === 6 || pc === 8 || pc === 10;
}

/** "bar.beat" with 1-based bar and beat, plus "+n/12" when the tick is off the beat. */
export function barBeatLabel(bars: readonly Bar[], tick: number): string {
  if (bars.length === 0) {
    const beat = Math.floor(tick / TICKS_PER_BEAT);
    return withSub(`${Math.floor(beat / 4) + 1}.${(beat % 4) + 1}`, tick % TICKS_PER_BEAT);
  }
  let i = lastStartingBy(bars, tick);
  if (i < 0) i = 0;
  const rel = tick - bars[i].start;
  const beat = Math.floor(rel / TICKS_PER_BEAT);
  const sub = rel - beat * TICKS_PER_BEAT;
  return withSub(`${i + 1}.${beat + 1}`, sub);
}

function withSub(label: string, sub: number): string {
  return sub === 0 ? label : `${label}+${sub}/12`;
}

const DUR_NAMES: Record<number, string> = {
  48: 'whole',
  36: 'dotted half',
  24: 'half',
  18: 'dotted quarter',
  12: 'quarter',
  9: 'dotted eighth',
  8: 'quarter triplet',
  6: 'eighth',
  4: 'eighth triplet',
  3: 'sixteenth',
  2: 'sixteenth triplet',
};

/** "eighth (6 ticks)" or "0.58 beats (7 ticks)". */
export function durationLabel(ticks: number): string {
  const name = DUR_NAMES[ticks];
  if (name) return `${name} (${ticks} ticks)`;
  return `${(ticks / TICKS_PER_BEAT).toFixed(2)} beats (${ticks} ticks)`;
}
