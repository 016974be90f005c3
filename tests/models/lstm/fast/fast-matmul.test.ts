// The wasm backend's BatchMatMul routed through our GEMM for transposed products: same results as
// the backend's own kernel (every transpose combination, odd sizes, rank 3 with batch 1), and the
// cases it does not take (batched, int32, small) still go to the original kernel.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { fastMatMulInstalled, installFastMatMul, uninstallFastMatMul } from '../../../../models/lstm/fast';

let wasm = false;
beforeAll(async () => {
  wasm = (await initBackend('wasm')).name === 'wasm';
});
afterAll(() => uninstallFastMatMul());

function both(f: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  uninstallFastMatMul();
  const ref = f();
  installFastMatMul();
  const fast = f();
  return [fast, ref];
}

function relErr(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / Math.max(tf.max(tf.abs(b)).dataSync()[0], 1e-30));
}

describe('fast BatchMatMul on the wasm backend', () => {
  it('installs on wasm and uninstalls back to the original kernel', () => {
    if (!wasm) return;
    expect(installFastMatMul()).toBe(true);
    expect(fastMatMulInstalled()).toBe(true);
    uninstallFastMatMul();
    expect(fastMatMulInstalled()).toBe(false);
  });

  for (const [M, K, N] of [
    [1800, 64, 74],
    [37, 19, 23],
    [5, 300, 9],
    [130, 128, 17],
  ]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        it(`${M}x${K} * ${K}x${N} transposeA=${ta} transposeB=${tb}`, () => {
          const a = tf.randomNormal(ta ? [K, M] : [M, K], 0, 1, 'float32', M + K);
          const b = tf.randomNormal(tb ? [N, K] : [K, N], 0, 1, 'float32', N + K);
          const [fast, ref] = both(() => tf.matMul(a, b, ta, tb));
          expect(fast.shape).toEqual([M, N]);
          expect(relErr(fast, ref)).toBeLessThan(1e-5);
          tf.dispose([a, b, fast, ref]);
        });
      }
    }
  }

  it('rank 3 with batch 1, batched products, int32 and gradients of a dense layer', () => {
    const a = tf.randomNormal([1, 40, 33], 0, 1, 'float32', 1);
    const b = tf.randomNormal([1, 50, 33], 0, 1, 'float32', 2);
    const [f1, r1] = both(() => tf.matMul(a, b, false, true));
    expect(f1.shape).toEqual([1, 40, 50]);
    expect(relErr(f1, r1)).toBeLessThan(1e-5);
    const a3 = tf.randomNormal([3, 20, 30], 0, 1, 'float32', 3);
    const b3 = tf.randomNormal([3, 40, 30], 0, 1, 'float32', 4);
    const [f3, r3] = both(() => tf.matMul(a3, b3, false, true));
    expect(relErr(f3, r3)).toBeLessThan(1e-5);
    const ai = tf.tensor2d(
      [
        [1, 2],
        [3, 4],
      ],
      [2, 2],
      'int32',
    );
    // int32 is not ours: the backend's own kernel answers (it refuses int32 on wasm).
    installFastMatMul();
    expect(() => tf.matMul(ai, ai, true, false)).toThrow(/non-float32/);
    const x = tf.randomNormal([64, 48], 0, 1, 'float32', 5);
    const w = tf.variable(tf.randomNormal([48, 70], 0, 1, 'float32', 6));
    const [gf, gr] = both(() => tf.variableGrads(() => tf.sum(tf.square(tf.matMul(x, w))) as tf.Scalar, [w]).grads[w.name]);
    expect(relErr(gf, gr)).toBeLessThan(1e-5);
    tf.dispose([a, b, f1, r1, a3, b3, f3, r3, ai, x, w, gf, gr]);
  });
});
