// The per-event LSTM step of sampling on the training path's wasm SIMD kernels (float32). The
// stepper's weights are laid out once in a wasm memory of their own (the recurrent, dense-input and
// head matrices packed in 8-column panels as the GEMM reads them); each step is a few kernel calls
// on preallocated buffers: the one-hot input as a gather of kernel rows (sparseProject), h U and the
// heads as one-row products (gemv), the gates fused (lstmCell). Nothing is allocated per step.
// A memory per stepper, not the trainer's shared kernels() memory: steppers are made per loaded
// model and per epoch (the sample panel), and each one's memory goes away with it.
import type { StepperWeights } from '../stepper';
import { kernelModule, type KernelExports } from './kernels';

const PAGE = 65536;
const MIN_PAGES = 16; // the module's declared minimum (--initialMemory in scripts/build-wasm.js)
const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const ceil8 = (n: number) => Math.ceil(n / 8) * 8;

interface LayerPtrs {
  units: number;
  inputSize: number;
  hard: number; // 1 = hard sigmoid gates
  kernel: number; // layer 1: raw [I, 4U] (rows gathered); later layers: packed panels
  recurrent: number; // packed [U, 4U]
  bias: number;
  z: number;
  h: number;
  c: number;
}

/** B[K, N] row-major packed as the kernels' GEMM reads it: panels of 8 columns, zero padded. */
function packPanels(src: Float32Array, K: number, N: number, dst: Float32Array): void {
  const panels = ceil8(N) / 8;
  for (let p = 0; p < panels; p++) {
    for (let k = 0; k < K; k++) {
      const d = (p * K + k) * 8;
      for (let j = 0; j < 8; j++) {
        const col = p * 8 + j;
        dst[d + j] = col < N ? src[k * N + col] : 0;
      }
    }
  }
}

export class WasmStepCore {
  /** Views of the recurrent state in wasm memory, per layer (read and written in place). */
  readonly h: Float32Array[];
  readonly c: Float32Array[];
  /** Views of the heads' outputs (pre-softmax), overwritten by every step. */
  readonly pitchLogits: Float32Array;
  readonly durLogits: Float32Array;
  private readonly ex: KernelExports;
  private readonly layers: LayerPtrs[];
  private readonly idx: Int32Array;
  private readonly off: Int32Array;
  private readonly ptr: { idx: number; off: number; val: number; headKernel: number; headBias: number; out: number };
  private readonly heads: number;

