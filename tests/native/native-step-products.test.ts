// The whole training step with its all-rows products on TensorFlow (train-step-native.ts, chosen on
// tfjs-node for large shapes) against the same step with every product on the kernels: the same
// loss, gradients and updated weights up to float32 summation order, with dropout, two and three
// LSTM layers and uneven batch parts on two kernel threads; and the size rule that picks it.
import type * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBatch, makeWindows, prepareTune } from '../../models/lstm/batching';
import { kernels } from '../../models/lstm/fast/kernels';
import { NATIVE_PRODUCT_MIN_GFLOP, stepProductsOn } from '../../models/lstm/fast/placement';
import { FastTrainStep } from '../../models/lstm/fast/train-step';
import { buildModel } from '../../models/lstm/network';
import { patternCorpus } from '../models/lstm/synthetic-tunes';
import { loadBothBackends, maxAbsDiff, nativeProblem } from './native-helpers';

const k = kernels();
const savedThreads = k.threads;

/** Runs `steps` fast steps of a fresh copy of `model` with the products on `where`; returns each
 *  step's [loss, norm], the last gradients and the final weights. */
function run(model: tf.LayersModel, where: 'native' | 'wasm', steps: number) {
  process.env.LICKLAB_LSTM_PRODUCTS = where;
  try {
    const prep = patternCorpus(10, 40).map(prepareTune);
    const batch = makeBatch(prep, makeWindows(prep, 20).slice(0, 21), 20);
    const step = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0, seed: 3 });
    if (typeof step === 'string') throw new Error(step);
    const out = Array.from({ length: steps }, () => Array.from(step.step(batch)));
    const result = { out, grads: step.gradients(), weights: step.weights() };
    step.dispose();
    return result;
  } finally {
    delete process.env.LICKLAB_LSTM_PRODUCTS;
  }
}

describe.skipIf(nativeProblem)('the whole step with its products on TensorFlow', () => {
  beforeAll(async () => {
    await loadBothBackends();
    k.threads = 2;
    expect(k.startHelpers()).toBe(true);
  });
  afterAll(() => {
    k.threads = savedThreads;
  });

  for (const layers of [2, 3]) {
    it(`${layers} layers with dropout: the same losses, gradients and weights as on the kernels`, () => {
      const model = buildModel({ units: 24, layers, dropout: 0.25 }, 7, { stockLstm: true });
      const kern = run(model, 'wasm', 3);
      const nat = run(model, 'native', 3);
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

  it('goes to TensorFlow from the measured size up, and only on tfjs-node', () => {
    const rows = (gflop: number, units: number) => Math.ceil((gflop * 1e9) / (8 * units * units));
    expect(stepProductsOn(rows(NATIVE_PRODUCT_MIN_GFLOP, 256), 256, 'tensorflow')).toBe('native');
    expect(stepProductsOn(rows(NATIVE_PRODUCT_MIN_GFLOP, 256) - 8, 256, 'tensorflow')).toBe('wasm');
    expect(stepProductsOn(64 * 64, 256, 'wasm')).toBe('wasm');
    process.env.LICKLAB_LSTM_PRODUCTS = 'wasm';
    expect(stepProductsOn(64 * 64, 256, 'tensorflow')).toBe('wasm');
    delete process.env.LICKLAB_LSTM_PRODUCTS;
  });
});
