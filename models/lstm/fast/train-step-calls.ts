// The kernel call lists of one training step (train-step.ts runs them): per batch part, each LSTM
// layer's forward pass, the heads with the loss and its gradient, and each layer's backward pass,
// with or without its all-rows weight products (train-step-native.ts runs those on TensorFlow
// where that measured faster). Pointers are byte offsets into the kernels' wasm memory.
import type { KernelCall } from './kernels';
import type { Part, Scratch } from './train-step-scratch';
import type { NetworkPlan, WeightOffsets } from './train-step-weights';

/** What every call list of one step needs. */
export interface StepContext {
  s: Scratch;
  T: number;
  scale: number;
  seedBase: number;
}

/** Packed copies of the weights for the GEMM (B operands, plain and transposed). */
export interface PackedLayer {
  Up: number;
  UTp: number;
  Wp: number;
  WTp: number;
}

export class StepCalls {
  constructor(
    private readonly plan: NetworkPlan,
    private readonly off: WeightOffsets,
    private readonly params: number,
    private readonly packs: PackedLayer[],
    private readonly head: { Whp: number; WhTp: number },
    private readonly eps: number,
  ) {}

  /** The weight at float offset x of the flat block. */
  w(x: number): number {
    return this.params + 4 * x;
  }

  /** Part q's gradient of the weight at float offset x. */
  gw(q: Part, x: number): number {
    return q.grads + 4 * x;
  }

  /** Packs this step's weights (run on the main thread: a copy of each weight, cheaper than waking
   *  the helpers once more per step on a busy machine); `products`: the transposed input kernels
   *  the kernels' dX product needs too (not when TensorFlow computes dX). */
  pack(products: boolean): KernelCall[] {
    const { plan, off } = this;
    const U = plan.units;
    const G = 4 * U;
    const N = plan.pitchTokens + plan.durTokens;
    const calls: KernelCall[] = [];
    plan.inputs.forEach((_, l) => {
      const o = off.layers[l];
      const pk = this.packs[l];
      calls.push(['packB', U, G, this.w(o.Ur), G, pk.Up], ['packBT', G, U, this.w(o.Ur), G, pk.UTp]);
      if (l > 0) calls.push(['packB', U, G, this.w(o.W), G, pk.Wp]);
      if (l > 0 && products) calls.push(['packBT', G, U, this.w(o.W), G, pk.WTp]);
    });
    calls.push(['packB', U, N, this.w(off.Wh), N, this.head.Whp], ['packBT', N, U, this.w(off.Wh), N, this.head.WhTp]);
    return calls;
  }

  /** Part q's forward pass of layer l (the first also zeroes the part's gradient sums). */
  forward(c: StepContext, q: Part, qi: number, l: number): KernelCall[] {
    const { plan, off } = this;
    const U = plan.units;
    const G = 4 * U;
    const R = q.Bt * c.T;
    const o = off.layers[l];
    const a = q.layers[l];
    const calls: KernelCall[] = [];
    if (l === 0) {
      calls.push(
        ['zero', off.total, q.grads],
        ['sparseProject', R, G, c.s.off + q.b0 * c.T * 4, c.s.idx, c.s.val, this.w(o.W), this.w(o.b), a.A],
      );
    } else calls.push(['fillBias', R, G, this.w(o.b), a.A], ['gemm', R, G, U, q.layers[l - 1].out, U, this.packs[l].Wp, a.A, G]);
    const seed = (c.seedBase ^ Math.imul(l * 8191 + qi + 1, 0x27d4eb2f)) >>> 0;
    calls.push(['lstmForward', q.Bt, c.T, U, this.packs[l].Up, a.A, a.H, a.C, a.TC]);
    calls.push(['takeOutputs', q.Bt, c.T, U, a.H, a.out, plan.dropout, seed, a.mask]);
    return calls;
  }

  /** Part q's heads: logits, softmax cross-entropy and its gradient, the heads' weight gradients
   *  and the top layer's output gradient dY. */
  heads(c: StepContext, q: Part): KernelCall[] {
    const { plan, off } = this;
    const U = plan.units;
    const P = plan.pitchTokens;
    const N = P + plan.durTokens;
    const R = q.Bt * c.T;
    const r0 = q.b0 * c.T * 4;
    const y = q.layers[plan.inputs.length - 1].out;
    return [
      ['fillBias', R, N, this.w(off.bh), q.logits],
      ['gemm', R, N, U, y, U, this.head.Whp, q.logits, N],
      ['softmaxXent', R, P, N - P, q.logits, c.s.pitch + r0, c.s.dur + r0, c.s.mask + r0, c.scale, this.eps, q.loss],
      ['packB', R, N, q.logits, N, q.pk],
      ['transpose', R, U, y, U, q.tr, R],
      ['gemm', U, N, R, q.tr, R, q.pk, this.gw(q, off.Wh), N],
      ['columnSums', R, N, q.logits, this.gw(q, off.bh)],
      ['zero', R * U, q.dY],
      ['gemm', R, U, N, q.logits, N, this.head.WhTp, q.dY, U],
    ];
  }

  /** Part q's backward pass of layer l from dY (BPTT, bias gradient, the one-hot input's dW);
   *  `products`: dU, dW and the layer below's dY here too (else TensorFlow computes them). */
  backward(c: StepContext, q: Part, l: number, products: boolean): KernelCall[] {
    const { plan, off } = this;
    const U = plan.units;
    const G = 4 * U;
    const T = c.T;
    const R = q.Bt * T;
    const o = off.layers[l];
    const a = q.layers[l];
    const calls: KernelCall[] = [];
    if (plan.dropout > 0) calls.push(['mulInPlace', R * U, q.dY, a.mask]);
    calls.push(['lstmBackward', q.Bt, T, U, this.packs[l].UTp, a.A, a.C, a.TC, q.dY, q.dh, q.dc, q.tmp]);
    calls.push(['columnSums', R, G, a.A, this.gw(q, o.b)]);
    if (l === 0) calls.push(['sparseWeightGrad', R, G, c.s.off + q.b0 * T * 4, c.s.idx, c.s.val, a.A, this.gw(q, o.W)]);
    if (!products) return calls;
    calls.push(['packB', R, G, a.A, G, q.pk]);
    // dU = Hprev^T dZ (Hprev row b*T+t = h_{t-1} of row b)
    for (let b = 0; b < q.Bt; b++) calls.push(['transpose', T, U, a.H + b * (T + 1) * U * 4, U, q.tr + b * T * 4, R]);
    calls.push(['gemm', U, G, R, q.tr, R, q.pk, this.gw(q, o.Ur), G]);
    if (l > 0) {
      const x = q.layers[l - 1].out;
      calls.push(['transpose', R, U, x, U, q.tr, R], ['gemm', U, G, R, q.tr, R, q.pk, this.gw(q, o.W), G]);
      calls.push(['zero', R * U, q.dY], ['gemm', R, U, G, a.A, G, this.packs[l].WTp, q.dY, U]);
    }
    return calls;
  }
}
