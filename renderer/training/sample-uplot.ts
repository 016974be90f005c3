// The sample chart on uPlot, a sibling of the loss charts (uplot-chart.ts): the same epoch axis and
// cursor sync key, so hovering one epoch shows it on all three. The score on its own scale (left,
// fitted to the scores so a change of 0.01 shows), copying on the right: the longest copied run in
// notes and the 8-gram share in percent; the dev solos' own copying as dashed lines.
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { sampleTipLines, type SampleSeries } from './sample-chart-data';

export interface SampleChart {
  update(s: SampleSeries): void;
  resize(width: number): void;
  destroy(): void;
}

const COLOR = { score: '#7bc47f', share: '#d77bb7', run: '#e0c458', axis: '#9aa4b2', grid: '#2a313b' };

const escape = (t: string) => t.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

export async function createSampleChart(
  el: HTMLElement,
  opts: { width: number; height?: number; initial: SampleSeries; onPick?: (epoch: number) => void },
): Promise<SampleChart> {
  const { default: UPlot } = await import('uplot');
  let series = opts.initial;
  const tip = document.createElement('div');
  tip.className = 'loss-tip';
  tip.style.display = 'none';
  const dpr = () => devicePixelRatio;

  const hline = (u: uPlot, value: number | null, scale: string, color: string, text: string, right: boolean) => {
    if (value === null || !Number.isFinite(value)) return;
    const y = Math.round(u.valToPos(value, scale, true));
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * dpr();
    ctx.setLineDash([6 * dpr(), 4 * dpr()]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.font = `${11 * dpr()}px system-ui, sans-serif`;
    ctx.textAlign = right ? 'right' : 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(text, right ? u.bbox.left + u.bbox.width - 4 * dpr() : u.bbox.left + 4 * dpr(), y - 3 * dpr());
    ctx.restore();
  };

  const draw = (u: uPlot) => {
    hline(u, series.devLongestRun, 'copy', COLOR.run, `dev solos: run ${series.devLongestRun?.toFixed(1) ?? ''}`, false);
    hline(u, series.devNgram8Share, 'copy', COLOR.share, `8-grams ${series.devNgram8Share?.toFixed(0) ?? ''}%`, true);
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = COLOR.score;
    ctx.font = `${14 * dpr()}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const e of series.playable) ctx.fillText('♪', u.valToPos(e, 'x', true), u.bbox.top + 2 * dpr());
    if (series.bestSample !== null) {
      const i = series.epochs.indexOf(series.bestSample);
      if (i >= 0) {
        ctx.strokeStyle = COLOR.score;
        ctx.lineWidth = 2 * dpr();
        ctx.beginPath();
        ctx.arc(u.valToPos(series.bestSample, 'x', true), u.valToPos(series.score[i], 'y', true), 6 * dpr(), 0, Math.PI * 2);
        ctx.stroke();
      }
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
    const lines = sampleTipLines(e, series.samples[idx], series.playable.includes(e));
    if (series.bestSample === e) lines.push('best sample score of the run');
    tip.innerHTML = lines.map((l, i) => (i === 0 ? `<b>${escape(l)}</b>` : escape(l))).join('<br>');
    tip.style.display = 'block';
    const left = u.valToPos(e, 'x');
    const top = u.valToPos(series.score[idx], 'y');
    let x = left + 14;
    if (x + tip.offsetWidth > u.over.clientWidth) x = left - tip.offsetWidth - 14;
    let y = top + 14;
    if (y + tip.offsetHeight > u.over.clientHeight) y = top - tip.offsetHeight - 14;
    tip.style.left = `${Math.max(0, x)}px`;
    tip.style.top = `${Math.max(0, y)}px`;
  };

  const axis = {
    stroke: COLOR.axis,
    grid: { stroke: COLOR.grid, width: 1 },
    ticks: { stroke: COLOR.grid },
    labelSize: 18,
    font: '11px system-ui',
    labelFont: '11px system-ui',
  };
  const data = (s: SampleSeries): uPlot.AlignedData => [s.epochs, s.score, s.ngram8Share, s.longestRun];
  const plot = new UPlot(
    {
      width: opts.width,
      height: opts.height ?? 230,
      legend: { show: false },
      cursor: { sync: { key: 'licklab-loss' }, points: { size: 8 }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [0.7, Math.max(series.xMax, 2) + 0.3] },
        y: { range: () => series.scoreRange },
        copy: { range: () => [0, series.copyMax] },
      },
      axes: [
        {
          ...axis,
          label: 'epoch',
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500],
          values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')),
        },
        { ...axis, label: 'score', size: 44, values: (_u, vals) => vals.map((v) => v.toFixed(2)) },
        {
          ...axis,
          scale: 'copy',
          side: 1,
          label: 'copying (notes · %)',
          size: 44,
          grid: { show: false },
          values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')),
        },
      ],
      series: [
        {},
        { label: 'score', stroke: COLOR.score, width: 2.5, points: { show: true, size: 7, fill: COLOR.score } },
        {
          label: '8-gram share copied (%)',
          scale: 'copy',
          stroke: COLOR.share,
          width: 1.5,
          points: { show: true, size: 5, fill: COLOR.share },
        },
        { label: 'longest copied run', scale: 'copy', stroke: COLOR.run, width: 1.5, points: { show: true, size: 5, fill: COLOR.run } },
      ],
      hooks: { draw: [draw], setCursor: [setCursor] },
    },
    data(series),
    el,
  );
  plot.over.append(tip);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined && series.playable.includes(series.epochs[idx])) opts.onPick?.(series.epochs[idx]);
  });
  return {
    update(s) {
      series = s;
      plot.setData(data(s), true);
    },
    resize(width) {
      plot.setSize({ width, height: opts.height ?? 230 });
    },
    destroy() {
      plot.destroy();
    },
  };
}
