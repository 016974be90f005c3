// Draws the roll onto a 2D context: grid, primer region, notes (batched by colour), keyboard,
// chord lane and ruler. The playhead and hover go on a separate overlay (drawOverlay) so playback
// repaints only a line.
import type { Bar, ChordSpan, NoteRole } from './types';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import type { NoteIndex } from './note-index';
import { MIN_NOTE_PX, noteRect } from './note-index';
import type { Viewport } from './viewport';
import { gridHeight, gridLeft, gridTop, gridWidth, pitchToY, tickToX, visiblePitches, visibleTicks } from './viewport';
import { isBlackKey } from './music-labels';
import { pitchName } from '../../models/music/pitch-names';
import { lastStartingBy } from '../../models/music/types';
import { ROLE_COLORS, THEME } from './theme';
import { barStride, defaultBars, drawChordLane, drawRuler } from './render-lanes';

export interface Scene {
  index: NoteIndex;
  roles: NoteRole[]; // parallel to index.notes
  primer: boolean[]; // parallel to index.notes
  primerEnd: number; // ticks; 0 = no primer region
  primerStart?: number; // ticks where the primer region starts (default 0: a trade's call sits later)
  chords: readonly ChordSpan[];
  bars: readonly Bar[];
}

const ROLE_ORDER: NoteRole[] = ['nochord', 'outside', 'approach', 'tension', 'chord'];
const ROLE_INDEX = Object.fromEntries(ROLE_ORDER.map((r, i) => [r, i])) as Record<NoteRole, number>;

