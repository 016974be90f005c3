// One loss chart on uPlot (canvas, fast enough to redraw every epoch without jank): the loss curve,
// the unigram/bigram baselines as labelled horizontal lines, the best epoch marked, a note glyph at
// epochs with a sample to hear (click plays it), and a tooltip. Both charts share a cursor sync key.
// uPlot is loaded on first use: it reads window.matchMedia when imported, and only this tab needs it.
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatLoss, tickLabel, ticks } from './chart-math';
import type { CompareCurve } from './chart-data';

export interface ChartSeries {
  epochs: number[];
  shown: number[]; // smoothed (or raw) values drawn as the curve
  raw: number[]; // raw values (drawn faintly when smoothing is on)
  smoothing: boolean;
  unigram: number | null;
  bigram: number | null;
  best: number | null; // epoch
  range: [number, number];
  xMax: number;
  sampleEpochs: number[];
  /** Another run's curve on the same axes (dashed, labelled at its best epoch), or null. */
  compare: CompareCurve | null;
}

export interface LossChart {
  update(s: ChartSeries): void;
  resize(width: number): void;
  destroy(): void;
}

export const THEME = {
  axis: '#9aa4b2',
  grid: '#2a313b',
  unigram: '#8a7fd0',
  bigram: '#4fb0a5',
  best: '#e0a458',
  note: '#e0a458',
  compare: '#d47fb8',
};

/** The other run's curve: dashed line, dots, a ring and its name at its best epoch. */
function drawCompare(u: uPlot, c: CompareCurve): void {
  const ctx = u.ctx;
  const dpr = devicePixelRatio;
  const pts = c.epochs.map((e, i) => [u.valToPos(e, 'x', true), u.valToPos(c.values[i], 'y', true)] as const);
  ctx.save();
  ctx.strokeStyle = THEME.compare;
  ctx.fillStyle = THEME.compare;
  ctx.lineWidth = 2 * dpr;
  ctx.setLineDash([6 * dpr, 4 * dpr]);
  ctx.beginPath();
  pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
  ctx.setLineDash([]);
  for (const [x, y] of pts) {
    ctx.beginPath();
    ctx.arc(x, y, 2.5 * dpr, 0, Math.PI * 2);
    ctx.fill();
  }
  const i = c.best === null ? -1 : c.epochs.indexOf(c.best);
  if (i >= 0) {
    const [x, y] = pts[i];
    ctx.beginPath();
    ctx.arc(x, y, 6 * dpr, 0, Math.PI * 2);
    ctx.stroke();
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = x > u.bbox.left + u.bbox.width * 0.6 ? 'right' : 'left';
    ctx.textBaseline = 'top';
    const text = `${c.label}: ${formatLoss(c.values[i])}`;
    const tx = x + (ctx.textAlign === 'right' ? -8 : 8) * dpr;
    const w = ctx.measureText(text).width;
    // On a dark box: the label may cross a baseline's line or label.
    ctx.fillStyle = '#12161bdd';
    ctx.fillRect(ctx.textAlign === 'right' ? tx - w - 2 * dpr : tx - 2 * dpr, y + 5 * dpr, w + 4 * dpr, 14 * dpr);
    ctx.fillStyle = THEME.compare;
    ctx.fillText(text, tx, y + 6 * dpr);
  }
  ctx.restore();
}

