// FastLSTM against TensorFlow.js autograd of the stock tf.layers.lstm with the same weights:
// outputs and gradients (kernel, recurrent kernel, bias, and the input for stacked layers) to
// 1e-4 relative (max |fast - ref| / max |ref|), on random inputs of several shapes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { createLstmLayer, fastLstmClass, isFastLstm, uninstallFastMatMul, type LstmArgs } from '../../../../models/lstm/fast';
import { kernels } from '../../../../models/lstm/fast/kernels';

const TOL = 1e-4;

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name === 'tensorflow') throw new Error('these tests compare the fast path with the wasm/cpu backend; run without tfjs-node');
});

function relErr(fast: tf.Tensor, ref: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(fast, ref))).dataSync()[0] / Math.max(tf.max(tf.abs(ref)).dataSync()[0], 1e-30));
}

const lstmArgs = (units: number, name: string): LstmArgs => ({
  name,
  units,
  returnSequences: true,
  activation: 'tanh',
  recurrentActivation: 'sigmoid',
  unitForgetBias: true,
  recurrentInitializer: 'glorotUniform',
});

/** One-hot/multi-hot rows like the encoder's (a few active units), or dense normal values. */
function inputs(B: number, T: number, I: number, kind: 'sparse' | 'dense', seed: number): tf.Tensor3D {
  if (kind === 'dense') return tf.randomNormal([B, T, I], 0, 1, 'float32', seed);
  return tf.tidy(() => tf.cast(tf.less(tf.randomUniform([B, T, I], 0, 1, 'float32', seed), 6 / I), 'float32')) as tf.Tensor3D;
}

/** Builds [input -> lstm x layers] twice (stock, fast) with the same random weights. */
function pair(layers: number, I: number, U: number, seed: number) {
  const build = (fast: boolean) => {
    const input = tf.input({ shape: [null, I] });
    let x: tf.SymbolicTensor = input;
    for (let i = 1; i <= layers; i++) {
      const args = lstmArgs(U, `${fast ? 'f' : 'r'}${seed}_${i}`);
      x = (fast ? new (fastLstmClass())(args) : tf.layers.lstm(args)).apply(x) as tf.SymbolicTensor;
    }
    return tf.model({ inputs: input, outputs: x });
  };
  const ref = build(false);
  const fast = build(true);
  // Larger than init-scale weights, so gates saturate somewhere and every path is exercised.
  const weights = ref.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.4, 'float32', seed * 10 + i));
  ref.setWeights(weights);
  fast.setWeights(weights);
  tf.dispose(weights);
  return { ref, fast };
}

function lossAndGrads(model: tf.LayersModel, x: tf.Tensor, dy: tf.Tensor) {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x) as tf.Tensor, dy)) as tf.Scalar, vars);
  return { value, grads: vars.map((v) => grads[v.name]) };
}

