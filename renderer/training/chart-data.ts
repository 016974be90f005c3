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
}

export function chartSeries(input: ChartInput): { train: ChartSeries; dev: ChartSeries } {
  const h = input.history;
  const epochs = h.map((r) => r.epoch);
  const trainRaw = h.map((r) => r.trainLoss);
  const devRaw = h.map((r) => r.devLoss);
  const unigram = input.baselines?.unigramDevLoss ?? h[0]?.unigramDevLoss ?? null;
  const bigram = input.baselines?.bigramDevLoss ?? h[0]?.bigramDevLoss ?? null;
  const range = lossRange([...trainRaw, ...devRaw, ...(unigram !== null ? [unigram] : []), ...(bigram !== null ? [bigram] : [])], input.log);
  const best = bestEpoch(h);
  const xMax = Math.max(2, epochs[epochs.length - 1] ?? 2);
  const common = { epochs, smoothing: input.smoothing > 0, unigram, bigram, best, range, xMax, sampleEpochs: input.sampleEpochs };
  return {
    train: { ...common, raw: trainRaw, shown: smooth(trainRaw, input.smoothing) },
    dev: { ...common, raw: devRaw, shown: smooth(devRaw, input.smoothing) },
  };
}
