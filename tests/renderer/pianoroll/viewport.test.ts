import { describe, expect, it } from 'vitest';
import * as vp from '../../../renderer/pianoroll/viewport';
import type { Viewport } from '../../../renderer/pianoroll/viewport';

const layout = { width: 856, height: 448, keyWidth: 56, chordLane: 30, ruler: 18 };
const ext = { totalTicks: 48 * 32, pitchLo: 50, pitchHi: 80 };
const view = (over: Partial<Viewport> = {}): Viewport => ({ ...layout, tick0: 0, pxPerTick: 2, pitchTop: 80, rowH: 10, ...over });

describe('viewport geometry', () => {
  it('maps ticks and pitches to pixels and back', () => {
    const v = view({ tick0: 100 });
    expect(vp.tickToX(v, 100)).toBe(56);
    expect(vp.tickToX(v, 150)).toBe(156);
    expect(vp.xToTick(v, 156)).toBe(150);
    expect(vp.pitchToY(v, 80)).toBe(48);
    expect(vp.pitchToY(v, 79)).toBe(58);
    expect(vp.yToPitch(v, 48)).toBe(80); // row top belongs to its row
    expect(vp.yToPitch(v, 57.9)).toBe(80);
    expect(vp.yToPitch(v, 58)).toBe(79);
  });

  it('reports the visible tick span and pitch rows', () => {
    const v = view({ tick0: 96 });
    expect(vp.visibleTicks(v)).toEqual({ start: 96, end: 96 + 800 / 2 });
    expect(vp.visiblePitches(v)).toEqual({ lo: 40, hi: 80 }); // 400 px / 10 = 40 rows
  });

  it('zooms time around the anchor so the tick under the cursor stays put', () => {
    const v = view({ tick0: 200 });
    const x = 456;
    const before = vp.xToTick(v, x);
    const z = vp.zoomTime(v, 2, x, ext);
    expect(z.pxPerTick).toBe(4);
    expect(vp.xToTick(z, x)).toBeCloseTo(before, 9);
  });

  it('never zooms out past the whole piece nor scrolls outside it', () => {
    const z = vp.zoomTime(view(), 0.0001, 300, ext);
    expect(z.pxPerTick).toBeCloseTo(800 / ext.totalTicks, 9);
    expect(z.tick0).toBe(0);
    const s = vp.scrollBy(view(), 1e6, 0, ext);
    expect(vp.visibleTicks(s).end).toBeCloseTo(ext.totalTicks, 6);
    const up = vp.scrollBy(view(), 0, -1e6, ext);
    expect(up.pitchTop).toBe(128);
  });

  it('fits the whole take and its pitch range', () => {
    const f = vp.fitAll(layout, ext);
    expect(vp.visibleTicks(f)).toEqual({ start: 0, end: ext.totalTicks });
    const p = vp.visiblePitches(f);
    expect(p.lo).toBeLessThanOrEqual(50);
    expect(p.hi).toBeGreaterThanOrEqual(80);
  });

  it('turns the page when the playhead passes 85% of the view', () => {
    const v = view(); // 400 ticks visible
    expect(vp.followTick(v, 300, ext)).toBe(v);
    const turned = vp.followTick(v, 350, ext);
    expect(turned.tick0).toBeCloseTo(350 - 40, 9);
    const back = vp.followTick(turned, 10, ext);
    expect(back.tick0).toBe(0);
  });
});
