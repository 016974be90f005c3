// Selecting bars on the ruler (pure): hits on the ruler only, the bar under the pointer, drags in
// either direction, shift-click extending from the first bar, the ticks and label of a range; and
// the pan gesture that the ruler's selection replaces on the ruler.
import { describe, expect, it } from 'vitest';
import { RulerSelect, barAtX, onRuler, pressBar, rangeLabel, rangeTicks, spanBars } from '../../../renderer/pianoroll/bar-selection';
import { PanDrag } from '../../../renderer/pianoroll/pan-drag';
import type { Viewport } from '../../../renderer/pianoroll/viewport';

// 1 px per tick from x = 56: bar k spans x 56 + 48k .. 56 + 48(k+1); the ruler is y 30..48.
const v: Viewport = { width: 856, height: 448, keyWidth: 56, chordLane: 30, ruler: 18, tick0: 0, pxPerTick: 1, pitchTop: 80, rowH: 10 };
const bars = Array.from({ length: 12 }, (_, i) => ({ start: i * 48, beats: 4 }));
const xOf = (bar: number) => 56 + bar * 48 + 10;

describe('bar selection', () => {
  it('finds the ruler and the bar under the pointer', () => {
    expect(onRuler(v, 100, 35)).toBe(true);
    expect(onRuler(v, 100, 20)).toBe(false); // chord lane
    expect(onRuler(v, 100, 60)).toBe(false); // grid
    expect(onRuler(v, 30, 35)).toBe(false); // keyboard column
    expect([0, 3, 11].map((b) => barAtX(v, bars, xOf(b)))).toEqual([0, 3, 11]);
    expect(barAtX(v, bars, 5000)).toBe(11);
    expect(barAtX(v, [], 100)).toBe(-1);
  });

  it('spans bars either way; shift extends from the first selected bar', () => {
    expect(spanBars(5, 2)).toEqual({ from: 2, to: 6 });
    expect(pressBar(null, 4, false)).toEqual({ anchor: 4, range: { from: 4, to: 5 } });
    expect(pressBar({ from: 2, to: 3 }, 6, true)).toEqual({ anchor: 2, range: { from: 2, to: 7 } });
    expect(pressBar({ from: 2, to: 3 }, 6, false).range).toEqual({ from: 6, to: 7 });
    expect(rangeTicks(bars, { from: 2, to: 4 })).toEqual({ start: 96, end: 192 });
    expect(rangeTicks(bars, { from: 11, to: 12 })).toEqual({ start: 528, end: 576 });
    expect([rangeLabel({ from: 2, to: 4 }), rangeLabel({ from: 0, to: 1 })]).toEqual(['bars 3-4', 'bar 1']);
  });

  it('a drag over the ruler selects the bars it crosses; presses elsewhere are not selections', () => {
    const r = new RulerSelect();
    expect(r.down(v, bars, xOf(3), 70, false, null)).toBe(false);
    expect(r.active).toBe(false);
    expect(r.down(v, bars, xOf(3), 35, false, null)).toBe(true);
    expect(r.move(v, bars, xOf(1))).toEqual({ from: 1, to: 4 });
    expect(r.up()).toEqual({ from: 1, to: 4 });
    expect(r.up()).toBeNull();
    expect(r.down(v, bars, xOf(6), 35, true, { from: 1, to: 4 })).toBe(true);
    expect(r.up()).toEqual({ from: 1, to: 7 });
  });

  it('a pan drag moves the view past a few pixels; a small press is a click', () => {
    const d = new PanDrag();
    const ext = { totalTicks: 4000, pitchLo: 40, pitchHi: 90 };
    d.down(300, 200);
    expect(d.move(v, 302, 201, ext)).toBeNull();
    expect(d.up()).toBe(true);
    d.down(600, 200);
    expect(d.move(v, 400, 200, ext)?.tick0).toBe(200);
    expect(d.up()).toBe(false);
  });
});
