// Takes generated over real solos' own changes, to compare with those solos: the same bars (from
// the bar of the solo's first note to the end of the bar of its last), the solo's chords and
// meter, a fixed seed per solo, the studio's default pitch range, no primer.
import type { Note } from '../../music/types';
import type { EncodedEvent } from '../../music/vocabulary';
import { DEFAULT_RANGE, generate, type PitchRange } from '../sample';
import type { LstmStepper } from '../stepper';
import { soloSpan, type SoloLine } from './sample-stats';

export interface EvalTake {
  solo: number; // index of the solo it was generated over
  seed: number;
  temperature: number;
  events: EncodedEvent[];
  notes: Note[];
}

/** `n` items spread evenly over the list (all of them when n >= its length), in order. */
export function pickEvenly<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  if (n <= 0) return [];
  return Array.from({ length: n }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / n)]);
}

/** One take over a solo's changes, or null when the solo has no notes to take its bars from. */
export function takeOverSolo(
  stepper: LstmStepper,
  solo: SoloLine,
  settings: { temperature: number; seed: number; pitchRange?: PitchRange },
): Omit<EvalTake, 'solo'> | null {
  const span = soloSpan(solo);
  if (!span) return null;
  const take = generate(stepper, {
    chords: [...solo.chords],
    bars: [...solo.bars],
    startTick: span.startTick,
    endTick: span.endTick,
    seed: settings.seed,
    temperature: settings.temperature,
    pitchRange: settings.pitchRange ?? DEFAULT_RANGE,
  });
  return { seed: take.seed, temperature: take.temperature, events: take.events, notes: take.notes };
}

/** Takes over each chosen solo (index into `solos`), seeded `baseSeed + index`: the same seeds at
 *  every temperature, so temperatures differ only where the temperature changes a pick. */
export function takesOverSolos(
  stepper: LstmStepper,
  solos: readonly SoloLine[],
  chosen: readonly number[],
  temperature: number,
  baseSeed = 1,
  pitchRange: PitchRange = DEFAULT_RANGE,
): EvalTake[] {
  const out: EvalTake[] = [];
  for (const i of chosen) {
    const take = takeOverSolo(stepper, solos[i], { temperature, seed: baseSeed + i, pitchRange });
    if (take) out.push({ solo: i, ...take });
  }
  return out;
}
