import { describe, expect, it } from 'vitest';
import { durationBin, monophonicLine, sampleCounts, sampleStats, soloSpan, type SoloLine } from '../../../../models/lstm/eval/sample-stats';
import { maskOf, type Note } from '../../../../models/music/types';

const C7 = { start: 0, end: 96, symbol: 'C7', root: 0, mask: maskOf([0, 4, 7, 10]) };
const bars44 = [
  { start: 0, beats: 4 },
  { start: 48, beats: 4 },
];
const n = (pitch: number, start: number, dur: number): Note => ({ pitch, start, dur, velocity: 90 });

// Two bars of 4/4 over C7, every figure worked out by hand:
//   C@0 (strong, chord tone)  D@6 (off the beat)  E@12 (weak, chord tone; 2-tick gap after)
//   A@24 (strong, not a chord tone; 12-tick rest after)  G@48 2 ticks (strong, chord tone; 10-tick rest)
//   E5@60 (weak, chord tone, a leap of 9)
const line: SoloLine = {
  notes: [n(60, 0, 6), n(62, 6, 6), n(64, 12, 10), n(69, 24, 12), n(67, 48, 2), n(76, 60, 12)],
  chords: [C7],
  bars: bars44,
};

describe('sample statistics of a line', () => {
  it('measures harmony, melody and rhythm as worked out by hand', () => {
    const s = sampleStats([line]);
    expect(s.notes).toBe(6);
    expect(s.bars).toBe(2);
    expect(s.notesPerBar).toBe(3);
    expect(s.chordToneStrong).toBeCloseTo(2 / 3); // C, A, G on beats 1, 3, 1
    expect(s.chordToneShare).toBeCloseTo(4 / 6);
    expect(s.stepShare).toBeCloseTo(3 / 5); // +2 +2 +5 -2 +9
    expect(s.leapShare).toBeCloseTo(1 / 5);
    expect(s.restShare).toBeCloseTo(3 / 9); // three silences among 6 notes + 3 silences
    expect(s.shortRestShare).toBeCloseTo(1 / 9); // only the 2-tick gap is a 16th or less
    expect(s.shortNoteShare).toBeCloseTo(1 / 6);
    expect(s.offBeatShare).toBeCloseTo(1 / 6);
    expect(s.rangeMean).toBe(16);
    const h = -(4 * (1 / 6) * Math.log2(1 / 6) + (2 / 6) * Math.log2(2 / 6));
    expect(s.pitchClassEntropy).toBeCloseTo(h, 6);
    expect(s.intervalJS).toBeUndefined();
    const c = sampleCounts(line);
    expect(c.durationHist[durationBin(6)]).toBe(2);
    expect(c.durationHist[durationBin(10)]).toBe(1); // 10 ticks floors onto 9
    expect(durationBin(10)).toBe(durationBin(9));
    expect(c.ioiHist[5]).toBe(2); // two 6-tick inter-onsets
    expect(c.ioiHist[11]).toBe(2);
    expect(c.ioiHist[23]).toBe(1);
  });

  it('counts only beat 1 as strong in 3/4', () => {
    const waltz: SoloLine = {
      notes: [n(60, 0, 12), n(62, 24, 12), n(64, 36, 12)],
      chords: [C7],
      bars: [
        { start: 0, beats: 3 },
        { start: 36, beats: 3 },
      ],
    };
    const s = sampleStats([waltz]);
    expect(s.chordToneStrong).toBe(1); // C and E on beat 1; the D on beat 3 is weak in 3/4
    const as44 = sampleStats([{ ...waltz, bars: [] }]); // without bars: 4/4, D on beat 3 is strong
    expect(as44.chordToneStrong).toBeCloseTo(1 / 2);
  });

  it('hears a line as the model does: one note per onset (the highest), cut at the next onset', () => {
    const chordal = monophonicLine([n(60, 0, 24), n(64, 0, 24), n(67, 12, 6)]);
    expect(chordal).toEqual([n(64, 0, 12), n(67, 12, 6)]);
    const s = sampleStats([{ notes: [n(60, 0, 24), n(64, 0, 24), n(67, 12, 6)], chords: [C7], bars: bars44 }]);
    expect(s.notes).toBe(2);
    expect(s.restShare).toBe(0);
  });

  it('pools counts over lines, averages entropy and range per solo, and gives null with nothing to measure', () => {
    const other: SoloLine = { notes: [n(60, 0, 12), n(60, 12, 12)], chords: [], bars: bars44 };
    const s = sampleStats([line, other]);
    expect(s.notes).toBe(8);
    expect(s.solos).toBe(2);
    expect(s.notesPerBar).toBeCloseTo(8 / 3);
    expect(s.rangeMean).toBe(8);
    expect(s.chordToneStrong).toBeCloseTo(2 / 3); // N.C. notes are left out of harmony
    const empty = sampleStats([{ notes: [], chords: [C7], bars: bars44 }]);
    expect(empty.notes).toBe(0);
    expect(empty.chordToneStrong).toBeNull();
    expect(empty.notesPerBar).toBeNull();
  });

  it('gives Jensen-Shannon distances to the real figures: 0 for the same lines, more for other rhythms', () => {
    const real = sampleStats([line]);
    expect(sampleStats([line], real)).toMatchObject({ intervalJS: 0, durationJS: 0, ioiJS: 0 });
    const quarters: SoloLine = { notes: [0, 12, 24, 36, 48].map((t, i) => n(60 + i * 4, t, 12)), chords: [C7], bars: bars44 };
    const g = sampleStats([quarters], real);
    expect(g.durationJS!).toBeGreaterThan(0.3);
    expect(g.ioiJS!).toBeGreaterThan(0.3);
    expect(g.intervalJS!).toBeGreaterThan(0.5); // all major thirds, none in the real line
  });

  it('spans a solo from the bar of its first note to the end of the bar of its last', () => {
    const bars = [0, 48, 96, 144].map((start) => ({ start, beats: 4 }));
    expect(soloSpan({ notes: [n(60, 60, 6), n(62, 100, 6)], chords: [], bars })).toEqual({ startTick: 48, endTick: 144 });
    expect(soloSpan({ notes: [n(60, 150, 6)], chords: [], bars })).toEqual({ startTick: 144, endTick: 192 });
    expect(soloSpan({ notes: [], chords: [], bars })).toBeNull();
  });
});