export async function createLossChart(
  el: HTMLElement,
  opts: {
    label: string;
    color: string;
    log: boolean;
    width: number;
    height?: number;
    initial: ChartSeries;
    onPick?: (epoch: number) => void;
  },
): Promise<LossChart> {
  const { default: UPlot } = await import('uplot');
  // Set before the first draw: uPlot draws on its own schedule, and the ranges must never be empty.
  let series: ChartSeries = opts.initial;
  const tip = document.createElement('div');
  tip.className = 'loss-tip';
  tip.style.display = 'none';

  const hline = (u: uPlot, value: number | null, color: string, text: string, labelBelow = false) => {
    if (value === null || !Number.isFinite(value)) return;
    const y = Math.round(u.valToPos(value, 'y', true));
    if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = color;
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = labelBelow ? 'top' : 'bottom';
    ctx.fillText(
      `${text} ${formatLoss(value)}`,
      u.bbox.left + u.bbox.width - 4 * devicePixelRatio,
      y + (labelBelow ? 4 : -4) * devicePixelRatio,
    );
    ctx.restore();
  };

  const draw = (u: uPlot) => {
    // Two baselines close together: the lower line's label goes under it, so the labels never overlap.
    const yOf = (v: number | null) => (v === null || !Number.isFinite(v) ? null : u.valToPos(v, 'y', true));
    const [yu, yb] = [yOf(series.unigram), yOf(series.bigram)];
    const close = yu !== null && yb !== null && Math.abs(yu - yb) < 16 * devicePixelRatio;
    hline(u, series.unigram, THEME.unigram, 'unigram', close && yu! >= yb!);
    hline(u, series.bigram, THEME.bigram, 'bigram', close && yb! > yu!);
    if (series.compare) drawCompare(u, series.compare);
    const ctx = u.ctx;
    const dpr = devicePixelRatio;
    if (series.best !== null) {
      const i = series.epochs.indexOf(series.best);
      const x = Math.round(u.valToPos(series.best, 'x', true));
      ctx.save();
      ctx.strokeStyle = THEME.best;
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = dpr;
      ctx.setLineDash([2 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      if (i >= 0) {
        const y = u.valToPos(series.shown[i], 'y', true);
        ctx.lineWidth = 2 * dpr;
        ctx.beginPath();
        ctx.arc(x, y, 6 * dpr, 0, Math.PI * 2);
        ctx.stroke();
      }
      ctx.fillStyle = THEME.best;
      ctx.font = `${11 * dpr}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      ctx.textAlign = x > u.bbox.left + u.bbox.width * 0.8 ? 'right' : 'left';
      ctx.fillText(`best ${series.best}`, x + (ctx.textAlign === 'right' ? -4 : 4) * dpr, u.bbox.top + 3 * dpr);
      ctx.restore();
    }
    ctx.save();
    ctx.fillStyle = THEME.note;
    ctx.font = `${14 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    for (const e of series.sampleEpochs) {
      const x = u.valToPos(e, 'x', true);
      ctx.fillText('♪', x, u.bbox.top + u.bbox.height - 2 * dpr);
    }
    ctx.restore();
  };

  const setCursor = (u: uPlot) => {
    const idx = u.cursor.idx;
    if (idx === null || idx === undefined || idx >= series.epochs.length) {
      tip.style.display = 'none';
      return;
    }
    const e = series.epochs[idx];
    const lines = [
      `<b>Epoch ${e}</b>`,
      `${opts.label}: ${formatLoss(series.raw[idx])}${series.smoothing ? ` (smoothed ${formatLoss(series.shown[idx])})` : ''}`,
    ];
    const ci = series.compare?.epochs.indexOf(e) ?? -1;
    if (ci >= 0) lines.push(`${series.compare!.label}: ${formatLoss(series.compare!.values[ci])}`);
    if (series.unigram !== null) lines.push(`unigram: ${formatLoss(series.unigram)}`);
    if (series.bigram !== null) lines.push(`bigram: ${formatLoss(series.bigram)}`);
    if (series.best === e) lines.push('best dev epoch (the saved weights)');
    if (series.sampleEpochs.includes(e)) lines.push('♪ click to hear this epoch');
    tip.innerHTML = lines.join('<br>');
    const left = u.valToPos(e, 'x');
    const top = u.valToPos(series.shown[idx], 'y');
    tip.style.display = 'block';
    // Beside the point, on the side with room, so the curve stays visible.
    const w = u.over.clientWidth;
    const h = u.over.clientHeight;
    let x = left + 14;
    if (x + tip.offsetWidth > w) x = left - tip.offsetWidth - 14;
    let y = top + 14;
    if (y + tip.offsetHeight > h) y = top - tip.offsetHeight - 14;
    tip.style.left = `${Math.max(0, x)}px`;
    tip.style.top = `${Math.max(0, y)}px`;
  };

  const options: uPlot.Options = {
    width: opts.width,
    height: opts.height ?? 230,
    legend: { show: false },
    cursor: { sync: { key: 'licklab-loss' }, points: { size: 8 }, drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: () => [0.7, Math.max(series.xMax, 2) + 0.3] },
      y: { distr: opts.log ? 3 : 1, range: () => series.range },
    },
    axes: [
      {
        stroke: THEME.axis,
        grid: { stroke: THEME.grid, width: 1 },
        ticks: { stroke: THEME.grid },
        label: 'epoch',
        labelSize: 18,
        font: '11px system-ui',
        labelFont: '11px system-ui',
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500],
        values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')),
      },
      {
        stroke: THEME.axis,
        grid: { stroke: THEME.grid, width: 1 },
        ticks: { stroke: THEME.grid },
        label: 'nats',
        labelSize: 18,
        size: 48,
        font: '11px system-ui',
        labelFont: '11px system-ui',
        splits: (u) => ticks(u.scales.y.min ?? 0, u.scales.y.max ?? 5, opts.log),
        // Our splits are already readable; uPlot's own log filter would blank (null) most of them.
        filter: (_u, splits) => splits,
        values: (_u, vals) => {
          const labels = vals.map(tickLabel);
          // What the axis shows, for tests and anyone inspecting the page (the axis is canvas).
          el.dataset.yScale = opts.log ? 'log' : 'linear';
          el.dataset.yTicks = labels.filter(Boolean).join(',');
          return labels;
        },
      },
    ],
    series: [
      {},
      { label: `${opts.label} (raw)`, stroke: opts.color, alpha: 0.3, width: 1, points: { show: false } },
      { label: opts.label, stroke: opts.color, width: 2.5, points: { show: true, size: 7, fill: opts.color } },
    ],
    hooks: { draw: [draw], setCursor: [setCursor] },
  };
  const plot = new UPlot(options, [series.epochs, series.raw, series.shown], el);
  plot.setSeries(1, { show: series.smoothing });
  plot.over.append(tip);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined && series.sampleEpochs.includes(series.epochs[idx])) opts.onPick?.(series.epochs[idx]);
  });

  return {
    update(s) {
      series = s;
      plot.setSeries(1, { show: s.smoothing });
      plot.setData([s.epochs, s.raw, s.shown], true);
    },
    resize(width) {
      plot.setSize({ width, height: opts.height ?? 230 });
    },
    destroy() {
      plot.destroy();
    },
  };
}
