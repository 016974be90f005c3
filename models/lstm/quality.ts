// The one rule for a "weak" model: its best dev loss is not clearly below the bigram baseline, the
// count of which note follows which. Such a model has learned little more than that count, and the
// studio plays scattered notes with it; the library, the studio and `licklab train` say so, in words
// a musician reads. The best epoch is history.ts's rule; per note where the run recorded it.
import type { BaselineLosses } from './baselines';
import { bestRecord } from './history';
import type { EpochRecord } from './training-types';

/** "Clearly below": at least this many nats per note under the bigram baseline, i.e. a perplexity at
 *  least 22% lower (e^-0.25 = 0.78). The shipped default model is 1.51 under it (4.946 against 6.458),
 *  the `solos` preset on the WJD solos 1.26 (5.317 against 6.576); even their first epochs are > 1 under. */
export const WEAK_MARGIN_NATS = 0.25;

export interface ModelQuality {
  weak: boolean;
  /** One sentence: how far the best dev loss is below (or above) the baseline, and what that means. */
  reason: string;
}

type Judged = { history: readonly Pick<EpochRecord, 'devLoss' | 'devNatsPerNote' | 'bigramDevLoss' | 'bigramDevNatsPerNote'>[] };

const BASELINE = 'the two-note-pattern baseline';

/** Weak or not, with the reason; null when it cannot be judged (no finished epoch, no baseline). */
export function modelQuality(model: Judged & { baselines?: Partial<BaselineLosses> | null }): ModelQuality | null {
  const best = bestRecord(model.history);
  if (!best) return null;
  const b = model.baselines ?? {};
  // Per note when both sides have it (the unit that compares runs); per event for older models.
  const perNote = best.devNatsPerNote ?? null;
  const bigramPerNote = b.bigramDevNatsPerNote ?? best.bigramDevNatsPerNote ?? null;
  const [loss, bigram, unit] =
    perNote !== null && bigramPerNote !== null
      ? [perNote, bigramPerNote, 'nats/note']
      : [best.devLoss, b.bigramDevLoss ?? best.bigramDevLoss ?? NaN, 'nats/event'];
  if (!Number.isFinite(loss) || !Number.isFinite(bigram)) return null;
  const gap = bigram - loss;
  const f = (x: number) => x.toFixed(2);
  const head = `dev loss ${f(loss)} ${unit}`;
  if (gap >= WEAK_MARGIN_NATS)
    return {
      weak: false,
      reason: `${head} is ${f(gap)} below ${BASELINE} ${f(bigram)}: it has learned more than which note follows which`,
    };
  if (gap > 0)
    return {
      weak: true,
      reason: `${head} is only ${f(gap)} below ${BASELINE} ${f(bigram)}: it has not learned much beyond which note follows which`,
    };
  return {
    weak: true,
    reason: `${head} is ${gap === 0 ? 'no lower than' : `${f(-gap)} above`} ${BASELINE} ${f(bigram)}: it predicts new solos no better than counting which note follows which`,
  };
}

/** The warning for a weak model (train summaries, the studio), or '' when it is not weak. */
export function weakWarning(quality: ModelQuality | null): string {
  if (!quality?.weak) return '';
  return `Weak model: ${quality.reason}. Its solos will sound like scattered notes: train it longer or on more solos (LickLab calls a model weak when its dev loss is less than ${WEAK_MARGIN_NATS} below that baseline).`;
}
