// One ending for every training run: the stop sentence, the per-note summary, and a saved folder
// only when an epoch finished.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../models/lstm/backend';
import { PRESETS } from '../../../models/lstm/hyperparameters';
import { runSummary, stopSentence, trainAndSave } from '../../../models/lstm/train-and-save';
import { patternCorpus } from './synthetic-tunes';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-tas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const hp = { ...PRESETS.default, epochs: 7, patience: 3 };

describe('the end of a run', () => {
  it('says why it stopped', () => {
    const base = { hyperparameters: hp, history: [{}, {}, {}] as never[] };
    expect(stopSentence({ ...base, stopReason: 'completed' })).toBe('Finished all 7 epochs');
    expect(stopSentence({ ...base, stopReason: 'completed', hyperparameters: { ...base.hyperparameters, epochs: 1 } })).toBe(
      'Finished its one epoch',
    );
    expect(stopSentence({ ...base, stopReason: 'early-stopped' })).toBe('Stopped early: no better dev loss for 3 epochs');
    expect(stopSentence({ ...base, stopReason: 'early-stopped', stopOn: 'sample-score' })).toBe(
      'Stopped early: no better sample score for 3 epochs',
    );
    expect(stopSentence({ ...base, stopReason: 'cancelled' })).toBe('Stopped during epoch 4 (3 finished)');
  });

  it('trains, saves the best epoch and sums it up per note', async () => {
    const backend = await initBackend();
    const dir = path.join(tmp, 'model');
    const seen: number[] = [];
    const run = await trainAndSave(
      patternCorpus(8, 48),
      { preset: 'custom', hyperparameters: { units: 16, epochs: 2, window: 16, batchSize: 8 }, devFraction: 0.25, seed: 3 },
      { dir, force: false, backend, beforeSave: (r) => void seen.push(r.bestEpoch!) },
    );
    expect(run.saved).toBe(true);
    expect(existsSync(path.join(dir, 'licklab.json'))).toBe(true);
    expect(seen).toEqual([run.result.bestEpoch]);
    expect(run.message).toMatch(/^Finished all 2 epochs\. Best dev loss \d+\.\d{3} nats\/note at epoch [12]\.$/);
    expect(runSummary({ ...run.result, bestEpoch: null, error: undefined })).toMatch(/no model to save/);
  });
});
