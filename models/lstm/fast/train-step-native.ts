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
import type { Part } from './train-step-scratch';

type Rows = (q: Part) => number;

/** The all-rows products of one batch's parts. */
export class NativeProducts {
  constructor(
    private readonly k: Kernels,
    private readonly parts: Part[],
    private readonly T: number,
    private readonly U: number,
  ) {}

  /** dU = Hprev^T dZ into `dUr`; for l > 0 also dW = X^T dZ into `dW` and dX = dZ W^T into each
   *  part's dY (`W`: the layer's kernel). Every pointer is a byte pointer into wasm memory. */
  backward(l: number, dUr: number, W: number, dW: number): void {
    const { U } = this;
    const G = 4 * U;
    const [dU, dWt, dX] = tf.tidy(() => {
      const dZ = this.rows((q) => q.layers[l].A, G);
      const out = [tf.matMul(this.hPrev(l), dZ, true, false)];
      if (l > 0)
        out.push(
          tf.matMul(
            this.rows((q) => q.layers[l - 1].out, U),
            dZ,
            true,
            false,
          ),
          tf.matMul(dZ, this.weight(W, [U, G]), false, true),
        );
      return out;
    });
    this.read(dU, dUr);
    if (dWt) this.read(dWt, dW);
    if (dX) this.scatter(dX, (q) => q.dY, U);
  }

  private weight(at: number, shape: number[]): tf.Tensor {
    return tf.tensor(
      this.k.f32(
        at,
        shape.reduce((a, b) => a * b, 1),
      ),
      shape,
    );
  }

  /** The parts' row blocks of `cols` floats at `at(q)`, as one [R, cols] matrix. */
  private rows(at: Rows, cols: number): tf.Tensor2D {
    const blocks = this.parts.map((q) => tf.tensor2d(this.k.f32(at(q), q.Bt * this.T * cols), [q.Bt * this.T, cols]));
    return blocks.length === 1 ? blocks[0] : tf.concat(blocks, 0);
  }

  /** h_{t-1} of every row: a part's H is [Bt, T + 1, U], h_{-1} first. */
  private hPrev(l: number): tf.Tensor2D {
    const { T, U } = this;
    const blocks = this.parts.map((q) =>
      tf.reshape(tf.slice(tf.tensor3d(this.k.f32(q.layers[l].H, q.Bt * (T + 1) * U), [q.Bt, T + 1, U]), [0, 0, 0], [q.Bt, T, U]), [
        q.Bt * T,
        U,
      ]),
    );
    return (blocks.length === 1 ? blocks[0] : tf.concat(blocks, 0)) as tf.Tensor2D;
  }

  /** Writes a result into wasm memory at `at` and disposes it. */
  private read(t: tf.Tensor, at: number): void {
    const v = t.dataSync() as Float32Array;
    t.dispose();
    this.k.f32(at, v.length).set(v);
  }

  /** Writes [R, cols] rows back to each part's block at `at(q)` and disposes the tensor. */
  private scatter(t: tf.Tensor, at: Rows, cols: number): void {
    const v = t.dataSync() as Float32Array;
    t.dispose();
    let from = 0;
    for (const q of this.parts) {
      const n = q.Bt * this.T * cols;
      this.k.f32(at(q), n).set(v.subarray(from, from + n));
      from += n;
    }
  }
}
