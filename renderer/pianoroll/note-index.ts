// Notes sorted by start with binary-search culling and hit testing, so a 5,000-note take only
// costs the notes on screen.
import type { RollNote } from './types';
import type { Viewport } from './viewport';
import { tickToX, pitchToY, visiblePitches, visibleTicks, xToTick, yToPitch } from './viewport';

/** Notes narrower than this are still drawn (and clickable) this wide. */
export const MIN_NOTE_PX = 2;

export class NoteIndex {
  readonly notes: RollNote[]; // sorted by start, then pitch
  private readonly starts: Float64Array;
  readonly maxDur: number;
  readonly totalTicks: number;
  readonly pitchLo: number;
  readonly pitchHi: number;

  constructor(notes: readonly RollNote[]) {
    this.notes = notes.slice().sort((a, b) => a.start - b.start || a.pitch - b.pitch);
    this.starts = Float64Array.from(this.notes, (n) => n.start);
    let maxDur = 0;
    let end = 0;
    let lo = 127;
    let hi = 0;
    for (const n of this.notes) {
      maxDur = Math.max(maxDur, n.dur);
      end = Math.max(end, n.start + n.dur);
      lo = Math.min(lo, n.pitch);
      hi = Math.max(hi, n.pitch);
    }
    this.maxDur = maxDur;
    this.totalTicks = end;
    this.pitchLo = this.notes.length ? lo : 60;
    this.pitchHi = this.notes.length ? hi : 72;
  }

  /** First index whose start >= tick. */
  lowerBound(tick: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < tick) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Indices of notes overlapping [t0, t1) with pitch in [pLo, pHi]. */
  inRange(t0: number, t1: number, pLo: number, pHi: number, out: number[] = []): number[] {
    out.length = 0;
    const end = this.lowerBound(t1);
    for (let i = this.lowerBound(t0 - this.maxDur); i < end; i++) {
      const n = this.notes[i];
      if (n.start + n.dur > t0 && n.pitch >= pLo && n.pitch <= pHi) out.push(i);
    }
    return out;
  }

  /** Indices of the notes on screen (a note at least MIN_NOTE_PX wide counts from its start). */
  visible(v: Viewport, out: number[] = []): number[] {
    const { start, end } = visibleTicks(v);
    const { lo, hi } = visiblePitches(v);
    const slack = MIN_NOTE_PX / v.pxPerTick;
    return this.inRange(start - slack, end, lo, hi, out);
  }
}

/** Screen rectangle of a note (CSS px). */
export function noteRect(v: Viewport, n: RollNote): { x: number; y: number; w: number; h: number } {
  const x = tickToX(v, n.start);
  const w = Math.max(MIN_NOTE_PX, n.dur * v.pxPerTick);
  return { x, y: pitchToY(v, n.pitch), w, h: v.rowH };
}

/** Index of the note under (x, y), or -1. Later-starting notes win where two overlap. */
export function hitTest(index: NoteIndex, v: Viewport, x: number, y: number): number {
  const pitch = yToPitch(v, y);
  const tick = xToTick(v, x);
  const slack = MIN_NOTE_PX / v.pxPerTick;
  const hits = index.inRange(tick - slack, tick + 1e-9, pitch, pitch);
  for (let k = hits.length - 1; k >= 0; k--) {
    const r = noteRect(v, index.notes[hits[k]]);
    if (x >= r.x && x < r.x + r.w) return hits[k];
  }
  return -1;
}
