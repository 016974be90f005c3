// The weak-model rule: a best dev loss less than WEAK_MARGIN_NATS below the bigram baseline is weak,
// per note when the run recorded it (per event for older models), with a reason a musician reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from '../../../models/lstm/default-model';
import type { LicklabMeta } from '../../../models/lstm/model-meta';
import { WEAK_MARGIN_NATS, modelQuality, weakWarning } from '../../../models/lstm/quality';

/** An epoch with a dev loss per note (and per event: 0.9 of it) against a bigram of 6.0 nats/note. */
const epoch = (perNote: number, bigram = 6) => ({
  devLoss: perNote * 0.9,
  devNatsPerNote: perNote,
  bigramDevLoss: bigram * 0.9,
  bigramDevNatsPerNote: bigram,
});
const baselines = { bigramDevLoss: 5.4, bigramDevNatsPerNote: 6 };

describe('modelQuality', () => {
  it('calls a model weak when its best dev loss is less than the margin below the bigram baseline, and says by how much', () => {
    const q = modelQuality({ history: [epoch(6.4), epoch(5.9), epoch(5.95)], baselines });
    expect(q).toEqual({
      weak: true,
      reason:
        'dev loss 5.90 nats/note is only 0.10 below the two-note-pattern baseline 6.00: it has not learned much beyond which note follows which',
    });
  });

  it('is not weak at the margin or below it, and the reason says how far below the baseline it is', () => {
    expect(modelQuality({ history: [epoch(6 - WEAK_MARGIN_NATS)], baselines })?.weak).toBe(false);
    expect(modelQuality({ history: [epoch(6 - WEAK_MARGIN_NATS + 0.01)], baselines })?.weak).toBe(true);
    const good = modelQuality({ history: [epoch(5.2), epoch(4.95), epoch(5.0)], baselines })!;
    expect(good.weak).toBe(false);
    expect(good.reason).toBe(
      'dev loss 4.95 nats/note is 1.05 below the two-note-pattern baseline 6.00: it has learned more than which note follows which',
    );
  });

  it('a model above the baseline is weak and said to be no better than counting', () => {
    const q = modelQuality({ history: [epoch(6.3)], baselines })!;
    expect(q.weak).toBe(true);
    expect(q.reason).toMatch(
      /^dev loss 6\.30 nats\/note is 0\.30 above the two-note-pattern baseline 6\.00: it predicts new solos no better/,
    );
  });

  it('judges the best epoch (history.ts rule), not the last one', () => {
    // Best 5.0 at epoch 1, then overfitting up to 5.9: judged on 5.0, so not weak.
    expect(modelQuality({ history: [epoch(5.0), epoch(5.5), epoch(5.9)], baselines })?.weak).toBe(false);
  });

  it('falls back to nats per event for models saved before per-note figures, and says so', () => {
    const old = [{ devLoss: 5.3, bigramDevLoss: 5.35 }];
    const q = modelQuality({ history: old, baselines: { bigramDevLoss: 5.35 } })!;
    expect(q.weak).toBe(true);
    expect(q.reason).toMatch(/^dev loss 5\.30 nats\/event is only 0\.05 below .* 5\.35/);
  });

  it('cannot judge a model without a finished epoch or without a baseline', () => {
    expect(modelQuality({ history: [], baselines })).toBeNull();
    expect(modelQuality({ history: [{ devLoss: NaN, bigramDevLoss: 5 }], baselines })).toBeNull();
    expect(modelQuality({ history: [{ devLoss: 4, bigramDevLoss: NaN }], baselines: null })).toBeNull();
  });

  it('the shipped default model is not weak (4.95 against the bigram 6.46 nats/note)', () => {
    const meta = JSON.parse(readFileSync(path.join(DEFAULT_MODEL_DIR, 'licklab.json'), 'utf8')) as LicklabMeta;
    const q = modelQuality(meta)!;
    expect(q.weak).toBe(false);
    expect(q.reason).toMatch(/^dev loss 4\.95 nats\/note is 1\.51 below the two-note-pattern baseline 6\.46/);
  });
});

describe('weakWarning', () => {
  it('warns about a weak model with its reason and the rule, and says nothing otherwise', () => {
    const weak = modelQuality({ history: [epoch(5.9)], baselines });
    expect(weakWarning(weak)).toMatch(
      /^Weak model: dev loss 5\.90 nats\/note is only 0\.10 below .*scattered notes.*less than 0\.25 below/,
    );
    expect(weakWarning(modelQuality({ history: [epoch(5)], baselines }))).toBe('');
    expect(weakWarning(null)).toBe('');
  });
});
