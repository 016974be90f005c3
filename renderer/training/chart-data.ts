// What the two loss charts draw, computed from an epoch history: the same epoch axis and one loss
// range for both (so train and dev can be compared by eye), smoothing applied, the best epoch.
import type { EpochRecord } from '../../models/lstm/training-types';
import { bestEpoch } from '../../models/lstm/history';
import { lossRange, smooth } from './chart-math';
import type { ChartSeries } from './uplot-chart';

export interface ChartInput {
  history: readonly EpochRecord[];
  baselines: { unigramDevLoss: number; bigramDevLoss: number } | null;
  sampleEpochs: number[];
  log: boolean;
  smoothing: number; // 0 = off
  /** Another run's dev curve, drawn on the dev chart (compare-data.ts). */
  compare?: CompareInput | null;
}

/** Losses are drawn per note (total nats over the solos / their notes, so encodings compare);
 *  a history saved before per-note figures existed is drawn per event, and says so. */
export type LossUnit = 'note' | 'event';

export function lossUnit(history: readonly EpochRecord[]): LossUnit {
  return history.length > 0 && history.every((r) => r.trainNatsPerNote !== undefined && r.devNatsPerNote !== undefined) ? 'note' : 'event';
}

/** The history's losses in `unit`: what the charts, the best epoch and the overfitting notice read. */
export function lossesIn(
  history: readonly EpochRecord[],
  unit: LossUnit,
): { epoch: number; trainLoss: number; devLoss: number; unigram?: number; bigram?: number }[] {
  return history.map((r) =>
    unit === 'note'
      ? {
          epoch: r.epoch,
          trainLoss: r.trainNatsPerNote!,
          devLoss: r.devNatsPerNote!,
          unigram: r.unigramDevNatsPerNote,
          bigram: r.bigramDevNatsPerNote,
        }
      : { epoch: r.epoch, trainLoss: r.trainLoss, devLoss: r.devLoss, unigram: r.unigramDevLoss, bigram: r.bigramDevLoss },
  );
}

export function chartSeries(input: ChartInput): { train: ChartSeries; dev: ChartSeries; unit: LossUnit } {
  // Before this run's first epoch the compared run decides the unit (the chart does not switch under it later).
  const unit = lossUnit(input.history.length || !input.compare ? input.history : input.compare.history);
  const h = lossesIn(input.history, unit);
  const compare = compareCurve(input.compare, unit);
  const epochs = h.map((r) => r.epoch);
  const trainRaw = h.map((r) => r.trainLoss);
  const devRaw = h.map((r) => r.devLoss);
  // The run's baselines come per event; per note they are in every epoch record.
  const unigram = (unit === 'event' ? input.baselines?.unigramDevLoss : undefined) ?? h[0]?.unigram ?? null;
  const bigram = (unit === 'event' ? input.baselines?.bigramDevLoss : undefined) ?? h[0]?.bigram ?? null;
  const range = lossRange(
    [...trainRaw, ...devRaw, ...(compare?.values ?? []), ...(unigram !== null ? [unigram] : []), ...(bigram !== null ? [bigram] : [])],
    input.log,
  );
  const best = bestEpoch(h);
  const xMax = Math.max(2, epochs[epochs.length - 1] ?? 2, compare?.epochs.at(-1) ?? 2);
  const common = { epochs, smoothing: input.smoothing > 0, unigram, bigram, best, range, xMax, sampleEpochs: input.sampleEpochs };
  return {
    unit,
    train: { ...common, raw: trainRaw, shown: smooth(trainRaw, input.smoothing), compare: null },
    dev: { ...common, raw: devRaw, shown: smooth(devRaw, input.smoothing), compare },
  };
}

/** " · best dev 5.357 nats/note at epoch 7" for a model's title (per event for an old history). */
export function bestLabel(history: readonly EpochRecord[], bestEpoch: number | null, bestDevLoss: number | null): string {
  if (bestEpoch === null || bestDevLoss === null) return '';
  const unit = lossUnit(history);
  const best = lossesIn(history, unit).find((r) => r.epoch === bestEpoch);
  return best
    ? ` · best dev ${best.devLoss.toFixed(3)} nats/${unit} at epoch ${bestEpoch}`
    : ` · best dev ${bestDevLoss.toFixed(3)} nats/event at epoch ${bestEpoch}`;
}

/** Another run's dev curve on the dev chart (same epoch axis, same loss scale): a library model's
 *  stored history, drawn in the unit of the charted run. */
export interface CompareInput {
  label: string;
  history: readonly EpochRecord[];
}

export interface CompareCurve {
  label: string;
  epochs: number[];
  values: number[];
  best: number | null; // epoch
}

/** The other run's dev losses in `unit`; null when there is none, or it has no per-note figures and the chart is per note. */
export function compareCurve(c: CompareInput | null | undefined, unit: LossUnit): CompareCurve | null {
  if (!c || c.history.length === 0) return null;
  if (unit === 'note' && lossUnit(c.history) !== 'note') return null;
  const h = lossesIn(c.history, unit);
  return { label: c.label, epochs: h.map((r) => r.epoch), values: h.map((r) => r.devLoss), best: bestEpoch(h) };
}
