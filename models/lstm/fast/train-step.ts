// The whole training step of LickLab's network on the wasm kernels, on all kernel threads: the
// one-hot input as a gather, the LSTM layers, dropout, both softmax heads, the masked
// cross-entropy and its gradient, BPTT, then (main thread) the gradient sum, global-norm clip and
// Adam, all in wasm. No small tfjs op runs per step: with ~270 small tfjs ops per step for 7
// variables the tfjs step of the default preset (1 x 128) was bound by op overhead and gained
// nothing from a second core. On tfjs-node, BPTT's large all-rows weight products go to
// TensorFlow's GEMM where placement.ts's measured size rule says so (train-step-native.ts): a few
// large matMuls per step, between the kernels' phases. Same maths as models/lstm/train.ts's step (loss.ts's loss, the clip, tf.train.adam's
// update) up to float rounding and the dropout masks' random numbers (tests compare them).
// The weights live in wasm while training; syncToModel() writes them to the model's variables (the
// model saves and loads as before: a stock tfjs model). Adam's moments live here only.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../batching';
import { kernels, type Kernels } from './kernels';
import { StepCalls } from './train-step-calls';
import { allocScratch, Layout, type Part, type Scratch } from './train-step-scratch';
import { toSparse } from './lstm-compute';
import { fastStepEnabled, stepProductsOn } from './placement';
import { NativeProducts } from './train-step-native';
import { planNetwork, readWeights, weightOffsets, writeWeights, type NetworkPlan, type WeightOffsets } from './train-step-weights';

export interface FastStepOptions {
  learningRate: number;
  clipNorm: number;
  l2: number;
  /** Seeds the dropout masks. */
  seed?: number;
}

const ceil8 = (n: number) => Math.ceil(n / 8) * 8;

// tf.train.adam's defaults.
const BETA1 = 0.9;
const BETA2 = 0.999;

export function fastTrainStepFor(model: tf.LayersModel, o: FastStepOptions): FastTrainStep | null {
  if (!fastStepEnabled()) return null;
  const step = FastTrainStep.forModel(model, o);
  return typeof step === 'string' ? null : step;
}

export class FastTrainStep {
  private readonly k: Kernels;
  private readonly off: WeightOffsets;
  private readonly base: number; // params, grads, m, v, then the packed operands
  private readonly ptr: { params: number; grads: number; m: number; v: number };
  private readonly calls: StepCalls;
  private scratch: Scratch | null = null;
  private acc1 = BETA1;
  private acc2 = BETA2;
  private steps = 0;
  private dirty = false;
  private readonly eps: number;

  /** The fast step for `model`, or the reason it cannot train it (then use the tfjs step). */
  static forModel(model: tf.LayersModel, o: FastStepOptions, k: Kernels = kernels()): FastTrainStep | string {
    const plan = planNetwork(model);
    return typeof plan === 'string' ? plan : new FastTrainStep(plan, o, k);
  }

  private constructor(
    readonly plan: NetworkPlan,
    private readonly o: FastStepOptions,
    k: Kernels,
  ) {
    this.k = k;
    this.off = weightOffsets(plan);
    this.eps = tf.backend().epsilon();
    const U = plan.units;
    const G = 4 * U;
    const N = plan.pitchTokens + plan.durTokens;
    const L = new Layout();
    const n = this.off.total;
    const rel = { params: L.take(n), grads: L.take(n), m: L.take(n), v: L.take(n) };
    const packs = plan.inputs.map((_, i) => ({
      Up: L.take(U * ceil8(G)),
      UTp: L.take(G * ceil8(U)),
      Wp: i > 0 ? L.take(U * ceil8(G)) : -1,
      WTp: i > 0 ? L.take(G * ceil8(U)) : -1,
    }));
    const heads = { Whp: L.take(U * ceil8(N)), WhTp: L.take(N * ceil8(U)) };
    this.base = k.alloc(L.bytes);
    const abs = (x: number) => (x < 0 ? -1 : this.base + x);
    this.ptr = { params: abs(rel.params), grads: abs(rel.grads), m: abs(rel.m), v: abs(rel.v) };
    this.calls = new StepCalls(
      plan,
      this.off,
      this.ptr.params,
      packs.map((p) => ({ Up: abs(p.Up), UTp: abs(p.UTp), Wp: abs(p.Wp), WTp: abs(p.WTp) })),
      { Whp: abs(heads.Whp), WhTp: abs(heads.WhTp) },
      this.eps,
    );
    k.f32(this.ptr.m, n).fill(0);
    k.f32(this.ptr.v, n).fill(0);
    this.loadFromModel();
  }

  /** Reads the model's weights (after construction it already has them). Adam's state is kept. */
  loadFromModel(): void {
    readWeights(this.plan, this.off, this.k.f32(this.ptr.params, this.off.total));
    this.dirty = false;
  }

  /** Writes the trained weights into the model's variables (before evaluating or saving it). */
  syncToModel(): void {
    if (!this.dirty) return;
    writeWeights(this.plan, this.off, this.k.f32(this.ptr.params, this.off.total));
    this.dirty = false;
  }

