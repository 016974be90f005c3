import { describe, expect, it } from 'vitest';
import type { EpochRecord, EpochSample } from '../../../models/lstm/training-types';
import { sampleNote, sampleSeries, sampleTipLines } from '../../../renderer/training/sample-chart-data';

const dev = {
  chordToneStrong: 0.6,
  stepShare: 0.5,
  notesPerBar: 6,
  restShare: 0.1,
  offBeatShare: 0.5,
  longestCopiedRun: 3,
  ngram8Share: 0.02,
};
function rec(epoch: number, devLoss: number, sample?: Partial<EpochSample>): EpochRecord {
  const s: EpochSample | undefined = sample && {
    ...dev,
    score: 0.8,
    intervalJS: 0.1,
    durationJS: 0.1,
    ioiJS: 0.1,
    longestCopiedRunMax: 5,
    takes: 2,
    notes: 100,
    bars: 32,
    ms: 10,
    dev,
    ...sample,
  };
  return { epoch, trainLoss: devLoss - 0.1, devLoss, devNatsPerNote: devLoss, ...(s ? { sample: s } : {}) } as EpochRecord;
}

describe('the sample chart data', () => {
  it('puts a point per panel epoch, with the dev reference and a score axis fitted to the scores', () => {
    const h = [rec(1, 3, { score: 0.7 }), rec(2, 2.8), rec(3, 2.7, { score: 0.75, ngram8Share: 0.1, longestCopiedRun: 12 })];
    const s = sampleSeries(h, [1, 3]);
    expect(s.epochs).toEqual([1, 3]);
    expect(s.score).toEqual([0.7, 0.75]);
    expect(s.ngram8Share).toEqual([2, 10]); // percent
    expect(s.devLongestRun).toBe(3);
    expect(s.devNgram8Share).toBeCloseTo(2, 9);
    expect(s.bestSample).toBe(3);
    expect(s.bestDev).toBe(3);
    expect(s.scoreRange[0]).toBeGreaterThan(0.6);
    expect(s.scoreRange[1]).toBeLessThan(0.8);
    expect(s.copyMax).toBeCloseTo(12 * 1.15, 9);
    expect(s.xMax).toBe(3);
    expect(sampleSeries([rec(1, 3)]).epochs).toEqual([]);
  });

  it('says in plain words when the model starts to quote, and where loss and samples disagree', () => {
    const quoting = [1, 2, 3, 4].map((e) => rec(e, 3 - e * 0.1, { score: 0.8 - e * 0.01, longestCopiedRun: 3 + e * 3 }));
    const note = sampleNote(quoting).join(' ');
    expect(note).toMatch(/^Dev loss still falling, copying rising: the model is starting to quote/);
    expect(note).toMatch(/best dev loss at epoch 4, best sample score at epoch 1/);
    expect(note).toMatch(/copy runs of 15\.0 notes on average; real dev players share only 3\.0/);
    const learning = [1, 2, 3].map((e) => rec(e, 3 - e * 0.1, { score: 0.7 + e * 0.02 }));
    expect(sampleNote(learning)).toEqual(['Dev loss falling and the takes sound more like the dev solos: still learning.']);
    expect(sampleNote([rec(1, 3, { score: 0.7 })])).toEqual([]);
  });

  it('lists an epoch’s figures beside the dev solos’ for the tooltip', () => {
    const lines = sampleTipLines(3, rec(3, 2, { score: 0.812, chordToneStrong: 0.5 }).sample!, true);
    expect(lines[0]).toBe('Epoch 3: score 0.812');
    expect(lines[1]).toBe('chord tones on strong beats 50% (dev 60%)');
    expect(lines.at(-1)).toMatch(/click to hear/);
  });
});
