import { describe, expect, it } from 'vitest';
import { offbeatFraction, secondsToTick, swungBeats, tickToSeconds, unswungTick } from '../../../renderer/audio/timing';

describe('swing timing', () => {
  it('is straight at swing 0 and 2:1 triplet swing at 1', () => {
    expect(offbeatFraction(0)).toBe(0.5);
    expect(offbeatFraction(1)).toBeCloseTo(2 / 3, 12);
    expect(swungBeats(6, 0)).toBe(0.5);
    expect(swungBeats(6, 1)).toBeCloseTo(2 / 3, 12);
    expect(swungBeats(18, 1)).toBeCloseTo(1 + 2 / 3, 12);
    expect(swungBeats(12, 1)).toBe(1); // downbeats never move
    expect(offbeatFraction(5)).toBeCloseTo(2 / 3, 12); // clamped
  });

  it('stretches the first half of the beat and squeezes the second', () => {
    expect(swungBeats(3, 1)).toBeCloseTo(1 / 3, 12);
    expect(swungBeats(9, 1)).toBeCloseTo(2 / 3 + 1 / 6, 12);
    // a swung eighth pair: long-short 2:1
    const long = swungBeats(6, 1) - swungBeats(0, 1);
    const short = swungBeats(12, 1) - swungBeats(6, 1);
    expect(long / short).toBeCloseTo(2, 12);
  });

  it('inverts exactly', () => {
    for (const swing of [0, 0.3, 0.6, 1]) {
      for (let t = 0; t < 60; t += 0.5) expect(unswungTick(swungBeats(t, swing), swing)).toBeCloseTo(t, 9);
    }
  });

  it('converts ticks to seconds at the tempo, and back', () => {
    const clock = { tempo: 120, swing: 0.5 };
    expect(tickToSeconds(12, clock)).toBeCloseTo(0.5, 12);
    expect(tickToSeconds(48, clock)).toBeCloseTo(2, 12);
    expect(secondsToTick(tickToSeconds(30, clock), clock)).toBeCloseTo(30, 9);
    expect(secondsToTick(-1, clock)).toBeCloseTo(-24, 9); // count-in runs linearly before tick 0
  });
});
