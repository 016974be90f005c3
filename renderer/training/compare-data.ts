// Which runs the dev loss chart can be compared with, and the sentence under the chart: both curves'
// best dev loss, e.g. the from-scratch run beside the fine-tuned one on the same corpus, so the
// musician sees whether fine-tuning wins. The curve itself: chart-data.ts compareCurve.
import type { LibraryModel } from '../../api/channels/training';
import { bestEpoch } from '../../models/lstm/history';
import type { EpochRecord } from '../../models/lstm/training-types';
import { lossesIn, type CompareCurve, type LossUnit } from './chart-data';

export { compareCurve, type CompareCurve, type CompareInput } from './chart-data';

/** What the dev chart can be compared with: every usable model except the one charted, the previous run of this session first. */
export function compareChoices(
  models: readonly LibraryModel[],
  chartedId: string,
  previousId: string | null,
): { id: string; label: string }[] {
  const usable = models.filter((m) => !m.problem && m.id !== chartedId && m.history.length > 0);
  const prev = usable.filter((m) => m.id === previousId);
  return [
    ...prev.map((m) => ({ id: m.id, label: `the previous run: ${m.name}` })),
    ...usable.filter((m) => m.id !== previousId).map((m) => ({ id: m.id, label: m.name })),
  ];
}

/** One sentence: both curves' best dev loss and epoch, and which is lower by how much. */
export function compareSummary(history: readonly EpochRecord[], unit: LossUnit, thisLabel: string, other: CompareCurve | null): string {
  if (!other) return '';
  const h = lossesIn(history, unit);
  const b = bestEpoch(h);
  const ob = other.best;
  const otherBest = ob === null ? null : other.values[other.epochs.indexOf(ob)];
  const otherPart = otherBest === null ? `“${other.label}”: no epoch` : `“${other.label}” ${otherBest.toFixed(3)} at epoch ${ob}`;
  if (b === null) return `Best dev loss (nats/${unit}): ${thisLabel}: no epoch yet; ${otherPart}.`;
  const mine = h.find((r) => r.epoch === b)!.devLoss;
  const diff =
    otherBest === null
      ? ''
      : ` (${thisLabel} ${Math.abs(mine - otherBest).toFixed(3)} ${mine < otherBest ? 'lower' : mine > otherBest ? 'higher' : 'apart'})`;
  return `Best dev loss (nats/${unit}): ${thisLabel} ${mine.toFixed(3)} at epoch ${b}; ${otherPart}${diff}.`;
}
