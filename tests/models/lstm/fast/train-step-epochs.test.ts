// Two epochs of the default preset (1 x 128, dropout 0.2, Adam 0.01, window 48, batch 16) through
// train() with the whole step on the wasm kernels reach the stock layer's dev loss within 0.02
// nats per event. The runs differ in float rounding and in the dropout masks' random numbers (the
// fast step draws its own), so this is the check that the fast step trains the same model, not
// the same numbers (train-step.test.ts checks those). Slow: the stock step is ~0.5 s here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { uninstallFastMatMul } from '../../../../models/lstm/fast';
import { train, type TrainOutput } from '../../../../models/lstm/train';
import { patternCorpus, randomTune } from '../synthetic-tunes';

// A learnable pattern plus noise files: 13 batches of 16 windows per epoch.
const tunes = [...patternCorpus(18, 480), ...Array.from({ length: 6 }, (_, i) => randomTune(`noise${i}.mid`, 160, i + 1))];
const runs: Partial<Record<'stock' | 'fast', TrainOutput>> = {};

async function runTrain(fast: boolean): Promise<TrainOutput> {
  const saved = process.env.LICKLAB_FAST_LSTM;
  if (fast) delete process.env.LICKLAB_FAST_LSTM;
  else {
    process.env.LICKLAB_FAST_LSTM = '0';
    uninstallFastMatMul();
  }
  try {
    return await train(tunes, { preset: 'default', hyperparameters: { epochs: 2 }, devFraction: 0.2, seed: 3 });
  } finally {
    if (saved === undefined) delete process.env.LICKLAB_FAST_LSTM;
    else process.env.LICKLAB_FAST_LSTM = saved;
  }
}

beforeAll(async () => {
  const backend = await initBackend('wasm');
  if (backend.name === 'tensorflow') throw new Error('this test compares the fast step with the wasm/cpu backend; run without tfjs-node');
  runs.fast = await runTrain(true);
  runs.stock = await runTrain(false);
}, 600_000);

afterAll(() => {
  runs.fast?.model.dispose();
  runs.stock?.model.dispose();
});

describe('default preset, 2 epochs: whole fast step against the stock layer', () => {
  it('reaches the stock dev loss within 0.02 nats per event', () => {
    const fast = runs.fast!.history.map((r) => r.devLoss);
    const stock = runs.stock!.history.map((r) => r.devLoss);
    console.info(
      `dev loss per epoch (nats/event): stock ${stock.map((l) => l.toFixed(4)).join(' ')} | fast ${fast.map((l) => l.toFixed(4)).join(' ')}; ` +
        `ms per epoch: stock ${runs.stock!.history.map((r) => r.ms.toFixed(0)).join(' ')} | fast ${runs.fast!.history.map((r) => r.ms.toFixed(0)).join(' ')}`,
    );
    expect(fast).toHaveLength(2);
    expect(stock).toHaveLength(2);
    expect(Math.abs(fast[1] - stock[1])).toBeLessThan(0.02);
    // It learned: below the unigram baseline and better after the second epoch.
    expect(fast[1]).toBeLessThan(runs.fast!.baselines.unigramDevLoss);
    expect(fast[1]).toBeLessThan(fast[0]);
  });
});
