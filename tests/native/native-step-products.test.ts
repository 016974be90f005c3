// The whole training step with its all-rows weight products on TensorFlow (train-step-native.ts,
// chosen on tfjs-node for large shapes) against the same step with every product on the kernels:
// the same losses, gradients and updated weights up to float32 summation order. One, two and three
// LSTM layers, with and without dropout, on one, two and three kernel threads; batch parts of uneven
// size (35 rows: 8 + 9 + 9 + 9) and a shorter last batch (13 rows, one part, new scratch). A spy
// checks that the TensorFlow side really ran (and did not on the kernels' side); and the size rule.
import type * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeBatch, makeWindows, prepareTune, type Batch } from '../../models/lstm/batching';
import { kernels } from '../../models/lstm/fast/kernels';
import { NATIVE_PRODUCT_MIN_GFLOP, stepProductsOn } from '../../models/lstm/fast/placement';
import { FastTrainStep } from '../../models/lstm/fast/train-step';
import { NativeProducts } from '../../models/lstm/fast/train-step-native';
import { buildModel } from '../../models/lstm/network';
import { patternCorpus } from '../models/lstm/synthetic-tunes';
import { loadBothBackends, maxAbsDiff, nativeProblem } from './native-helpers';

const k = kernels();
const savedThreads = k.threads;

/** A batch of 35 rows, then one of 13 (the end of an epoch). */
function batches(): Batch[] {
  const prep = patternCorpus(25, 40).map(prepareTune);
  const windows = makeWindows(prep, 20);
  expect(windows.length).toBeGreaterThanOrEqual(48);
  return [makeBatch(prep, windows.slice(0, 35), 20), makeBatch(prep, windows.slice(35, 48), 20)];
}

/** Fast steps of a fresh step object for `model` with the products on `where` (the full batch
 *  twice, then the short one): each step's [loss, norm], the last gradients, the final weights, and
 *  how many times TensorFlow computed a layer's products. */
function run(model: tf.LayersModel, where: 'native' | 'wasm') {
  process.env.LICKLAB_LSTM_PRODUCTS = where;
  const spy = vi.spyOn(NativeProducts.prototype, 'backward');
  try {
    const [full, short] = batches();
    const step = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0, seed: 3 });
    if (typeof step === 'string') throw new Error(step);
    const out = [full, full, short].map((b) => Array.from(step.step(b)));
    const result = { out, grads: step.gradients(), weights: step.weights(), tfCalls: spy.mock.calls.length };
    step.dispose();
    return result;
  } finally {
    spy.mockRestore();
    delete process.env.LICKLAB_LSTM_PRODUCTS;
  }
}

describe.skipIf(nativeProblem)('the whole step with its weight products on TensorFlow', () => {
  beforeAll(async () => {
    await loadBothBackends();
  });
  afterAll(() => {
    k.threads = savedThreads;
  });

  const cases = [
    { layers: 2, dropout: 0.25, threads: 2 },
    { layers: 3, dropout: 0.25, threads: 3 },
    { layers: 1, dropout: 0, threads: 1 },
  ];
  for (const c of cases) {
    it(`${c.layers} layer(s), dropout ${c.dropout}, ${c.threads} thread(s): the same losses, gradients and weights as on the kernels`, () => {
      k.threads = c.threads;
      expect(k.startHelpers()).toBe(true);
      const model = buildModel({ units: 24, layers: c.layers, dropout: c.dropout }, 7, { stockLstm: true });
      const kern = run(model, 'wasm');
      const nat = run(model, 'native');
      expect(kern.tfCalls).toBe(0);
      expect(nat.tfCalls).toBe(3 * c.layers); // every layer, every step
      nat.out.forEach(([loss, norm], i) => {
        expect(Math.abs(loss - kern.out[i][0]) / kern.out[i][0]).toBeLessThan(1e-5);
        expect(Math.abs(norm - kern.out[i][1]) / kern.out[i][1]).toBeLessThan(1e-4);
      });
      const scale = Math.max(...kern.grads.map(Math.abs));
      expect(maxAbsDiff(nat.grads, kern.grads) / scale).toBeLessThan(1e-5);
      expect(maxAbsDiff(nat.weights, kern.weights)).toBeLessThan(1e-4);
      model.dispose();
    });
  }

  it('goes to TensorFlow from the measured size up, only on tfjs-node, unless told otherwise', () => {
    const rows = (gflop: number, units: number) => Math.ceil((gflop * 1e9) / (8 * units * units));
    expect(stepProductsOn(rows(NATIVE_PRODUCT_MIN_GFLOP, 256), 256, 'tensorflow')).toBe('native');
    expect(stepProductsOn(rows(NATIVE_PRODUCT_MIN_GFLOP, 256) - 8, 256, 'tensorflow')).toBe('wasm');
    expect(stepProductsOn(16 * 48, 128, 'tensorflow')).toBe('wasm'); // the default preset
    expect(stepProductsOn(64 * 64, 256, 'wasm')).toBe('wasm');
    try {
      process.env.LICKLAB_LSTM_PRODUCTS = 'wasm';
      expect(stepProductsOn(64 * 64, 256, 'tensorflow')).toBe('wasm');
      process.env.LICKLAB_LSTM_PRODUCTS = 'native';
      expect(stepProductsOn(16 * 48, 128, 'tensorflow')).toBe('native');
    } finally {
      delete process.env.LICKLAB_LSTM_PRODUCTS;
    }
  });
});
