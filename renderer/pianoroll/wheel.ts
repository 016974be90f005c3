// Wheel gestures: ctrl/cmd + wheel zooms time around the pointer (with shift: pitch rows),
// shift + wheel scrolls time, a plain wheel or trackpad scrolls both axes.
import type { Extent, Viewport } from './viewport';
import { gridLeft, scrollBy, zoomPitch, zoomTime } from './viewport';

export interface WheelInput {
  deltaX: number;
  deltaY: number;
  deltaMode: number; // 0 px, 1 lines, 2 pages
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const LINE_PX = 16;
const PAGE_PX = 400;
const ZOOM_PER_PX = 0.002;

export function applyWheel(v: Viewport, e: WheelInput, x: number, y: number, ext: Extent): Viewport {
  const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? PAGE_PX : 1;
  const dx = e.deltaX * unit;
  const dy = e.deltaY * unit;
  if (e.ctrlKey || e.metaKey) {
    const f = Math.exp(-dy * ZOOM_PER_PX);
    return e.shiftKey ? zoomPitch(v, f, y, ext) : zoomTime(v, f, Math.max(x, gridLeft(v)), ext);
  }
  if (e.shiftKey) return scrollBy(v, dy || dx, 0, ext);
  return scrollBy(v, dx, dy, ext);
}
