// The FastLSTM layer's all-steps products as TensorFlow.js ops, on tfjs-node when the tfjs step runs
// (LICKLAB_FAST_STEP=0) and LICKLAB_LSTM_PRODUCTS=native asks (the whole step has its own: train-step-native.ts):
// one large matMul each on TensorFlow's GEMM instead of the wasm kernels' GEMM; the per-step
// recurrence stays on the kernels (op by op on native costs ~30 us per small op, 5-8x slower). Not
// the default: on 2 shared cores it measured slower than the kernels once the copies of dZ, Hprev
// and the results in and out of wasm memory are counted (placement.ts, bench native-lstm).
// Forward: Z = X W + b for a dense input (a sparse one-hot input keeps the kernels' gather-sum).
// Backward, from the kernels' gate gradients dZ [B*T, 4U]: dU = Hprev^T dZ, dW = X^T dZ (dense X),
// db = column sums of dZ, dX = dZ W^T.
import * as tf from '@tensorflow/tfjs';
import type { LstmGateGrads } from './lstm-compute';

/** X W + b for x [B, T, I], kernel [I, 4U], bias [4U], as [B * T, 4U] values. */
export function projectInput(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): Float32Array {
  const [B, T, I] = x.shape;
  const z = tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [B * T, I]), kernel), bias));
  const values = z.dataSync() as Float32Array;
  z.dispose();
  return values;
}

/** The gradients customGrad expects ([dX,] dKernel, dRecurrent, dBias) from the kernels' half of
 *  BPTT; dX only when `wantInput`. */
export function weightGradients(g: LstmGateGrads, x: tf.Tensor, kernel: tf.Tensor, recurrent: tf.Tensor, wantInput: boolean): tf.Tensor[] {
  const [B, T, I] = x.shape;
  const U = recurrent.shape[0];
  const R = B * T;
  const G = 4 * U;
  return tf.tidy(() => {
    const dZ = tf.tensor2d(g.dZ, [R, G]);
    const dU = tf.matMul(tf.tensor2d(g.hPrev, [R, U]), dZ, true, false);
    const dW = g.kernel ? tf.tensor2d(g.kernel, [I, G]) : tf.matMul(tf.reshape(x, [R, I]), dZ, true, false);
    const db = tf.sum(dZ, 0);
    const weights = [dW, dU, db];
    return wantInput ? [tf.reshape(tf.matMul(dZ, kernel, false, true), [B, T, I]), ...weights] : weights;
  });
}
