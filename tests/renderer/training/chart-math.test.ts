// Smoothing, the shared loss range, axis ticks (linear and log), the best epoch, the overfitting
// detector and the chart series both charts draw.
import { describe, expect, it } from 'vitest';
import { bestEpoch } from '../../../models/lstm/history';
import { formatDuration, lossRange, niceStep, smooth, tickLabel, ticks } from '../../../renderer/training/chart-math';
import { chartSeries } from '../../../renderer/training/chart-data';
import { detectOverfitting } from '../../../renderer/training/overfitting';
import type { EpochRecord } from '../../../models/lstm/training-types';

const rec = (epoch: number, trainLoss: number, devLoss: number): EpochRecord => ({
  epoch,
  trainLoss,
  devLoss,
  trainPerplexity: Math.exp(trainLoss),
  devPerplexity: Math.exp(devLoss),
  devAccuracy: 0.1,
  devPitchAccuracy: 0.2,
  devDurAccuracy: 0.3,
  unigramDevLoss: 4.4,
  bigramDevLoss: 3.0,
  ms: 1000,
  trainEvents: 100,
  eventsPerSec: 100,
});

describe('smoothing', () => {
  it('is the identity at weight 0 and a bias-corrected EMA otherwise', () => {
    expect(smooth([3, 2, 1], 0)).toEqual([3, 2, 1]);
    const s = smooth([4, 2], 0.5);
    expect(s[0]).toBeCloseTo(4, 12); // bias correction: the first point is the first value
    expect(s[1]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / (1 - 0.25), 12);
    expect(smooth([5, 5, 5, 5], 0.9).every((v) => Math.abs(v - 5) < 1e-9)).toBe(true);
    const noisy = [3, 2, 3, 2, 3, 2];
    const sm = smooth(noisy, 0.8);
    expect(Math.max(...sm.slice(2)) - Math.min(...sm.slice(2))).toBeLessThan(0.5);
  });
});

describe('loss range and ticks', () => {
  it('covers every value with a little padding, never below zero on a linear axis', () => {
    const [lo, hi] = lossRange([2, 3, 4.4], false);
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(4.4);
    expect(lossRange([0.01, 1], false)[0]).toBe(0);
    const [llo, lhi] = lossRange([2, 4], true);
    expect(llo).toBeGreaterThan(0);
    expect(Math.log(2 / llo)).toBeCloseTo(Math.log(lhi / 4), 9); // symmetric in log space
    expect(lossRange([], false)).toEqual([0, 5]);
    expect(lossRange([NaN, Infinity, 3], false)[1]).toBeGreaterThan(3);
  });

  it('picks nice steps and ticks inside the range on both axes', () => {
    expect(niceStep(4, 5)).toBe(1);
    expect(niceStep(2.2, 5)).toBe(0.5);
    expect(ticks(1.8, 4.6, false)).toEqual([2, 3, 4]);
    expect(ticks(1.8, 3.1, false)).toEqual([2, 2.5, 3]);
    const log = ticks(1.8, 4.6, true);
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(log.every((v) => v >= 1.8 && v <= 4.6)).toBe(true);
    expect(log).toContain(2);
    expect(ticks(0.5, 50, true)).toEqual([0.5, 1, 2, 5, 10, 20, 50]);
  });

  it('labels loss ticks, and a tick uPlot filtered out (null) is blank instead of a crash', () => {
    expect([12.3, 4.5, 2, 0.456].map(tickLabel)).toEqual(['12', '4.5', '2', '0.46']);
    expect(tickLabel(null)).toBe('');
  });

  it('formats durations for the ETA', () => {
    expect(formatDuration(4.26)).toBe('4.3 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3 * 3600 + 60)).toBe('3 h 01 min');
    expect(formatDuration(NaN)).toBe('–');
  });
});

describe('the charted series', () => {
  it('share the epoch axis and one loss range, with the baselines and the best dev epoch', () => {
    const h = [rec(1, 4.0, 3.9), rec(2, 3.0, 3.2), rec(3, 2.5, 3.4)];
    const { train, dev } = chartSeries({
      history: h,
      baselines: { unigramDevLoss: 4.5, bigramDevLoss: 3.5 },
      sampleEpochs: [2],
      log: false,
      smoothing: 0,
    });
    expect(train.epochs).toEqual([1, 2, 3]);
    expect(train.raw).toEqual([4.0, 3.0, 2.5]);
    expect(dev.raw).toEqual([3.9, 3.2, 3.4]);
    expect(train.range).toEqual(dev.range);
    expect(train.range[0]).toBeLessThan(2.5);
    expect(train.range[1]).toBeGreaterThan(4.5);
    expect([train.unigram, train.bigram, dev.best, train.best]).toEqual([4.5, 3.5, 2, 2]);
    expect(bestEpoch(h)).toBe(2);
    // Without run baselines, the records' own are used.
    expect(chartSeries({ history: h, baselines: null, sampleEpochs: [], log: true, smoothing: 0.5 }).dev.unigram).toBe(4.4);
  });
});

describe('overfitting detector', () => {
  it('fires only after `runs` epochs of rising dev loss with falling train loss', () => {
    const h = [rec(1, 4, 3.5), rec(2, 3, 3.0), rec(3, 2.8, 3.05), rec(4, 2.6, 3.1)];
    expect(detectOverfitting(h, 3)).toBeNull();
    const more = [...h, rec(5, 2.4, 3.2)];
    expect(detectOverfitting(more, 3)).toEqual({ since: 2, epochs: 3, devRise: expect.closeTo(0.2, 9), trainDrop: expect.closeTo(0.6, 9) });
    // Dev rising while train also rises is not overfitting (e.g. a too-high learning rate).
    expect(detectOverfitting([...h, rec(5, 2.7, 3.2)], 3)).toBeNull();
    // A dip resets the count.
    expect(detectOverfitting([...more, rec(6, 2.3, 3.0)], 3)).toBeNull();
    expect(detectOverfitting([], 3)).toBeNull();
  });
});