  /** One optimisation step on a batch; returns [masked mean CE (no L2), gradient global norm], as
   *  train.ts's tfjs step does. The update is skipped when either is not finite. */
  step(batch: Batch): Float32Array {
    const { plan, k } = this;
    const U = plan.units;
    const B = batch.rows;
    const T = batch.steps;
    const I = plan.inputs[0];
    if (batch.x.length !== B * T * I)
      throw new Error(`batch input has ${batch.x.length / (B * T)} features per event, the model takes ${I}`);
    // The batch's index lists when it has them (makeBatch), else the dense input's non-zeros.
    const sparse = batch.active ? { ...batch.active, val: null } : toSparse(batch.x, B * T, I, 1)!;
    const nnz = sparse.idx.length;
    const s = this.scratchFor(B, T, nnz);
    k.i32(s.off, B * T + 1).set(sparse.off);
    k.i32(s.idx, nnz).set(sparse.idx);
    if (sparse.val) k.f32(s.val, nnz).set(sparse.val);
    else k.f32(s.val, nnz).fill(1);
    k.i32(s.pitch, B * T).set(batch.pitch);
    k.i32(s.dur, B * T).set(batch.dur);
    k.f32(s.mask, B * T).set(batch.mask);
    let maskSum = 0;
    for (let i = 0; i < batch.mask.length; i++) maskSum += batch.mask[i];
    const scale = 1 / Math.max(maskSum, 1);
    const onKernels = stepProductsOn(B * T, U) === 'wasm';
    k.run(this.calls.pack(onKernels));
    const seedBase = ((this.o.seed ?? 1) * 0x9e3779b1 + this.steps * 0x85ebca6b) >>> 0;
    const c = { s, T, scale, seedBase };
    const last = plan.inputs.length - 1;
    const parts = s.parts;
    const layers = plan.inputs.map((_, l) => l);
    const forward = (q: Part, qi: number) => [...layers.flatMap((l) => this.calls.forward(c, q, qi, l)), ...this.calls.heads(c, q)];
    if (onKernels) {
      // One call list per part: the whole step, every product on the kernels.
      k.runParallel(parts.map((q, qi) => [...forward(q, qi), ...[...layers].reverse().flatMap((l) => this.calls.backward(c, q, l, true))]));
    } else {
      // BPTT of each layer on the kernels, then its all-rows products on TensorFlow, which hand the
      // layer below its output gradient (train-step-native.ts).
      const native = new NativeProducts(k, s, U);
      const o = this.off.layers;
      k.runParallel(parts.map((q, qi) => [...forward(q, qi), ...this.calls.backward(c, q, last, false)]));
      for (let l = last; l >= 0; l--) {
        native.backward(l, this.calls.gw(parts[0], o[l].Ur), this.calls.w(o[l].W), this.calls.gw(parts[0], o[l].W));
        if (l > 0) k.runParallel(parts.map((q) => this.calls.backward(c, q, l - 1, false)));
      }
    }
    return this.update(s, scale);
  }

  /** Sums the parts' gradients and losses, then clips and runs Adam. */
  private update(s: Scratch, scale: number): Float32Array {
    const { k, off } = this;
    const n = off.total;
    const g = this.ptr.grads;
    let lossSum = 0;
    for (const q of s.parts) {
      if (q !== s.parts[0]) k.ex.addInto(n, g, q.grads);
      lossSum += new Float64Array(k.memory.buffer, q.loss, 1)[0];
    }
    if (this.o.l2 > 0) for (const [at, len] of off.kernels) k.ex.axpy(len, 2 * this.o.l2, this.ptr.params + 4 * at, g + 4 * at);
    return this.clipAndAdam(lossSum * scale);
  }

  /** The gradient of the last step in the flat layout (train-step-weights.ts), L2 term included,
   *  before the clip: for tests. */
  gradients(): Float32Array {
    return this.k.f32(this.ptr.grads, this.off.total).slice();
  }

  /** The weights in the flat layout (what syncToModel writes). */
  weights(): Float32Array {
    return this.k.f32(this.ptr.params, this.off.total).slice();
  }

  /** Clip and Adam with a given gradient in the flat layout (tests compare it with tf.train.adam);
   *  returns [NaN, norm]. */
  applyGradients(grads: Float32Array): Float32Array {
    if (grads.length !== this.off.total) throw new Error(`expected ${this.off.total} gradient values, got ${grads.length}`);
    this.k.f32(this.ptr.grads, this.off.total).set(grads);
    return this.clipAndAdam(NaN, true);
  }

  private clipAndAdam(ce: number, ignoreLoss = false): Float32Array {
    const { k } = this;
    const n = this.off.total;
    const g = this.ptr.grads;
    const norm = Math.sqrt(k.ex.sumSquares(n, g));
    this.steps++;
    if ((ignoreLoss || Number.isFinite(ce)) && Number.isFinite(norm)) {
      const clip = Math.min(1, this.o.clipNorm / Math.max(norm, 1e-12));
      const c1 = Math.fround(1 - this.acc1);
      const c2 = Math.fround(1 - this.acc2);
      const p = this.ptr;
      k.ex.adam(n, p.params, g, p.m, p.v, clip, this.o.learningRate, BETA1, BETA2, this.eps, c1, c2);
      this.acc1 = Math.fround(this.acc1 * BETA1);
      this.acc2 = Math.fround(this.acc2 * BETA2);
      this.dirty = true;
    }
    return Float32Array.of(ce, norm);
  }

  private scratchFor(B: number, T: number, nnz: number): Scratch {
    const s = this.scratch;
    if (s && s.B === B && s.T === T && s.nnzCap >= nnz) return s;
    if (s) this.k.release(s.base);
    this.scratch = null;
    this.scratch = allocScratch(this.k, this.plan, this.off.total, this.ptr.grads, B, T, nnz);
    return this.scratch;
  }

  /** Frees the wasm memory (the model keeps the weights last synced). */
  dispose(): void {
    if (this.scratch) this.k.release(this.scratch.base);
    this.scratch = null;
    this.k.release(this.base);
  }
}
