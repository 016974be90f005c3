import { describe, expect, it } from 'vitest';
import { NoteIndex, hitTest, noteRect } from '../../../renderer/pianoroll/note-index';
import type { Viewport } from '../../../renderer/pianoroll/viewport';
import { note, randomLine } from './fixtures';

const v = (over: Partial<Viewport> = {}): Viewport => ({
  width: 856,
  height: 448,
  keyWidth: 56,
  chordLane: 30,
  ruler: 18,
  tick0: 0,
  pxPerTick: 2,
  pitchTop: 80,
  rowH: 10,
  ...over,
});

/** Reference culling by brute force. */
function bruteVisible(idx: NoteIndex, t0: number, t1: number, lo: number, hi: number): number[] {
  const out: number[] = [];
  idx.notes.forEach((n, i) => {
    if (n.start < t1 && n.start + n.dur > t0 && n.pitch >= lo && n.pitch <= hi) out.push(i);
  });
  return out;
}

describe('NoteIndex culling', () => {
  it('matches brute force on a 5,000-note line at many windows', () => {
    const idx = new NoteIndex(randomLine(5000, 7).reverse()); // unsorted input is sorted by the index
    for (let k = 0; k < idx.notes.length; k++) if (k > 0) expect(idx.notes[k].start).toBeGreaterThanOrEqual(idx.notes[k - 1].start);
    for (const [t0, t1, lo, hi] of [
      [0, 100, 0, 127],
      [1000, 1400, 55, 70],
      [idx.totalTicks - 50, idx.totalTicks + 10, 0, 127],
      [333, 334, 0, 127],
    ]) {
      expect(idx.inRange(t0, t1, lo, hi)).toEqual(bruteVisible(idx, t0, t1, lo, hi));
    }
  });

  it('includes a long note that started before the window', () => {
    const idx = new NoteIndex([note(60, 0, 480), note(62, 400, 6), note(64, 500, 6)]);
    expect(idx.inRange(450, 460, 0, 127).map((i) => idx.notes[i].pitch)).toEqual([60]);
  });

  it('culls to the viewport: only on-screen notes', () => {
    const idx = new NoteIndex(randomLine(5000, 3));
    const view = v({ tick0: 2000, pitchTop: 75 });
    const drawn = idx.visible(view);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(400);
    for (const i of drawn) {
      const r = noteRect(view, idx.notes[i]);
      expect(r.x + r.w).toBeGreaterThan(56);
      expect(r.x).toBeLessThan(856);
      expect(r.y + r.h).toBeGreaterThan(48);
      expect(r.y).toBeLessThan(448);
    }
  });
});

describe('hitTest', () => {
  const idx = new NoteIndex([note(72, 24, 12), note(72, 36, 6), note(70, 24, 1)]);
  const view = v();

  it('finds the note under the pointer', () => {
    const r = noteRect(view, idx.notes[idx.notes.findIndex((n) => n.start === 24 && n.pitch === 72)]);
    const hit = hitTest(idx, view, r.x + 5, r.y + 5);
    expect(idx.notes[hit]).toMatchObject({ pitch: 72, start: 24 });
    const second = hitTest(idx, view, r.x + r.w + 3, r.y + 5);
    expect(idx.notes[second]).toMatchObject({ pitch: 72, start: 36 });
  });

  it('hits a tiny note within its minimum drawn width and misses empty space', () => {
    const tiny = noteRect(
      view,
      idx.notes.find((n) => n.pitch === 70)!,
    );
    expect(tiny.w).toBe(2);
    expect(idx.notes[hitTest(idx, view, tiny.x + 1.5, tiny.y + 1)]).toMatchObject({ pitch: 70 });
    expect(hitTest(idx, view, tiny.x + 3, tiny.y + 1)).toBe(-1);
    expect(hitTest(idx, view, 700, 300)).toBe(-1);
  });
});
