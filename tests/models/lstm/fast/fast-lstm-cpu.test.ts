// FastLSTM also runs (and matches the stock layer) on the plain-JS cpu backend, where the fast
// BatchMatMul is not installed.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLstmLayer, fastMatMulInstalled, isFastLstm } from '../../../../models/lstm/fast';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const maxRel = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);

describe('FastLSTM on the cpu backend', () => {
  it('matches tf.layers.lstm outputs and weight gradients', () => {
    const args = {
      units: 7,
      returnSequences: true,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      unitForgetBias: true,
      recurrentInitializer: 'glorotUniform',
    } as const;
    const fast = createLstmLayer({ ...args, name: 'cpu_fast' });
    const ref = tf.layers.lstm({ ...args, name: 'cpu_ref' });
    expect(tf.getBackend()).toBe('cpu');
    expect(isFastLstm(fast)).toBe(true);
    expect(fastMatMulInstalled()).toBe(false);
    const x = tf.randomNormal([5, 6, 11], 0, 1, 'float32', 3);
    (fast.apply(x) as tf.Tensor).dispose();
    (ref.apply(x) as tf.Tensor).dispose();
    ref.setWeights(fast.getWeights());
    const dy = tf.randomNormal([5, 6, 7], 0, 1, 'float32', 4);
    const grads = (l: typeof fast) => {
      const vars = l.trainableWeights.map((w) => w.read() as tf.Variable);
      const g = tf.variableGrads(() => tf.sum(tf.mul(l.apply(x) as tf.Tensor, dy)) as tf.Scalar, vars);
      return vars.map((v) => g.grads[v.name]);
    };
    expect(maxRel(fast.apply(x) as tf.Tensor, ref.apply(x) as tf.Tensor)).toBeLessThan(1e-4);
    const gf = grads(fast);
    grads(ref).forEach((g, i) => expect(maxRel(gf[i], g)).toBeLessThan(1e-4));
  });
});