  constructor(w: StepperWeights) {
    const P = w.pitch.units;
    const D = w.dur.units;
    this.heads = P + D;
    const last = w.layers[w.layers.length - 1].units;
    const firstInputs = w.layers[0].inputSize;
    // Layout, as offsets from the module's heap base.
    let top = 0;
    const take = (floats: number) => {
      const at = top;
      top += align(floats * 4);
      return at;
    };
    const rel = w.layers.map((l, i) => {
      const G = 4 * l.units;
      return {
        kernel: take(i === 0 ? l.inputSize * G : ceil8(G) * l.inputSize),
        recurrent: take(ceil8(G) * l.units),
        bias: take(G),
        z: take(G),
        h: take(l.units),
        c: take(l.units),
      };
    });
    const relPtr = {
      idx: take(firstInputs),
      off: take(2),
      val: take(firstInputs),
      headKernel: take(ceil8(this.heads) * last),
      headBias: take(this.heads),
      out: take(this.heads),
    };
    // The module's own static data sits far below its declared minimum: the layout goes above it.
    const pages = MIN_PAGES + Math.ceil(top / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    this.ex = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports;
    const base = align(this.ex.heapBase());
    if (base + top > pages * PAGE) throw new Error(`stepper layout needs ${base + top} bytes of wasm memory, has ${pages * PAGE}`);
    const buf = memory.buffer;
    const f32 = (at: number, n: number) => new Float32Array(buf, base + at, n);

    this.layers = w.layers.map((l, i) => {
      const G = 4 * l.units;
      const r = rel[i];
      if (i === 0) f32(r.kernel, l.inputSize * G).set(l.kernel);
      else packPanels(l.kernel, l.inputSize, G, f32(r.kernel, ceil8(G) * l.inputSize));
      packPanels(l.recurrent, l.units, G, f32(r.recurrent, ceil8(G) * l.units));
      f32(r.bias, G).set(l.bias);
      return {
        units: l.units,
        inputSize: l.inputSize,
        hard: l.recurrentActivation === 'hardSigmoid' ? 1 : 0,
        kernel: base + r.kernel,
        recurrent: base + r.recurrent,
        bias: base + r.bias,
        z: base + r.z,
        h: base + r.h,
        c: base + r.c,
      };
    });
    this.h = this.layers.map((l) => new Float32Array(buf, l.h, l.units));
    this.c = this.layers.map((l) => new Float32Array(buf, l.c, l.units));

    // Both heads as one [last, P + D] product: pitch columns first, then dur.
    const headKernel = new Float32Array(last * this.heads);
    for (let k = 0; k < last; k++) {
      headKernel.set(w.pitch.kernel.subarray(k * P, (k + 1) * P), k * this.heads);
      headKernel.set(w.dur.kernel.subarray(k * D, (k + 1) * D), k * this.heads + P);
    }
    packPanels(headKernel, last, this.heads, f32(relPtr.headKernel, ceil8(this.heads) * last));
    const headBias = f32(relPtr.headBias, this.heads);
    headBias.set(w.pitch.bias);
    headBias.set(w.dur.bias, P);
    f32(relPtr.val, firstInputs).fill(1); // one-hot / multi-hot: every active unit is 1
    this.ptr = {
      idx: base + relPtr.idx,
      off: base + relPtr.off,
      val: base + relPtr.val,
      headKernel: base + relPtr.headKernel,
      headBias: base + relPtr.headBias,
      out: base + relPtr.out,
    };
    this.idx = new Int32Array(buf, this.ptr.idx, firstInputs);
    this.off = new Int32Array(buf, this.ptr.off, 2);
    this.off[0] = 0;
    this.pitchLogits = new Float32Array(buf, this.ptr.out, P);
    this.durLogits = new Float32Array(buf, this.ptr.out + 4 * P, D);
  }

  reset(): void {
    for (const a of this.h) a.fill(0);
    for (const a of this.c) a.fill(0);
  }

  /** One step with input units `active` at 1 (all others 0); the outputs land in pitchLogits and
   *  durLogits. The input is checked before the state changes. */
  step(active: readonly number[]): void {
    const first = this.layers[0];
    const n = active.length;
    if (n > first.inputSize)
      throw new Error(`${n} active input units for a network of ${first.inputSize} inputs: an input unit is listed twice`);
    for (let e = 0; e < n; e++) {
      const k = active[e];
      if (!Number.isInteger(k) || k < 0 || k >= first.inputSize) throw new Error(`input unit ${k} is outside 0..${first.inputSize - 1}`);
      this.idx[e] = k;
    }
    this.off[1] = n;
    const ex = this.ex;
    const { idx, off, val } = this.ptr;
    for (let l = 0; l < this.layers.length; l++) {
      const L = this.layers[l];
      const G = 4 * L.units;
      if (l === 0) ex.sparseProject(1, G, off, idx, val, L.kernel, L.bias, L.z);
      else {
        ex.fillBias(1, G, L.bias, L.z);
        ex.gemv(G, L.inputSize, this.layers[l - 1].h, L.kernel, L.z);
      }
      ex.gemv(G, L.units, L.h, L.recurrent, L.z);
      ex.lstmCell(L.units, L.hard, L.z, L.c, L.h);
    }
    const lastLayer = this.layers[this.layers.length - 1];
    ex.fillBias(1, this.heads, this.ptr.headBias, this.ptr.out);
    ex.gemv(this.heads, lastLayer.units, lastLayer.h, this.ptr.headKernel, this.ptr.out);
  }
}
