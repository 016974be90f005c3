// Numbers behind the loss charts: smoothing, one loss scale shared by both charts, tick marks for
// linear and log axes, and the best epoch. Pure functions, unit-tested.

/** Exponential moving average, bias-corrected (like TensorBoard), so the first points are not pulled
 *  toward zero. weight 0 = raw values, 0.9 = heavy smoothing. */
export function smooth(values: readonly number[], weight: number): number[] {
  if (!(weight > 0)) return [...values];
  const w = Math.min(weight, 0.999);
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const v of values) {
    n++;
    acc = acc * w + (1 - w) * v;
    out.push(acc / (1 - w ** n));
  }
  return out;
}

/** [min, max] covering every value given (both curves and the baselines), padded a little so the
 *  lines do not touch the frame; on a log scale the padding is multiplicative. */
export function lossRange(values: readonly number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 5];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (log) {
    const span = Math.log(hi / lo) || Math.log(1.2);
    return [lo / Math.exp(span * 0.06), hi * Math.exp(span * 0.06)];
  }
  const pad = (hi - lo) * 0.06 || Math.max(0.1, Math.abs(hi) * 0.05);
  lo -= pad;
  hi += pad;
  return [Math.max(0, lo), hi];
}

/** A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving about `target` ticks. */
export function niceStep(span: number, target = 5): number {
  const raw = span / Math.max(1, target);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * pow;
}

/** Tick values inside [lo, hi]. On a log axis, nice values are picked per decade (1, 2, 3, 5…),
 *  denser when the range spans less than a decade, so the axis always has labels. */
export function ticks(lo: number, hi: number, log: boolean, target = 5): number[] {
  if (!(hi > lo)) return [lo];
  if (!log) {
    const step = niceStep(hi - lo, target);
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
    return out;
  }
  const decades = Math.log10(hi / lo);
  const mantissas =
    decades > 2
      ? [1]
      : decades > 1
        ? [1, 2, 5]
        : decades > 0.5
          ? [1, 1.5, 2, 3, 5, 7]
          : [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(6));
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  if (out.length > target * 2) return out.filter((_, i) => i % Math.ceil(out.length / (target * 2)) === 0);
  return out;
}

/** The label of a loss-axis tick; uPlot passes null for a tick it filtered out (blank, never a crash). */
export function tickLabel(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return v >= 10 ? v.toFixed(0) : v >= 1 ? String(Number(v.toFixed(2))) : v.toPrecision(2);
}

export function formatLoss(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3);
}

export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '–';
  if (sec < 10) return `${sec.toFixed(1)} s`;
  if (sec < 60) return `${Math.round(sec)} s`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m} min ${String(Math.round(sec % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