/** Draw the static layer. Returns the indices (into scene.index.notes) of the drawn notes. */
export function drawRoll(ctx: CanvasRenderingContext2D, s: Scene, v: Viewport, out: number[] = []): number[] {
  ctx.fillStyle = THEME.bg;
  ctx.fillRect(0, 0, v.width, v.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(gridLeft(v), gridTop(v), gridWidth(v), gridHeight(v));
  ctx.clip();
  drawRows(ctx, v);
  drawPrimerRegion(ctx, s, v);
  drawTimeGrid(ctx, s.bars, v);
  const drawn = s.index.visible(v, out);
  drawNotes(ctx, s, v, drawn);
  ctx.restore();
  drawKeyboard(ctx, v);
  drawRuler(ctx, s, v);
  drawChordLane(ctx, s.chords, v);
  return drawn;
}

function drawRows(ctx: CanvasRenderingContext2D, v: Viewport): void {
  const { lo, hi } = visiblePitches(v);
  const x = gridLeft(v);
  const w = gridWidth(v);
  for (let p = lo; p <= hi; p++) {
    ctx.fillStyle = isBlackKey(p) ? THEME.rowBlack : THEME.rowWhite;
    ctx.fillRect(x, pitchToY(v, p), w, v.rowH);
  }
  ctx.fillStyle = THEME.rowC;
  for (let p = lo; p <= hi; p++) if (p % 12 === 0) ctx.fillRect(x, pitchToY(v, p) + v.rowH - 1, w, 1);
}

function drawPrimerRegion(ctx: CanvasRenderingContext2D, s: Scene, v: Viewport): void {
  if (s.primerEnd <= 0) return;
  const x0 = Math.max(gridLeft(v), tickToX(v, s.primerStart ?? 0));
  const x1 = tickToX(v, s.primerEnd);
  if (x1 <= x0) return;
  ctx.fillStyle = THEME.primerTint;
  ctx.fillRect(x0, gridTop(v), x1 - x0, gridHeight(v));
  ctx.fillStyle = THEME.primerEdge;
  ctx.fillRect(Math.round(x1) - 1, gridTop(v), 2, gridHeight(v));
}

/** Bar lines always (thinned when crowded); beat lines when at least 6 px apart. */
function drawTimeGrid(ctx: CanvasRenderingContext2D, bars: readonly Bar[], v: Viewport): void {
  const top = gridTop(v);
  const h = gridHeight(v);
  const { start, end } = visibleTicks(v);
  const barList = bars.length ? bars : defaultBars(end);
  const beatPx = TICKS_PER_BEAT * v.pxPerTick;
  const barStep = barStride(barList, v);
  const first = Math.max(0, lastStartingBy(barList, start));
  for (let i = first; i < barList.length && barList[i].start < end; i++) {
    const b = barList[i];
    if (beatPx >= 6) {
      ctx.fillStyle = THEME.beatLine;
      for (let t = b.start + TICKS_PER_BEAT; t < b.start + b.beats * TICKS_PER_BEAT - 1e-9; t += TICKS_PER_BEAT) {
        ctx.fillRect(Math.round(tickToX(v, t)), top, 1, h);
      }
    }
    if (i % barStep === 0) {
      ctx.fillStyle = THEME.barLine;
      ctx.fillRect(Math.round(tickToX(v, b.start)), top, 1, h);
    }
  }
}

/**
 * One fill per colour: notes are bucketed by (primer, role) in one pass, each bucket becomes one
 * path filled once. Rects are computed inline (no per-note objects: no GC pauses at 5,000 notes).
 */
function drawNotes(ctx: CanvasRenderingContext2D, s: Scene, v: Viewport, drawn: number[]): void {
  const inset = v.rowH >= 6 ? 1 : 0;
  const buckets: number[][] = Array.from({ length: 2 * ROLE_ORDER.length }, () => []);
  for (const i of drawn) buckets[(s.primer[i] ? 0 : ROLE_ORDER.length) + ROLE_INDEX[s.roles[i]]].push(i);
  const x0 = tickToX(v, 0);
  const yTop = pitchToY(v, 0);
  for (let b = 0; b < buckets.length; b++) {
    const list = buckets[b];
    if (list.length === 0) continue;
    const primer = b < ROLE_ORDER.length;
    const color = ROLE_COLORS[ROLE_ORDER[b % ROLE_ORDER.length]];
    ctx.beginPath();
    for (const i of list) {
      const n = s.index.notes[i];
      const w = Math.max(MIN_NOTE_PX, n.dur * v.pxPerTick);
      ctx.rect(x0 + n.start * v.pxPerTick, yTop - n.pitch * v.rowH + inset, Math.max(1, w - (w > 4 ? 1 : 0)), v.rowH - 2 * inset);
    }
    if (primer) {
      // Primer: translucent fill with a solid outline, so it reads as "given", not generated.
      ctx.globalAlpha = 0.28;
      ctx.fillStyle = color;
      ctx.fill();
      ctx.globalAlpha = 1;
      if (v.rowH >= 5) {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      if (v.rowH >= 8 && v.pxPerTick >= 1) {
        ctx.strokeStyle = THEME.noteOutline;
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    }
  }
}

function drawKeyboard(ctx: CanvasRenderingContext2D, v: Viewport): void {
  const top = gridTop(v);
  const w = v.keyWidth;
  ctx.fillStyle = THEME.keyWhite;
  ctx.fillRect(0, top, w, gridHeight(v));
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, w, gridHeight(v));
  ctx.clip();
  const { lo, hi } = visiblePitches(v);
  ctx.fillStyle = THEME.keyEdge;
  for (let p = lo; p <= hi; p++) {
    const pc = p % 12;
    if (pc === 4 || pc === 11) ctx.fillRect(0, pitchToY(v, p), w, 1); // E-F and B-C seams
  }
  ctx.fillStyle = THEME.keyBlack;
  for (let p = lo; p <= hi; p++) if (isBlackKey(p)) ctx.fillRect(0, pitchToY(v, p), w * 0.6, v.rowH);
  if (v.rowH >= 5) {
    ctx.fillStyle = THEME.keyLabel;
    ctx.font = `600 ${Math.min(11, Math.max(8, v.rowH))}px ${THEME.font}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (let p = lo; p <= hi; p++) if (p % 12 === 0) ctx.fillText(pitchName(p), w - 4, pitchToY(v, p) + v.rowH / 2);
  }
  ctx.restore();
  ctx.fillStyle = THEME.keyEdge;
  ctx.fillRect(w - 1, top, 1, gridHeight(v));
}

export interface Overlay {
  playhead: number | null;
  hover: number; // index into scene.index.notes or -1
  hoverPitch: number | null;
  /** Bars selected on the ruler (ticks), shown over the ruler and the grid. */
  selection?: { start: number; end: number } | null;
}

/** The moving layer: playhead line, hovered note outline, hovered key. */
export function drawOverlay(ctx: CanvasRenderingContext2D, s: Scene, v: Viewport, o: Overlay): void {
  ctx.clearRect(0, 0, v.width, v.height);
  if (o.selection) drawSelection(ctx, o.selection, v);
  if (o.hoverPitch !== null) {
    const y = pitchToY(v, o.hoverPitch);
    if (y + v.rowH > gridTop(v)) {
      ctx.fillStyle = THEME.keyHover;
      ctx.globalAlpha = 0.55;
      ctx.fillRect(0, Math.max(gridTop(v), y), v.keyWidth - 1, v.rowH);
      ctx.globalAlpha = 1;
    }
  }
  if (o.hover >= 0 && o.hover < s.index.notes.length) {
    const r = noteRect(v, s.index.notes[o.hover]);
    ctx.strokeStyle = THEME.hoverOutline;
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x - 1, r.y, r.w + 2, r.h);
  }
  if (o.playhead !== null) {
    // Notes sounding under the playhead light up.
    const { lo, hi } = visiblePitches(v);
    ctx.fillStyle = THEME.sounding;
    for (const i of s.index.inRange(o.playhead, o.playhead + 1e-6, lo, hi)) {
      const r = noteRect(v, s.index.notes[i]);
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    const x = tickToX(v, o.playhead);
    if (x >= gridLeft(v) && x <= v.width) {
      ctx.fillStyle = THEME.playhead;
      ctx.fillRect(Math.round(x) - 1, v.chordLane, 2, v.height - v.chordLane);
      ctx.beginPath();
      ctx.moveTo(x - 5, v.chordLane);
      ctx.lineTo(x + 5, v.chordLane);
      ctx.lineTo(x, v.chordLane + 7);
      ctx.closePath();
      ctx.fill();
    }
  }
}

function drawSelection(ctx: CanvasRenderingContext2D, sel: { start: number; end: number }, v: Viewport): void {
  const x0 = Math.max(gridLeft(v), tickToX(v, sel.start));
  const x1 = Math.min(v.width, tickToX(v, sel.end));
  if (x1 <= x0) return;
  ctx.fillStyle = THEME.selectionTint;
  ctx.fillRect(x0, v.chordLane, x1 - x0, v.height - v.chordLane);
  ctx.fillStyle = THEME.selectionEdge;
  ctx.fillRect(x0, v.chordLane, x1 - x0, 3);
}