describe('FastLSTM matches tf.layers.lstm autograd', () => {
  const shapes: { B: number; T: number; I: number; U: number; layers: number; kind: 'sparse' | 'dense' }[] = [
    { B: 1, T: 1, I: 3, U: 1, layers: 1, kind: 'dense' },
    { B: 1, T: 7, I: 126, U: 5, layers: 1, kind: 'sparse' },
    { B: 3, T: 5, I: 7, U: 3, layers: 1, kind: 'dense' },
    { B: 5, T: 9, I: 126, U: 13, layers: 2, kind: 'sparse' },
    { B: 9, T: 11, I: 33, U: 17, layers: 2, kind: 'dense' },
    { B: 16, T: 24, I: 126, U: 64, layers: 1, kind: 'sparse' },
    { B: 12, T: 10, I: 126, U: 40, layers: 2, kind: 'sparse' },
  ];
  for (const [n, s] of shapes.entries()) {
    it(`B=${s.B} T=${s.T} I=${s.I} U=${s.U} layers=${s.layers} ${s.kind} inputs`, () => {
      const seed = n + 1;
      const { ref, fast } = pair(s.layers, s.I, s.U, seed);
      const x = inputs(s.B, s.T, s.I, s.kind, seed);
      const dy = tf.randomNormal([s.B, s.T, s.U], 0, 1, 'float32', seed + 100);
      expect(fast.layers.filter((l) => isFastLstm(l))).toHaveLength(s.layers);
      // The reference runs on the backend's own kernels only (FastLSTM re-installs our GEMM when it runs).
      uninstallFastMatMul();
      const yr = ref.predict(x) as tf.Tensor;
      const yf = fast.predict(x) as tf.Tensor;
      const outErr = relErr(yf, yr);
      expect(outErr).toBeLessThan(TOL);
      uninstallFastMatMul();
      const gr = lossAndGrads(ref, x, dy);
      const gf = lossAndGrads(fast, x, dy);
      const gradErr = Math.max(...gr.grads.map((g, i) => relErr(gf.grads[i], g)));
      console.info(
        `B=${s.B} T=${s.T} I=${s.I} U=${s.U} x${s.layers}: max rel error output ${outErr.toExponential(1)}, gradients ${gradErr.toExponential(1)}`,
      );
      expect(Math.abs(gf.value.dataSync()[0] - gr.value.dataSync()[0]) / Math.abs(gr.value.dataSync()[0])).toBeLessThan(TOL);
      // Weights per layer: kernel, recurrent kernel, bias (layer 1's gradients pass through layer 2's input gradient).
      expect(gf.grads.map((g) => g.shape)).toEqual(gr.grads.map((g) => g.shape));
      gr.grads.forEach((g, i) => expect(relErr(gf.grads[i], g), `gradient ${ref.trainableWeights[i].name}`).toBeLessThan(TOL));
      tf.dispose([x, dy, yr, yf, gr.value, gf.value, ...gr.grads, ...gf.grads]);
      ref.dispose();
      fast.dispose();
    });
  }

  it('gives the input gradient when the layer is applied on its own (not fed by a model input)', () => {
    const args = lstmArgs(6, 'solo');
    const ref = tf.layers.lstm({ ...args, name: 'solo_ref' });
    const fast = new (fastLstmClass())(args);
    const x = inputs(4, 6, 9, 'dense', 7);
    (ref.apply(x) as tf.Tensor).dispose();
    (fast.apply(x) as tf.Tensor).dispose();
    fast.setWeights(ref.getWeights());
    const dy = tf.randomNormal([4, 6, 6], 0, 1, 'float32', 8);
    uninstallFastMatMul();
    const dr = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(ref.apply(v) as tf.Tensor, dy)))(x);
    const df = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(fast.apply(v) as tf.Tensor, dy)))(x);
    expect(relErr(df, dr)).toBeLessThan(TOL);
    expect(tf.max(tf.abs(dr)).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([x, dy, dr, df]);
  });

  it('createLstmLayer gives FastLSTM here, and the stock LSTM for configs the fast op does not run', () => {
    expect(isFastLstm(createLstmLayer(lstmArgs(4, 'c1')))).toBe(true);
    expect(isFastLstm(createLstmLayer({ ...lstmArgs(4, 'c2'), recurrentActivation: 'hardSigmoid' }))).toBe(false);
    expect(isFastLstm(createLstmLayer({ ...lstmArgs(4, 'c3'), dropout: 0.1 }))).toBe(false);
    expect(isFastLstm(createLstmLayer({ ...lstmArgs(4, 'c4'), returnSequences: false }))).toBe(false);
  });

  it('leaves no tensors and no wasm memory behind across training-style calls', () => {
    const { fast } = pair(2, 126, 8, 42);
    const x = inputs(4, 6, 126, 'sparse', 42);
    const dy = tf.randomNormal([4, 6, 8], 0, 1, 'float32', 43);
    const run = () => {
      const g = lossAndGrads(fast, x, dy);
      tf.dispose([g.value, ...g.grads]);
      (fast.predict(x) as tf.Tensor).dispose();
    };
    run();
    const before = tf.memory().numTensors;
    const bytes = kernels().liveBytes();
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    expect(kernels().liveBytes()).toBe(bytes);
    fast.dispose();
    expect(kernels().liveBytes()).toBe(0);
    tf.dispose([x, dy]);
  });
});
