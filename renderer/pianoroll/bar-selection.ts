// Selecting bars on the roll's bar ruler (to continue them): a drag over the ruler selects the bars
// it crosses, a shift-click extends the selection from its first bar to the clicked one. Pure: the
// component hands in the viewport and pointer positions.
import type { Bar } from './types';
import { barsEnd, lastStartingBy } from '../../models/music/types';
import { gridLeft, gridTop, xToTick, type Viewport } from './viewport';

/** Bars [from, to), 0-based. */
export interface BarRange {
  from: number;
  to: number;
}

/** Is the point on the bar ruler (under the chord lane, right of the keyboard)? */
export function onRuler(v: Viewport, x: number, y: number): boolean {
  return x >= gridLeft(v) && y >= v.chordLane && y < gridTop(v);
}

/** The bar under x (clamped to the bars), or -1 without bars. */
export function barAtX(v: Viewport, bars: readonly Bar[], x: number): number {
  if (bars.length === 0) return -1;
  return Math.max(0, lastStartingBy(bars, xToTick(v, x)));
}

/** The bars from one bar to another, in either order, both included. */
export function spanBars(a: number, b: number): BarRange {
  return { from: Math.min(a, b), to: Math.max(a, b) + 1 };
}

/** A press on bar `bar`: a shift-press extends from the current selection's first bar, else it starts anew. */
export function pressBar(current: BarRange | null, bar: number, shift: boolean): { anchor: number; range: BarRange } {
  const anchor = shift && current ? current.from : bar;
  return { anchor, range: spanBars(anchor, bar) };
}

/** The ticks a range covers on these bars. */
export function rangeTicks(bars: readonly Bar[], r: BarRange): { start: number; end: number } {
  return { start: bars[r.from].start, end: r.to < bars.length ? bars[r.to].start : barsEnd([...bars]) };
}

/** "bars 3-4" / "bar 3" (1-based, as the ruler numbers them). */
export function rangeLabel(r: BarRange): string {
  return r.to - r.from === 1 ? `bar ${r.from + 1}` : `bars ${r.from + 1}-${r.to}`;
}

/** A selection gesture on the ruler: press, drag, release. */
export class RulerSelect {
  #anchor: number | null = null;
  /** The range being dragged (null when no gesture runs). */
  live: BarRange | null = null;

  /** A press at (x, y): starts a selection and returns true when it is on the ruler over bars. */
  down(v: Viewport, bars: readonly Bar[], x: number, y: number, shift: boolean, current: BarRange | null): boolean {
    if (!onRuler(v, x, y) || bars.length === 0) return false;
    const { anchor, range } = pressBar(current, barAtX(v, bars, x), shift);
    this.#anchor = anchor;
    this.live = range;
    return true;
  }

  /** The pointer moved during a selection: the range now covered. */
  move(v: Viewport, bars: readonly Bar[], x: number): BarRange | null {
    if (this.#anchor === null) return null;
    this.live = spanBars(this.#anchor, barAtX(v, bars, x));
    return this.live;
  }

  /** Release: the selected range (null when no selection gesture was running). */
  up(): BarRange | null {
    const r = this.live;
    this.#anchor = null;
    this.live = null;
    return r;
  }

  get active(): boolean {
    return this.#anchor !== null;
  }
}
