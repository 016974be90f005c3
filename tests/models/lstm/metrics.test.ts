import { describe, expect, it } from 'vitest';
import { chordScaleMask, computeMetrics, histograms, jensenShannon, referenceHistograms } from '../../../models/lstm/metrics';
import { NoveltyIndex, buildNgramIndex } from '../../../models/lstm/novelty';
import { durationToken, pitchToken, type EncodedEvent } from '../../../models/music/vocabulary';

const bits = (...b: number[]) => b.reduce((m, x) => m | (1 << x), 0);
const MAJ7 = bits(0, 4, 7, 11);
const DOM7 = bits(0, 4, 7, 10);

function ev(midi: number | null, root: number, mask: number, beat: number, sub = 0, ticks = 12): EncodedEvent {
  return { pitch: midi === null ? 0 : pitchToken(midi, root), dur: durationToken(ticks), root, chordMask: mask, beat, sub };
}

describe('take metrics', () => {
  it('measures chord tones on strong beats, scale tones and pitch-class entropy', () => {
    const take = [
      ev(60, 0, MAJ7, 0), // C on beat 1: chord tone
      ev(65, 0, MAJ7, 1), // F on beat 2: weak beat, in scale
      ev(62, 0, MAJ7, 2), // D on beat 3: strong, not a chord tone, in scale
      ev(null, 0, MAJ7, 3),
      ev(66, 0, MAJ7, 0, 6, 6), // F# off the beat: outside C ionian
    ];
    const m = computeMetrics(take);
    expect(m.notes).toBe(4);
    expect(m.rests).toBe(1);
    expect(m.strongBeatNotes).toBe(2);
    expect(m.chordToneRatio).toBeCloseTo(0.5);
    expect(m.scaleToneRatio).toBeCloseTo(3 / 4);
    expect(m.pitchEntropy).toBeCloseTo(2); // four pitch classes, once each
    expect(m.longestCopiedRun).toBeNull();
    expect(m.unavailable?.join(' ')).toMatch(/novelty/);
  });

  it('counts only beat 1 as strong in 3/4 when the bars are given', () => {
    // 3/4: beat 1 (chord tone C), beat 3 (D, not a chord tone), next bar beat 1 (E, chord tone).
    const take = [ev(60, 0, MAJ7, 0), ev(null, 0, MAJ7, 1), ev(62, 0, MAJ7, 2), ev(64, 0, MAJ7, 0)];
    const waltz = [0, 1].map((i) => ({ start: i * 36, beats: 3 }));
    expect(computeMetrics(take).chordToneRatio).toBeCloseTo(2 / 3); // read as 4/4: beat 3 counts
    const m = computeMetrics(take, { bars: waltz });
    expect(m.strongBeatNotes).toBe(2);
    expect(m.chordToneRatio).toBe(1);
  });

  it('ignores N.C. for harmony and gives null ratios when nothing can be measured', () => {
    const m = computeMetrics([ev(60, -1, 0, 0), ev(61, -1, 0, 2)]);
    expect(m.chordToneRatio).toBeNull();
    expect(m.scaleToneRatio).toBeNull();
    expect(m.pitchEntropy).toBeCloseTo(1);
  });

  it('picks the usual chord-scales', () => {
    expect(chordScaleMask(MAJ7)).toBe(bits(0, 2, 4, 5, 7, 9, 11));
    expect(chordScaleMask(DOM7)).toBe(bits(0, 2, 4, 5, 7, 9, 10));
    expect(chordScaleMask(bits(0, 3, 7, 10))).toBe(bits(0, 2, 3, 5, 7, 9, 10)); // m7: dorian
    expect(chordScaleMask(bits(0, 3, 6, 10))).toBe(bits(0, 1, 3, 5, 6, 8, 10)); // m7b5: locrian
    expect(chordScaleMask(bits(0, 3, 6, 9))).toBe(bits(0, 2, 3, 5, 6, 8, 9, 11)); // dim7
    expect(chordScaleMask(bits(0, 1, 4, 7, 10))).toBe(bits(0, 1, 2, 4, 5, 7, 9, 10)); // 7b9 keeps its b9
  });

  it('Jensen-Shannon is 0 for equal, 1 for disjoint histograms', () => {
    expect(jensenShannon([1, 2, 3], [2, 4, 6])).toBeCloseTo(0);
    expect(jensenShannon([1, 0], [0, 5])).toBeCloseTo(1);
    const mid = jensenShannon([1, 1, 0], [0, 1, 1]);
    expect(mid).toBeGreaterThan(0.1);
    expect(mid).toBeLessThan(0.9);
  });

  it('compares histograms with the dev set and reports novelty with an index', () => {
    const line = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65].map((p, i) => ev(p, 0, MAJ7, i % 4));
    const dev = [{ id: 'd', source: 'd.mid', events: line }];
    const ref = referenceHistograms(dev);
    expect(ref.notes).toBe(12);
    const novelty = new NoveltyIndex(buildNgramIndex(dev));
    const same = computeMetrics(line, { reference: ref, novelty });
    expect(same.intervalDistance).toBeCloseTo(0, 5);
    expect(same.durationDistance).toBeCloseTo(0, 5);
    expect(same.longestCopiedRun).toBe(12);
    expect(same.copiedNgramShare).toBe(1);
    expect(same.unavailable).toBeUndefined();
    const leaps = [60, 72, 59, 71, 58].map((p, i) => ev(p, 0, MAJ7, i % 4, 0, 3));
    const other = computeMetrics(leaps, { reference: ref, novelty });
    expect(other.intervalDistance!).toBeGreaterThan(0.9);
    expect(other.durationDistance!).toBeGreaterThan(0.9);
    expect(other.longestCopiedRun).toBe(0);
    expect(histograms([leaps]).interval[12 + 12]).toBe(2); // +12 twice
  });
});
