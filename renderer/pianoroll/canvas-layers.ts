// The roll's two canvases (static layer and overlay): sizing them for the device pixel ratio, and
// batching redraw requests into one animation frame.

/** Size canvases to w x h CSS pixels at `dpr` device pixels each, drawing in CSS pixels. */
export function sizeLayers(
  canvases: HTMLCanvasElement[],
  contexts: (CanvasRenderingContext2D | null)[],
  w: number,
  h: number,
  dpr: number,
): void {
  for (const c of canvases) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
  }
  for (const ctx of contexts) ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** Redraw requests: many per frame collapse into one call of `frame` on the next animation frame. */
export class FrameRequests {
  needBase = false;
  needOverlay = false;
  #raf = 0;

  constructor(private readonly frame: () => void) {}

  request(full: boolean): void {
    if (full) this.needBase = true;
    this.needOverlay = true;
    if (!this.#raf && typeof requestAnimationFrame === 'function')
      this.#raf = requestAnimationFrame(() => {
        this.#raf = 0;
        this.frame();
      });
  }

  /** Drop a pending frame (before a synchronous redraw, or on unmount). */
  cancel(): void {
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }
}
