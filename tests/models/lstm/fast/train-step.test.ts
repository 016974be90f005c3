// The whole training step on the wasm kernels (models/lstm/fast/train-step.ts) against the tfjs
// step train.ts runs otherwise (stock tf.layers.lstm, loss.ts's batchLoss, tf.variableGrads, the
// global-norm clip, tf.train.adam), on small shapes with padded rows, one and two LSTM layers,
// with and without L2, and on two kernel threads (batch parts of uneven size).
// Tolerances: loss 1e-5 relative, gradient norm 1e-4 relative, every gradient within 1e-5 of the
// largest one (float32 sums in another order); Adam given the same gradient: weights within
// 1e-4 lr + 1e-5 |w| through three steps (bias correction, moments carried over).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { makeBatch, makeWindows, prepareTune, type Batch } from '../../../../models/lstm/batching';
import { kernels } from '../../../../models/lstm/fast/kernels';
import { FastTrainStep } from '../../../../models/lstm/fast/train-step';
import { planNetwork, readWeights, weightOffsets } from '../../../../models/lstm/fast/train-step-weights';
import { batchLoss, l2Penalty, toTensors } from '../../../../models/lstm/loss';
import { buildModel } from '../../../../models/lstm/network';
import { ENCODING_V1 } from '../../../../models/music/vocabulary';
import { patternCorpus, randomTune } from '../synthetic-tunes';

const k = kernels();
const savedThreads = k.threads;

beforeAll(async () => {
  const backend = await initBackend('wasm');
  if (backend.name === 'tensorflow') throw new Error('run with the wasm backend (LICKLAB_BACKEND=wasm)');
  k.threads = 2;
  expect(k.startHelpers()).toBe(true);
});

afterAll(() => {
  k.threads = savedThreads;
});

/** 19 rows of 12 steps: windows of uneven length, so some rows are padded (mask 0). */
function testBatch(): Batch {
  const tunes = [...patternCorpus(6, 30), ...Array.from({ length: 4 }, (_, i) => randomTune(`r${i}.mid`, 17 + i * 5, i + 3))];
  const prep = tunes.map(prepareTune);
  const windows = makeWindows(prep, 12).slice(0, 19);
  const batch = makeBatch(prep, windows, 12);
  expect(batch.rows).toBe(19);
  expect(batch.events).toBeLessThan(19 * 12); // padding present
  return batch;
}

/** The model's weights (or tensors in the same order) in the fast step's flat layout. */
function flat(model: tf.LayersModel, tensors: tf.Tensor[]): Float32Array {
  const plan = planNetwork(model);
  if (typeof plan === 'string') throw new Error(plan);
  const copy = buildModel({ units: plan.units, layers: plan.lstms.length, dropout: 0, encoding: ENCODING_V1 }, 9, { stockLstm: true });
  copy.setWeights(tensors);
  const copyPlan = planNetwork(copy) as Exclude<ReturnType<typeof planNetwork>, string>;
  const off = weightOffsets(copyPlan);
  const out = new Float32Array(off.total);
  readWeights(copyPlan, off, out);
  copy.dispose();
  return out;
}

