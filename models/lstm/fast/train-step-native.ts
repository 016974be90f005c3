// The whole training step's large all-rows weight products on native TensorFlow (tfjs-node), for
// shapes where that measured faster (placement.ts): on this machine's AVX-512 cores TensorFlow's
// GEMM runs a 2.1 GFLOP product at 190-300 GFLOP/s against ~60-100 on the kernels' 128-bit SIMD,
// copies in and out of wasm memory included. Everything per time step stays on the kernels
// (train-step.ts): the forward pass, heads and loss, BPTT's per-step products, the clip and Adam.
// Per LSTM layer l, after the kernels' BPTT has left the gate gradients dZ in each part's gates
// buffer (the rows of every batch part taken as one matrix, R = B * T): dU = Hprev^T dZ and, l > 0,
// dW = X^T dZ into the step's gradient block, and dX = dZ W^T into each part's dY (the output
// gradient of the layer below, whose BPTT runs next). The first layer's one-hot input keeps its dW
// a scatter-add on the kernels. The forward X W stays on the kernels: moving it too measured no
// faster (its 16 MB result must come back into wasm memory before the recurrence can start).
import * as tf from '@tensorflow/tfjs';
import type { Kernels } from './kernels';
import type { Scratch } from './train-step-scratch';

/** The all-rows products of one batch's parts (whose per-layer buffers are row blocks of one matrix,
 *  train-step-scratch.ts). */
export class NativeProducts {
  constructor(
    private readonly k: Kernels,
    private readonly s: Scratch,
    private readonly U: number,
  ) {}

  /** dU = Hprev^T dZ into `dUr`; for l > 0 also dW = X^T dZ into `dW` and dX = dZ W^T into the
   *  parts' dY (`W`: the layer's kernel). Every pointer is a byte pointer into wasm memory. */
  backward(l: number, dUr: number, W: number, dW: number): void {
    const { U } = this;
    const { B, T } = this.s;
    const G = 4 * U;
    const first = this.s.parts[0]; // its buffers start the batch's matrices
    const [dU, dWt, dX] = tf.tidy(() => {
      const dZ = this.matrix(first.layers[l].A, [B * T, G]);
      // h_{t-1} of every row: H is [B, T + 1, U], h_{-1} first.
      const hPrev = tf.reshape(tf.slice(this.matrix(first.layers[l].H, [B, T + 1, U]), [0, 0, 0], [B, T, U]), [B * T, U]);
      const out = [tf.matMul(hPrev, dZ, true, false)];
      if (l > 0)
        out.push(
          tf.matMul(this.matrix(first.layers[l - 1].out, [B * T, U]), dZ, true, false),
          tf.matMul(dZ, this.matrix(W, [U, G]), false, true),
        );
      return out;
    });
    this.read(dU, dUr);
    if (dWt) this.read(dWt, dW);
    if (dX) this.read(dX, first.dY);
  }

  /** A tensor over wasm memory at byte pointer `at`. */
  private matrix(at: number, shape: number[]): tf.Tensor {
    return tf.tensor(this.k.f32(at, tf.util.sizeFromShape(shape)), shape);
  }

  /** Writes a result into wasm memory at `at` and disposes it. */
  private read(t: tf.Tensor, at: number): void {
    const v = t.dataSync() as Float32Array;
    t.dispose();
    this.k.f32(at, v.length).set(v);
  }
}
