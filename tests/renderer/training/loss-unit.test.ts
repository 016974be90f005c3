// The charts draw nats per note when the history has them (any encoding compares), per event for
// a history saved before, and say which.
import { describe, expect, it } from 'vitest';
import { bestLabel, chartSeries, lossUnit } from '../../../renderer/training/chart-data';
import { rec } from './epoch-fixture';

describe('loss unit', () => {
  it('draws per note, with the per-note baselines, when every epoch has them', () => {
    const h = [rec(1, 4.8, 5.5), rec(2, 4.6, 5.3)];
    expect(lossUnit(h)).toBe('note');
    const s = chartSeries({ history: h, baselines: { unigramDevLoss: 4, bigramDevLoss: 3.5 }, sampleEpochs: [], log: false, smoothing: 0 });
    expect(s.unit).toBe('note');
    expect(s.dev.raw).toEqual([5.5, 5.3]);
    expect([s.dev.unigram, s.dev.bigram]).toEqual([7.3, 6.6]);
    expect(bestLabel(h, 2, 4.6)).toBe(' · best dev 5.300 nats/note at epoch 2');
  });

  it('falls back to per event for an old history, and says so', () => {
    const h = [rec(1, 3.2), rec(2, 3.1)];
    expect(lossUnit(h)).toBe('event');
    const s = chartSeries({ history: h, baselines: null, sampleEpochs: [], log: false, smoothing: 0 });
    expect(s.dev.raw).toEqual([3.2, 3.1]);
    expect(s.dev.unigram).toBe(4);
    expect(bestLabel(h, 2, 3.1)).toBe(' · best dev 3.100 nats/event at epoch 2');
  });
});
