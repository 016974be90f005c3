// The overfitting notice: the dev loss has risen for several epochs in a row while the training
// loss kept falling — the model is memorising its training files (the course exercise's trap).
import type { EpochRecord } from '../../models/lstm/training-types';

export interface OverfittingNotice {
  since: number; // the epoch after which dev loss started rising
  epochs: number; // how many epochs it has risen for
  devRise: number; // how much the dev loss went up over those epochs (in the unit it is given)
  trainDrop: number; // how much the train loss went down
}

/** Null unless the last `runs` epochs each raised the dev loss and lowered the train loss. */
export function detectOverfitting(
  history: readonly Pick<EpochRecord, 'epoch' | 'trainLoss' | 'devLoss'>[],
  runs = 3,
): OverfittingNotice | null {
  if (runs < 1 || history.length < runs + 1) return null;
  let n = 0;
  for (let i = history.length - 1; i > 0; i--) {
    const cur = history[i];
    const prev = history[i - 1];
    if (cur.devLoss > prev.devLoss && cur.trainLoss < prev.trainLoss) n++;
    else break;
  }
  if (n < runs) return null;
  const start = history[history.length - 1 - n];
  const last = history[history.length - 1];
  return { since: start.epoch, epochs: n, devRise: last.devLoss - start.devLoss, trainDrop: start.trainLoss - last.trainLoss };
}
