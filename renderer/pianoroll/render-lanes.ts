// The chord-symbol lane and the bar ruler above the grid, and the bar-line spacing they share
// with the grid.
import type { Bar, ChordSpan } from './types';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import type { Viewport } from './viewport';
import { gridLeft, gridWidth, tickToX, visibleTicks } from './viewport';
import { lastStartingBy } from '../../models/music/types';
import { THEME } from './theme';

/** Draw every n-th bar line so lines stay >= 8 px apart. */
export function barStride(bars: readonly Bar[], v: Viewport): number {
  const avgBeats = bars.length ? (bars[bars.length - 1].start - bars[0].start) / Math.max(1, bars.length - 1) / TICKS_PER_BEAT : 4;
  const barPx = Math.max(1e-6, (avgBeats || 4) * TICKS_PER_BEAT * v.pxPerTick);
  let step = 1;
  while (barPx * step < 8) step *= 2;
  return step;
}

export function defaultBars(endTick: number): Bar[] {
  const out: Bar[] = [];
  for (let t = 0; t < endTick + 4 * TICKS_PER_BEAT; t += 4 * TICKS_PER_BEAT) out.push({ start: t, beats: 4 });
  return out;
}

export function drawRuler(ctx: CanvasRenderingContext2D, s: { bars: readonly Bar[]; primerEnd: number }, v: Viewport): void {
  const y = v.chordLane;
  ctx.fillStyle = THEME.rulerBg;
  ctx.fillRect(0, y, v.width, v.ruler);
  const { start, end } = visibleTicks(v);
  const bars = s.bars.length ? s.bars : defaultBars(end);
  ctx.save();
  ctx.beginPath();
  ctx.rect(gridLeft(v), y, gridWidth(v), v.ruler);
  ctx.clip();
  ctx.font = `500 10px ${THEME.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const step = Math.max(1, barStride(bars, v) * labelStride(bars, v));
  for (let i = Math.max(0, lastStartingBy(bars, start)); i < bars.length && bars[i].start < end; i++) {
    if (i % step !== 0) continue;
    const x = tickToX(v, bars[i].start);
    ctx.fillStyle = THEME.barLine;
    ctx.fillRect(Math.round(x), y + v.ruler - 6, 1, 6);
    ctx.fillStyle = THEME.rulerText;
    ctx.fillText(String(i + 1), x + 3, y + v.ruler / 2);
  }
  if (s.primerEnd > 0 && tickToX(v, s.primerEnd) > gridLeft(v) + 40) {
    ctx.fillStyle = THEME.primerLabel;
    ctx.textAlign = 'right';
    ctx.fillText('primer', tickToX(v, s.primerEnd) - 4, y + v.ruler / 2);
  }
  ctx.restore();
  ctx.fillStyle = THEME.rulerBg;
  ctx.fillRect(0, y, v.keyWidth, v.ruler);
}

/** Label every n-th bar so numbers stay ~28 px apart. */
function labelStride(bars: readonly Bar[], v: Viewport): number {
  const barPx = 4 * TICKS_PER_BEAT * v.pxPerTick * barStride(bars, v);
  let step = 1;
  while (barPx * step < 28) step *= 2;
  return step;
}

export function drawChordLane(ctx: CanvasRenderingContext2D, chords: readonly ChordSpan[], v: Viewport): void {
  const h = v.chordLane;
  ctx.fillStyle = THEME.chordLaneBg;
  ctx.fillRect(0, 0, v.width, h);
  const { start, end } = visibleTicks(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(gridLeft(v), 0, gridWidth(v), h);
  ctx.clip();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let prevTextEnd = -Infinity;
  for (let i = Math.max(0, lastStartingBy(chords, start)); i < chords.length && chords[i].start < end; i++) {
    const c = chords[i];
    if (c.end <= start) continue;
    const x0 = tickToX(v, c.start);
    const x1 = tickToX(v, c.end);
    ctx.fillStyle = i % 2 ? THEME.chordBoxAlt : THEME.chordBox;
    if (x1 - x0 < 6) {
      ctx.fillRect(x0, 3, Math.max(1, x1 - x0), h - 6); // too dense for boxes and names
      continue;
    }
    ctx.fillRect(x0 + 1, 3, x1 - x0 - 2, h - 6);
    const label = c.root < 0 ? 'N.C.' : c.symbol;
    // Keep the current chord's name readable when scrolled; tighter padding in a narrow (half-bar) box.
    const pad = x1 - x0 < 48 ? 3 : 5;
    const tx = Math.max(x0 + pad, gridLeft(v) + pad);
    const size = fitFont(ctx, label, x1 - tx - pad + 1);
    if (size === 0 || tx < prevTextEnd + 4) continue; // no room: skip rather than overlap
    ctx.font = `600 ${size}px ${THEME.font}`;
    ctx.fillStyle = c.root < 0 ? THEME.chordNC : THEME.chordText;
    ctx.fillText(label, tx, h / 2);
    prevTextEnd = tx + ctx.measureText(label).width;
  }
  ctx.restore();
  ctx.fillStyle = THEME.chordLaneBg;
  ctx.fillRect(0, 0, v.keyWidth, h + v.ruler);
  ctx.fillStyle = THEME.rulerText;
  ctx.font = `600 10px ${THEME.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText('CHORD', v.keyWidth / 2, h / 2);
  ctx.fillText('BAR', v.keyWidth / 2, h + v.ruler / 2);
}

// Down to 8 px: a two-chord bar (Cm7 F7) at the fitted zoom of a whole chorus must still be named.
const CHORD_FONT_SIZES = [13, 11.5, 10, 9, 8];

/** Largest chord-lane font size at which `label` fits in `room` px, or 0. */
function fitFont(ctx: CanvasRenderingContext2D, label: string, room: number): number {
  for (const size of CHORD_FONT_SIZES) {
    ctx.font = `600 ${size}px ${THEME.font}`;
    if (ctx.measureText(label).width <= room) return size;
  }
  return 0;
}