/** train.ts's tfjs step on a stock model: [loss, norm], the gradients (flat) before the clip. */
function referenceStep(model: tf.LayersModel, batch: Batch, l2: number) {
  const t = toTensors(batch);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let ce = 0;
  const { value, grads } = tf.variableGrads(() => {
    const loss = batchLoss(model, t, true);
    ce = loss.dataSync()[0];
    return l2 > 0 ? (tf.add(loss, tf.mul(l2Penalty(model), l2)) as tf.Scalar) : loss;
  }, vars);
  const list = vars.map((v) => grads[v.name]);
  const norm = Math.sqrt(list.reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
  const g = flat(model, list);
  tf.dispose([value, ...list, t.x, t.pitch, t.dur, t.mask]);
  return { ce, norm, g };
}

function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

describe('FastTrainStep against the tfjs step', () => {
  const cases = [
    { name: '1 x 16, no L2', units: 16, layers: 1, l2: 0 },
    { name: '2 x 12, L2 1e-3', units: 12, layers: 2, l2: 1e-3 },
    { name: '1 x 20 (units not a multiple of 8)', units: 20, layers: 1, l2: 0 },
  ];
  for (const c of cases) {
    it(`${c.name}: same loss, gradient norm and gradients`, () => {
      const batch = testBatch();
      const model = buildModel({ units: c.units, layers: c.layers, dropout: 0, encoding: ENCODING_V1 }, 3, { stockLstm: true });
      const ref = referenceStep(model, batch, c.l2);
      const fast = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: c.l2 });
      if (typeof fast === 'string') throw new Error(fast);
      const [ce, norm] = fast.step(batch);
      const g = fast.gradients();
      expect(Math.abs(ce - ref.ce) / ref.ce).toBeLessThan(1e-5);
      expect(Math.abs(norm - ref.norm) / ref.norm).toBeLessThan(1e-4);
      const scale = maxAbs(ref.g);
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - ref.g[i]));
      expect(worst / scale, `worst gradient difference ${worst} (largest gradient ${scale})`).toBeLessThan(1e-5);
      fast.dispose();
      model.dispose();
    });
  }

  it('a batch given only as dense input (no index lists) takes the same step', () => {
    const batch = testBatch();
    const run = (b: Batch) => {
      const model = buildModel({ units: 16, layers: 1, dropout: 0, encoding: ENCODING_V1 }, 3, { stockLstm: true });
      const fast = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0 });
      if (typeof fast === 'string') throw new Error(fast);
      const out = { stats: fast.step(b), weights: fast.weights() };
      fast.dispose();
      model.dispose();
      return out;
    };
    expect(batch.active).toBeDefined();
    expect(run({ ...batch, active: undefined })).toEqual(run(batch));
  });

  it('Adam and the clip match tf.train.adam given the same gradient, over three steps', () => {
    const model = buildModel({ units: 8, layers: 1, dropout: 0, encoding: ENCODING_V1 }, 5, { stockLstm: true });
    const clipNorm = 0.5;
    const fast = FastTrainStep.forModel(model, { learningRate: 0.02, clipNorm, l2: 0 });
    if (typeof fast === 'string') throw new Error(fast);
    const opt = tf.train.adam(0.02);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    for (let s = 0; s < 3; s++) {
      // Gradients of mixed sizes (some tiny), the second step above the clip norm.
      const grads = vars.map((v, i) => tf.mul(tf.randomNormal(v.shape, 0, 1, 'float32', 100 * s + i), s === 1 ? 1 : 0.01));
      const norm = Math.sqrt(grads.reduce((a, g) => a + tf.sum(tf.square(g)).dataSync()[0], 0));
      const clip = Math.min(1, clipNorm / norm);
      if (s === 1) expect(clip).toBeLessThan(1);
      const [, fastNorm] = fast.applyGradients(flat(model, grads));
      expect(Math.abs(fastNorm - norm) / norm).toBeLessThan(1e-5);
      opt.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, tf.mul(grads[i], clip)])));
      tf.dispose(grads);
      const want = flat(model, vars);
      const got = fast.weights();
      for (let i = 0; i < got.length; i++)
        expect(Math.abs(got[i] - want[i]), `step ${s + 1}, weight ${i}`).toBeLessThan(1e-4 * 0.02 + 1e-5 * Math.abs(want[i]));
    }
    opt.dispose();
    fast.dispose();
    model.dispose();
  });

  it('writes its weights back into the model (same variables, shapes and names)', () => {
    const batch = testBatch();
    const model = buildModel({ units: 16, layers: 1, dropout: 0.2, encoding: ENCODING_V1 }, 3);
    const before = model.weights.map((w) => `${w.name} ${w.shape.join('x')}`);
    const fast = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0 });
    if (typeof fast === 'string') throw new Error(fast);
    const start = flat(model, model.getWeights());
    fast.step(batch);
    fast.step(batch);
    expect(flat(model, model.getWeights())).toEqual(start); // not synced yet
    fast.syncToModel();
    expect(flat(model, model.getWeights())).toEqual(fast.weights());
    expect(model.weights.map((w) => `${w.name} ${w.shape.join('x')}`)).toEqual(before);
    fast.dispose();
    model.dispose();
  });

  it('dropout: masks keep 1 - rate of the units, scaled by 1 / (1 - rate), and follow the seed', () => {
    const batch = testBatch();
    const run = (seed: number, dropout: number) => {
      const model = buildModel({ units: 16, layers: 1, dropout, encoding: ENCODING_V1 }, 3, { stockLstm: true });
      const fast = FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0, seed });
      if (typeof fast === 'string') throw new Error(fast);
      const out = [fast.step(batch)[0], fast.step(batch)[0]];
      fast.dispose();
      model.dispose();
      return out;
    };
    expect(run(1, 0.3)).toEqual(run(1, 0.3));
    expect(run(1, 0.3)).not.toEqual(run(2, 0.3));
    expect(run(1, 0.3)).not.toEqual(run(1, 0));
    // The mask kernel itself: 4000 units at rate 0.25.
    const n = 4000;
    const at = k.alloc(3 * n * 4);
    try {
      const h = k.f32(at, 2 * n).fill(1); // H [1, T+1, U] with T = 1999, U = 2
      k.ex.takeOutputs(1, n / 2 - 1, 2, at, at + 2 * n * 4, 0.25, 12345, at + 2 * n * 4 + n * 4);
      void h;
      const y = k.f32(at + 2 * n * 4, n - 2);
      const kept = y.filter((v) => v !== 0);
      expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
      expect(Math.abs(kept.length / y.length - 0.75)).toBeLessThan(0.03);
    } finally {
      k.release(at);
    }
  });

  it('names what it cannot train', () => {
    const input = tf.input({ shape: [null, 5] });
    const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'pitch' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(FastTrainStep.forModel(model, { learningRate: 0.01, clipNorm: 5, l2: 0 })).toMatch(/no LSTM layer|lacks a pitch or dur head/);
    model.dispose();
  });
});
