// A short training run through the trainer's own train() with FastLSTM layers reaches the same
// dev loss as with the stock tf.layers.lstm, and the model it gives saves and loads as a standard
// tfjs LSTM model. The network builder is wrapped here so this holds whether or not the builder
// already calls createLstmLayer (LICKLAB_FAST_LSTM=0 forces the stock layer for the reference).
import type * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, type BackendInfo } from '../../../../models/lstm/backend';
import { makeWindows, prepareTune } from '../../../../models/lstm/batching';
import { isFastLstm, uninstallFastMatMul } from '../../../../models/lstm/fast';
import { loadModelFolder, saveModelFolder } from '../../../../models/lstm/model-io';
import { metaFromResult } from '../../../../models/lstm/model-meta';
import { evaluate, train, type TrainOutput } from '../../../../models/lstm/train';
import type { EncodingVersion } from '../../../../models/music/encodings';
import { ENCODING_V1 } from '../../../../models/music/vocabulary';
import { patternCorpus, randomTune } from '../synthetic-tunes';

const mode = vi.hoisted(() => ({ fast: false }));
vi.mock('../../../../models/lstm/network', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../../models/lstm/network')>();
  const { withFastLstm } = await import('../../../../models/lstm/fast');
  return {
    ...orig,
    buildModel: (...args: Parameters<typeof orig.buildModel>) => {
      const built = orig.buildModel(...args);
      if (!mode.fast) return built;
      const fast = withFastLstm(built);
      if (fast !== built) built.dispose();
      return fast;
    },
  };
});

let backend: BackendInfo;
let root: string;
const runs: Record<'stock' | 'fast', TrainOutput> = {} as never;
// A learnable pattern plus noise files, so the dev loss is well above zero and still moving.
const tunes = [...patternCorpus(10, 64), ...Array.from({ length: 4 }, (_, i) => randomTune(`noise${i}.mid`, 64, i + 1))];
// v1 events: the test compares two LSTM implementations on the same events, and scores the saved
// model on these (v1) tunes directly.
const hyperparameters = {
  units: 24,
  layers: 2,
  dropout: 0,
  window: 16,
  batchSize: 8,
  epochs: 4,
  patience: 10,
  learningRate: 0.01,
  encoding: ENCODING_V1 as EncodingVersion,
};

async function runTrain(fast: boolean): Promise<TrainOutput> {
  mode.fast = fast;
  const saved = process.env.LICKLAB_FAST_LSTM;
  if (fast) delete process.env.LICKLAB_FAST_LSTM;
  else {
    process.env.LICKLAB_FAST_LSTM = '0';
    uninstallFastMatMul(); // the reference runs on the backend's own kernels only
  }
  try {
    return await train(tunes, { preset: 'custom', hyperparameters, devFraction: 0.25, seed: 4 });
  } finally {
    if (saved === undefined) delete process.env.LICKLAB_FAST_LSTM;
    else process.env.LICKLAB_FAST_LSTM = saved;
  }
}

beforeAll(async () => {
  backend = await initBackend('wasm');
  if (backend.name === 'tensorflow') throw new Error('this test compares the fast path with the wasm/cpu backend; run without tfjs-node');
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-fast-'));
  runs.stock = await runTrain(false);
  runs.fast = await runTrain(true);
}, 300_000);

afterAll(async () => {
  runs.stock?.model.dispose();
  runs.fast?.model.dispose();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('training with FastLSTM', () => {
  it('used the fast layers in one run and the stock ones in the other', () => {
    expect(runs.fast.model.layers.filter(isFastLstm).map((l) => l.name)).toEqual(['lstm_1', 'lstm_2']);
    expect(runs.stock.model.layers.filter(isFastLstm)).toEqual([]);
  });

  it('reaches the same dev loss as the stock layer, epoch by epoch, within noise', () => {
    const stock = runs.stock.history.map((r) => r.devLoss);
    const fast = runs.fast.history.map((r) => r.devLoss);
    expect(fast).toHaveLength(stock.length);
    console.info(`dev loss per epoch: stock ${stock.map((l) => l.toFixed(4)).join(' ')} | fast ${fast.map((l) => l.toFixed(4)).join(' ')}`);
    // Same seed, same initial weights and gradients equal to ~1e-6: the runs differ only by
    // float rounding, which Adam amplifies slowly.
    fast.forEach((loss, i) => expect(Math.abs(loss - stock[i]), `epoch ${i + 1}: fast ${loss} vs stock ${stock[i]}`).toBeLessThan(0.02));
    expect(fast.at(-1)!).toBeLessThan(runs.fast.baselines.unigramDevLoss);
    expect(fast.at(-1)!).toBeLessThan(fast[0]);
  });

  it('saves as a standard tfjs LSTM model that loads (as tf.layers.lstm) with the same dev loss', async () => {
    const dir = path.join(root, 'fast-model');
    await saveModelFolder(dir, runs.fast.model, metaFromResult(runs.fast, backend));
    const topology = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')).modelTopology;
    const classes = (topology.config ?? topology.model_config.config).layers.map((l: { class_name: string }) => l.class_name);
    expect(classes.filter((c: string) => c === 'LSTM')).toHaveLength(2);
    const { model } = await loadModelFolder(dir);
    expect(model.layers.filter(isFastLstm)).toEqual([]);
    const prep = tunes.filter((t) => runs.fast.split.dev.includes(t.source)).map(prepareTune);
    const loss = async (m: tf.LayersModel) => {
      const s = await evaluate(m, prep, makeWindows(prep, 16), 16);
      return s.lossSum / s.events;
    };
    expect(Math.abs((await loss(model)) - (await loss(runs.fast.model)))).toBeLessThan(1e-4);
    model.dispose();
  });
});
