import { describe, expect, it } from 'vitest';
import { applyWheel } from '../../../renderer/pianoroll/wheel';
import type { Viewport } from '../../../renderer/pianoroll/viewport';

const v: Viewport = { width: 856, height: 448, keyWidth: 56, chordLane: 30, ruler: 18, tick0: 480, pxPerTick: 2, pitchTop: 80, rowH: 10 };
const ext = { totalTicks: 4800, pitchLo: 40, pitchHi: 90 };
const wheel = (over: Partial<Parameters<typeof applyWheel>[1]>) => ({
  deltaX: 0,
  deltaY: 0,
  deltaMode: 0,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over,
});

describe('applyWheel', () => {
  it('scrolls pitch with a plain wheel and time with a horizontal swipe', () => {
    const down = applyWheel(v, wheel({ deltaY: 50 }), 300, 200, ext);
    expect(down.pitchTop).toBe(75);
    expect(down.tick0).toBe(480);
    const right = applyWheel(v, wheel({ deltaX: 100 }), 300, 200, ext);
    expect(right.tick0).toBe(530);
  });

  it('scrolls time with shift + wheel, in lines too', () => {
    expect(applyWheel(v, wheel({ deltaY: 3, deltaMode: 1, shiftKey: true }), 300, 200, ext).tick0).toBe(480 + 24);
  });

  it('zooms time around the pointer with ctrl or cmd, pitch rows with shift added', () => {
    const inCtrl = applyWheel(v, wheel({ deltaY: -100, ctrlKey: true }), 300, 200, ext);
    const inCmd = applyWheel(v, wheel({ deltaY: -100, metaKey: true }), 300, 200, ext);
    expect(inCtrl.pxPerTick).toBeCloseTo(2 * Math.exp(0.2), 9);
    expect(inCmd.pxPerTick).toBe(inCtrl.pxPerTick);
    expect(v.tick0 + (300 - 56) / v.pxPerTick).toBeCloseTo(inCtrl.tick0 + (300 - 56) / inCtrl.pxPerTick, 9);
    const rows = applyWheel(v, wheel({ deltaY: -100, ctrlKey: true, shiftKey: true }), 300, 200, ext);
    expect(rows.rowH).toBeCloseTo(10 * Math.exp(0.2), 9);
    expect(rows.pxPerTick).toBe(2);
  });
});
