// Where one training step's buffers sit in wasm memory (train-step.ts): the batch's shared inputs
// (sparse input rows, targets, mask); per LSTM layer its gates, states, (dropped-out) outputs and
// dropout mask, and one output-gradient matrix the layers share, each one matrix over the batch's
// rows that the parts (rows a thread takes whole) cut into row blocks; then per part the heads' logits, scratch for transposes and packed
// operands, and the part's own gradient sums. Kept while the batch shape
// holds (the last batch of an epoch may be shorter).
import type { Kernels } from './kernels';
import type { NetworkPlan } from './train-step-weights';

const ceil8 = (n: number) => Math.ceil(n / 8) * 8;
/** Rows per batch part at least (two parts per thread, so a thread without a core holds up one). */
const PART_ROWS = 8;

export interface Part {
  b0: number;
  Bt: number;
  grads: number;
  loss: number;
  layers: { A: number; H: number; C: number; TC: number; out: number; mask: number }[];
  dh: number;
  dc: number;
  tmp: number;
  tr: number;
  pk: number;
  logits: number;
  dY: number;
}

export interface Scratch {
  B: number;
  T: number;
  base: number;
  nnzCap: number;
  off: number;
  idx: number;
  val: number;
  pitch: number;
  dur: number;
  mask: number;
  parts: Part[];
}

/** Lays out regions of `n` floats one after another (64-byte aligned) from a byte offset. */
export class Layout {
  bytes = 0;
  take(n: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil(Math.max(n, 1) / 16) * 64;
    return at;
  }
}

/** The buffers for batches of B rows x T steps (nnz active input units at least); part 0 writes its
 *  gradients straight into `grads` (the step's own block), the other parts into their own. */
export function allocScratch(k: Kernels, plan: NetworkPlan, nParams: number, grads: number, B: number, T: number, nnz: number): Scratch {
  const U = plan.units;
  const G = 4 * U;
  const N = plan.pitchTokens + plan.durTokens;
  const L = new Layout();
  const nnzCap = Math.max(nnz, B * T * 8);
  const shared = {
    off: L.take(B * T + 1),
    idx: L.take(nnzCap),
    val: L.take(nnzCap),
    pitch: L.take(B * T),
    dur: L.take(B * T),
    mask: L.take(B * T),
  };
  const count = k.threads === 1 ? 1 : Math.max(1, Math.min(2 * k.threads, Math.floor(B / PART_ROWS)));
  // Per layer, the parts' gates, states, outputs and masks (and the shared output gradient) sit one
  // after another in batch-row order, so every part's rows together are one matrix (train-step-native.ts reads and
  // writes them in one piece).
  const rowsOf = (floats: number) => {
    const all = L.take(B * floats);
    return (b0: number) => all + b0 * floats * 4;
  };
  const layerRows = plan.inputs.map(() => ({
    A: rowsOf(T * G),
    H: rowsOf((T + 1) * U),
    C: rowsOf((T + 1) * U),
    TC: rowsOf(T * U),
    out: rowsOf(T * U),
    mask: rowsOf(plan.dropout > 0 ? T * U : 0),
  }));
  const dY = rowsOf(T * U);
  const parts: Part[] = [];
  for (let i = 0, b0 = 0; i < count; i++) {
    const Bt = Math.floor((B * (i + 1)) / count) - Math.floor((B * i) / count);
    const R = Bt * T;
    parts.push({
      b0,
      Bt,
      grads: i === 0 ? -1 : L.take(nParams), // part 0 sums into the step's own gradient block
      loss: L.take(2),
      layers: layerRows.map((l) => ({ A: l.A(b0), H: l.H(b0), C: l.C(b0), TC: l.TC(b0), out: l.out(b0), mask: l.mask(b0) })),
      dh: L.take(Bt * U),
      dc: L.take(Bt * U),
      tmp: L.take(Bt * U),
      tr: L.take(U * R),
      pk: L.take(Math.max(ceil8(G), ceil8(N)) * R),
      logits: L.take(R * N),
      dY: dY(b0),
    });
    b0 += Bt;
  }
  const base = k.alloc(L.bytes);
  const abs = <T extends object>(o: T): T =>
    Object.fromEntries(
      Object.entries(o).map(([key, v]) => [key, typeof v === 'number' && key !== 'b0' && key !== 'Bt' ? base + v : v]),
    ) as T;
  const made: Scratch = {
    B,
    T,
    base,
    nnzCap,
    ...abs(shared),
    parts: parts.map((q, i) => ({ ...abs(q), grads: i === 0 ? grads : base + q.grads, layers: q.layers.map((l) => abs(l)) })),
  };
  return made;
}
