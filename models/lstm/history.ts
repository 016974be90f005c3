// The one rule for "best epoch": the lowest finite dev loss, the earliest on a tie. Training keeps
// that epoch's weights, the checkpoints save it, the CLI stars it and the charts mark it.
import type { EpochRecord } from './training-types';

/** True when `devLoss` beats the best so far (null = none yet); NaN and Infinity never do. */
export function improves(devLoss: number, bestSoFar: number | null): boolean {
  return Number.isFinite(devLoss) && (bestSoFar === null || devLoss < bestSoFar);
}

/** The record with the best dev loss, or null when no epoch has a finite one. */
export function bestRecord<R extends Pick<EpochRecord, 'devLoss'>>(history: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of history) if (improves(r.devLoss, best?.devLoss ?? null)) best = r;
  return best;
}

/** The epoch number of the best record, or null. */
export function bestEpoch(history: readonly Pick<EpochRecord, 'epoch' | 'devLoss'>[]): number | null {
  return bestRecord(history)?.epoch ?? null;
}
