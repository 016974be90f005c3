// Viewport math: which ticks and pitches are on screen, and where. All values in CSS pixels.

export interface Layout {
  width: number; // whole canvas
  height: number;
  keyWidth: number; // keyboard column on the left
  chordLane: number; // chord-symbol lane on top
  ruler: number; // bar-number ruler under the chord lane
}

export interface Viewport extends Layout {
  tick0: number; // tick at the left edge of the note grid
  pxPerTick: number;
  pitchTop: number; // pitch whose row top sits at the grid's top edge (may be fractional)
  rowH: number; // px per semitone
}

export const MIN_ROW_H = 3;
export const MAX_ROW_H = 28;
export const MAX_PX_PER_TICK = 12;
export const MIN_PITCH = 0;
export const MAX_PITCH = 127;

export const gridLeft = (v: Layout): number => v.keyWidth;
export const gridTop = (v: Layout): number => v.chordLane + v.ruler;
export const gridWidth = (v: Layout): number => Math.max(1, v.width - v.keyWidth);
export const gridHeight = (v: Layout): number => Math.max(1, v.height - gridTop(v));

export function tickToX(v: Viewport, tick: number): number {
  return gridLeft(v) + (tick - v.tick0) * v.pxPerTick;
}

export function xToTick(v: Viewport, x: number): number {
  return v.tick0 + (x - gridLeft(v)) / v.pxPerTick;
}

/** Top y of a pitch's row. */
export function pitchToY(v: Viewport, pitch: number): number {
  return gridTop(v) + (v.pitchTop - pitch) * v.rowH;
}

/** The pitch whose row contains y (rows are [top, top + rowH)). */
export function yToPitch(v: Viewport, y: number): number {
  return Math.ceil(v.pitchTop - (y - gridTop(v)) / v.rowH - 1e-9);
}

/** Visible tick span [start, end). */
export function visibleTicks(v: Viewport): { start: number; end: number } {
  return { start: v.tick0, end: v.tick0 + gridWidth(v) / v.pxPerTick };
}

/** Visible pitches, inclusive, including partly visible rows. */
export function visiblePitches(v: Viewport): { lo: number; hi: number } {
  const hi = Math.min(MAX_PITCH, Math.ceil(v.pitchTop));
  const lo = Math.max(MIN_PITCH, Math.floor(v.pitchTop - gridHeight(v) / v.rowH));
  return { lo, hi };
}

export interface Extent {
  totalTicks: number; // length of the piece
  pitchLo: number; // lowest note
  pitchHi: number; // highest note
}

/** Smallest horizontal zoom: the whole piece fits the width. */
export function minPxPerTick(v: Layout, ext: Extent): number {
  return gridWidth(v) / Math.max(1, ext.totalTicks);
}

/** Keep the view inside the piece (plus a little slack) and the MIDI range. */
export function clampViewport(v: Viewport, ext: Extent): Viewport {
  const pxPerTick = Math.min(MAX_PX_PER_TICK, Math.max(minPxPerTick(v, ext), v.pxPerTick));
  const rowH = Math.min(MAX_ROW_H, Math.max(MIN_ROW_H, v.rowH));
  const spanTicks = gridWidth(v) / pxPerTick;
  const maxTick0 = Math.max(0, ext.totalTicks - spanTicks);
  const tick0 = Math.min(maxTick0, Math.max(0, v.tick0));
  const rows = gridHeight(v) / rowH;
  const maxTop = MAX_PITCH + 1;
  const minTop = Math.min(maxTop, MIN_PITCH - 1 + rows);
  const pitchTop = Math.min(maxTop, Math.max(minTop, v.pitchTop));
  return { ...v, pxPerTick, rowH, tick0, pitchTop };
}

/** Zoom time around the screen x (the tick under x stays put). */
export function zoomTime(v: Viewport, factor: number, anchorX: number, ext: Extent): Viewport {
  const anchorTick = xToTick(v, anchorX);
  const pxPerTick = Math.min(MAX_PX_PER_TICK, Math.max(minPxPerTick(v, ext), v.pxPerTick * factor));
  const tick0 = anchorTick - (anchorX - gridLeft(v)) / pxPerTick;
  return clampViewport({ ...v, pxPerTick, tick0 }, ext);
}

/** Zoom pitch rows around the screen y. */
export function zoomPitch(v: Viewport, factor: number, anchorY: number, ext: Extent): Viewport {
  const anchorPitch = v.pitchTop - (anchorY - gridTop(v)) / v.rowH;
  const rowH = Math.min(MAX_ROW_H, Math.max(MIN_ROW_H, v.rowH * factor));
  const pitchTop = anchorPitch + (anchorY - gridTop(v)) / rowH;
  return clampViewport({ ...v, rowH, pitchTop }, ext);
}

/** Scroll by screen pixels (positive dx = later in time, positive dy = lower pitches). */
export function scrollBy(v: Viewport, dx: number, dy: number, ext: Extent): Viewport {
  return clampViewport({ ...v, tick0: v.tick0 + dx / v.pxPerTick, pitchTop: v.pitchTop - dy / v.rowH }, ext);
}

/** Whole piece horizontally, the notes' pitch range (plus margin) vertically. */
export function fitAll(v: Layout, ext: Extent): Viewport {
  const lo = Math.max(MIN_PITCH, ext.pitchLo - 2);
  const hi = Math.min(MAX_PITCH, ext.pitchHi + 2);
  const rowH = Math.min(MAX_ROW_H, Math.max(MIN_ROW_H, gridHeight(v) / (hi - lo + 1)));
  const rows = gridHeight(v) / rowH;
  const mid = (lo + hi + 1) / 2;
  return clampViewport({ ...v, tick0: 0, pxPerTick: minPxPerTick(v, ext), rowH, pitchTop: mid + rows / 2 }, ext);
}

/**
 * Page-turn following: when the playhead leaves the view or passes 85% of its width, jump so it
 * sits at 10%. Page turns (not continuous scrolling) keep the notes still and readable.
 */
export function followTick(v: Viewport, tick: number, ext: Extent): Viewport {
  const { start, end } = visibleTicks(v);
  const span = end - start;
  if (tick >= start && tick <= start + span * 0.85) return v;
  return clampViewport({ ...v, tick0: tick - span * 0.1 }, ext);
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return (
    a.tick0 === b.tick0 &&
    a.pxPerTick === b.pxPerTick &&
    a.pitchTop === b.pitchTop &&
    a.rowH === b.rowH &&
    a.width === b.width &&
    a.height === b.height
  );
}
