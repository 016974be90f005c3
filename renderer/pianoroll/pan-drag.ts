// Dragging the roll's grid pans it; a press that moves less than a few pixels is a click.
import { scrollBy, type Extent, type Viewport } from './viewport';

const CLICK_SLOP_PX = 4;

export class PanDrag {
  #d: { x: number; y: number; moved: boolean } | null = null;

  down(x: number, y: number): void {
    this.#d = { x, y, moved: false };
  }

  /** The panned viewport when the pointer moved far enough to pan, else null. */
  move(v: Viewport, x: number, y: number, ext: Extent): Viewport | null {
    const d = this.#d;
    if (!d) return null;
    const dx = x - d.x;
    const dy = y - d.y;
    if (!d.moved && Math.hypot(dx, dy) <= CLICK_SLOP_PX) return null;
    d.moved = true;
    d.x = x;
    d.y = y;
    return scrollBy(v, -dx, -dy, ext);
  }

  /** End the press: true when it was a click (pressed here and not panned). */
  up(): boolean {
    const d = this.#d;
    this.#d = null;
    return d !== null && !d.moved;
  }

  get active(): boolean {
    return this.#d !== null;
  }
}
