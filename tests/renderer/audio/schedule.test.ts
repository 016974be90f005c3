import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../../renderer/audio/schedule';
import { twoFiveOne } from './fixtures';

describe('buildSchedule', () => {
  it('places solo notes at their seconds, swung', () => {
    const take = twoFiveOne();
    const straight = buildSchedule(take, { comp: false });
    expect(straight.events.every((e) => e.part === 'solo')).toBe(true);
    expect(straight.events.length).toBe(take.notes.length);
    expect(straight.events[1].time).toBeCloseTo(0.25, 9); // tick 6 at 120 bpm
    const swung = buildSchedule(take, { comp: false, swing: 1 });
    expect(swung.events[1].time).toBeCloseTo(1 / 3, 9);
    expect(swung.events[1].dur).toBeCloseTo(1 / 6, 9); // the short eighth
    expect(swung.events[0].dur).toBeCloseTo(1 / 3, 9); // the long eighth
    expect(swung.endSec).toBeCloseTo(8, 9); // 4 bars at 120
  });

  it('adds comp by default and bass on request, with the tempo override', () => {
    const take = twoFiveOne();
    const s = buildSchedule(take, { bass: true, tempo: 60 });
    const parts = new Set(s.events.map((e) => e.part));
    expect([...parts].sort()).toEqual(['bass', 'comp', 'solo']);
    expect(s.events.filter((e) => e.part === 'bass').length).toBe(16);
    expect(s.events.find((e) => e.part === 'bass' && e.tick === 12)!.time).toBeCloseTo(1, 9);
    // with a bass the comp leaves the root out (2 notes per hit)
    expect(s.events.filter((e) => e.part === 'comp' && e.tick === 0).length).toBe(2);
    expect(buildSchedule(take, {}).events.filter((e) => e.part === 'comp' && e.tick === 0).length).toBe(3);
    for (let i = 1; i < s.events.length; i++) expect(s.events[i].time).toBeGreaterThanOrEqual(s.events[i - 1].time);
  });

  it('counts in one bar of clicks before the start, accent first', () => {
    const s = buildSchedule(twoFiveOne(), { countIn: true, comp: false });
    const clicks = s.events.filter((e) => e.part === 'click');
    expect(clicks.map((c) => c.time)).toEqual([-2, -1.5, -1, -0.5]);
    expect(clicks.map((c) => c.pitch)).toEqual([1, 0, 0, 0]);
    expect(s.countInSec).toBe(2);
  });

  it('keeps only the loop region and clips notes at its end', () => {
    const s = buildSchedule(twoFiveOne(), { loop: { start: 48, end: 120 }, comp: false });
    expect(s.loop).toBe(true);
    expect(s.startSec).toBeCloseTo(2, 9);
    expect(s.endSec).toBeCloseTo(5, 9);
    expect(Math.min(...s.events.map((e) => e.tick))).toBe(48);
    const long = s.events.find((e) => e.tick === 96)!;
    expect(long.time + long.dur).toBeCloseTo(5, 9); // the whole note is cut at the loop end
  });

  it('rejects bad input with a clear reason', () => {
    expect(() => buildSchedule({ ...twoFiveOne(), tempo: 0 })).toThrow(/tempo 0/);
    expect(() => buildSchedule(twoFiveOne(), { loop: { start: 10, end: 10 } })).toThrow(/Loop region 10..10 is empty/);
  });
});
