// An epoch record for the renderer's chart and table tests: dev loss `dev` per event (train 0.5
// above it), and with `perNote` the per-note figures too (train 0.6 above, fixed per-note baselines).
import type { EpochRecord } from '../../../models/lstm/training-types';

export const rec = (epoch: number, dev: number, perNote?: number): EpochRecord =>
  ({
    epoch,
    trainLoss: dev + 0.5,
    devLoss: dev,
    devPerplexity: Math.exp(dev),
    devAccuracy: 0.1,
    unigramDevLoss: 4,
    bigramDevLoss: 3.5,
    ms: 10,
    ...(perNote !== undefined
      ? { trainNatsPerNote: perNote + 0.6, devNatsPerNote: perNote, unigramDevNatsPerNote: 7.3, bigramDevNatsPerNote: 6.6 }
      : {}),
  }) as EpochRecord;
