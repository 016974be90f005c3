// The library's loss figures in the charts' unit: per note when the model's history recorded it (as
// the charts, the epoch table and the weak reason), per event for older models.
import type { LibraryModel } from '../../api/channels/training';
import { lossesIn, lossUnit } from './chart-data';
import { formatLoss } from './chart-math';

/** An epoch's dev loss (and its unit) from the model's history; `fallback` per event when that epoch is not in it. */
export function devAt(
  m: Pick<LibraryModel, 'history'>,
  epoch: number | null,
  fallback: number | null,
): { loss: number | null; unit: string } {
  const unit = lossUnit(m.history);
  const rec = lossesIn(m.history, unit).find((r) => r.epoch === epoch);
  return rec ? { loss: rec.devLoss, unit } : { loss: fallback, unit: 'event' };
}

/** The best epoch's dev loss, as the library's Best dev column shows it. */
export const bestDev = (m: Pick<LibraryModel, 'history' | 'bestEpoch' | 'bestDevLoss'>) => devAt(m, m.bestEpoch, m.bestDevLoss);

/** An epoch's dev loss as the library writes it: "4.536/note" (or "/event"). */
export function devText(m: Pick<LibraryModel, 'history'>, epoch: number | null, fallback: number | null): string {
  const d = devAt(m, epoch, fallback);
  return `${formatLoss(d.loss)}/${d.unit}`;
}
