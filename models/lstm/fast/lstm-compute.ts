// Forward and hand-written BPTT of one LSTM layer (Keras layout: kernel [I, 4U], recurrent
// kernel [U, 4U], bias [4U], gates i, f, c, o; tanh / sigmoid) on the wasm kernels. The batch is
// split by rows across threads: each part runs its own recurrence and accumulates its own weight
// gradients, which are summed at the end. Sparse inputs (one-hot / multi-hot) are passed as index
// lists, so the input projection and its weight gradient cost O(active units), not O(INPUT_SIZE).
// (The whole training step, train-step.ts, has its own call lists; this serves the FastLSTM layer.)
import { kernels, type KernelCall, type Kernels } from './kernels';

export interface SparseRows {
  off: Int32Array; // [rows + 1]; row r's entries are idx/val[off[r] .. off[r+1])
  idx: Int32Array;
  val: Float32Array;
}

export interface LstmInput {
  B: number;
  T: number;
  I: number;
  U: number;
  /** Dense [B, T, I] or its sparse rows (row r = b * T + t). */
  x: Float32Array | SparseRows;
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

export interface LstmGrads {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
  input: Float32Array | null; // [B, T, I] when asked for
}

/** Sparse rows of a dense [rows, I] array if at most `maxDensity` of it is non-zero, else null. */
export function toSparse(x: Float32Array, rows: number, I: number, maxDensity = 0.2): SparseRows | null {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  if (nnz > maxDensity * x.length) return null;
  const off = new Int32Array(rows + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let e = 0;
  for (let r = 0; r < rows; r++) {
    off[r] = e;
    const base = r * I;
    for (let k = 0; k < I; k++) {
      const v = x[base + k];
      if (v !== 0) {
        idx[e] = k;
        val[e] = v;
        e++;
      }
    }
  }
  off[rows] = e;
  return { off, idx, val };
}

const ceil8 = (n: number) => Math.ceil(n / 8) * 8;
const PART_ROWS = 8;

interface Part {
  b0: number;
  Bt: number;
  A: number;
  H: number;
  C: number;
  TC: number;
  dh: number;
  dc: number;
  tmp: number;
  HT: number;
  dZp: number;
  XT: number;
  dW: number;
  dU: number;
  db: number;
}

/** Buffers of one layer's last forward pass, kept for its backward pass. */
export class LstmRun {
  private readonly k: Kernels;
  private base = 0;
  private readonly p: Record<string, number> = {};
  private parts: Part[] = [];
  private live = false;

  constructor(
    readonly input: LstmInput,
    k: Kernels = kernels(),
  ) {
    this.k = k;
  }

  /** Runs the forward pass; returns the outputs [B, T, U]. */
  forward(): Float32Array {
    const { B, T, I, U, x } = this.input;
    const G = 4 * U;
    const k = this.k;
    const sparse = !(x instanceof Float32Array);
    const dense = !sparse;
    const nnz = sparse ? x.idx.length : 0;
    // Parts of >= PART_ROWS rows, taken by threads as they come free (2 per thread, so a thread
    // without a core on a busy machine costs at most one part's wait).
    const threads = k.threads === 1 ? 1 : Math.max(1, Math.min(2 * k.threads, Math.floor(B / PART_ROWS)));
    // Layout: shared regions, then one block per thread part.
    const sizes: [string, number][] = [
      ['W', I * G],
      ['Ur', U * G],
      ['bias', G],
      ['Up', U * ceil8(G)],
      ['UTp', G * ceil8(U)],
      ['WTp', G * ceil8(I)],
      ['dy', B * T * U],
      ['dX', B * T * I],
      ...(sparse
        ? ([
            ['off', B * T + 1],
            ['idx', nnz],
            ['val', nnz],
          ] as [string, number][])
        : []),
      ...(dense
        ? ([
            ['X', B * T * I],
            ['Wp', I * ceil8(G)],
          ] as [string, number][])
        : []),
    ];
    const partRows: number[] = [];
    for (let i = 0; i < threads; i++) partRows.push(Math.floor((B * (i + 1)) / threads) - Math.floor((B * i) / threads));
    const partFields = (Bt: number): [keyof Part, number][] => [
      ['A', Bt * T * G],
      ['H', Bt * (T + 1) * U],
      ['C', Bt * (T + 1) * U],
      ['TC', Bt * T * U],
      ['dh', Bt * U],
      ['dc', Bt * U],
      ['tmp', Bt * U],
      ['HT', U * Bt * T],
      ['dZp', ceil8(G) * Bt * T],
      ['XT', dense ? I * Bt * T : 0],
      ['dW', I * G],
      ['dU', U * G],
      ['db', G],
    ];
    let total = 0;
    const align = (n: number) => Math.ceil(n / 16) * 16; // 64-byte aligned regions
    for (const [, n] of sizes) total += align(n) * 4;
    for (const Bt of partRows) for (const [, n] of partFields(Bt)) total += align(n) * 4;
    this.dispose();
    this.base = k.alloc(total);
    this.live = true;
    let at = this.base;
    for (const [name, n] of sizes) {
      this.p[name] = at;
      at += align(n) * 4;
    }
    let b0 = 0;
    this.parts = partRows.map((Bt) => {
      const part = { b0, Bt } as Part;
      for (const [name, n] of partFields(Bt)) {
        part[name] = at;
        at += align(n) * 4;
      }
      b0 += Bt;
      return part;
    });

    const p = this.p;
    k.f32(p.W, I * G).set(this.input.kernel);
    k.f32(p.Ur, U * G).set(this.input.recurrent);
    k.f32(p.bias, G).set(this.input.bias);
    const prep: KernelCall[] = [['packB', U, G, p.Ur, G, p.Up]];
    if (sparse) {
      k.i32(p.off, B * T + 1).set(x.off);
      k.i32(p.idx, nnz).set(x.idx);
      k.f32(p.val, nnz).set(x.val);
    } else if (dense) {
      k.f32(p.X, B * T * I).set(x);
      prep.push(['packB', I, G, p.W, G, p.Wp]);
    }
    k.run(prep);
    k.runParallel(
      this.parts.map((q) => {
        const R = q.Bt * T;
        const r0 = q.b0 * T;
        const calls: KernelCall[] = sparse
          ? [['sparseProject', R, G, p.off + r0 * 4, p.idx, p.val, p.W, p.bias, q.A]]
          : [
              ['fillBias', R, G, p.bias, q.A],
              ['gemm', R, G, I, p.X + r0 * I * 4, I, p.Wp, q.A, G],
            ];
        calls.push(['lstmForward', q.Bt, T, U, p.Up, q.A, q.H, q.C, q.TC]);
        return calls;
      }),
    );
    const out = new Float32Array(B * T * U);
    for (const q of this.parts) {
      const H = k.f32(q.H, q.Bt * (T + 1) * U);
      for (let b = 0; b < q.Bt; b++) out.set(H.subarray((b * (T + 1) + 1) * U, (b + 1) * (T + 1) * U), (q.b0 + b) * T * U);
    }
    return out;
  }

  /** BPTT from the outputs' gradient dy [B, T, U]; frees the buffers. */
  backward(dy: Float32Array, wantInput: boolean): LstmGrads {
    // Buffers released early (a newer forward of the same layer, or none yet): recompute.
    if (!this.live) this.forward();
    const { B, T, I, U, x } = this.input;
    const G = 4 * U;
    const k = this.k;
    const p = this.p;
    const sparse = !(x instanceof Float32Array);
    try {
      k.f32(p.dy, B * T * U).set(dy);
      const prep: KernelCall[] = [['packBT', G, U, p.Ur, G, p.UTp]];
      if (wantInput) {
        prep.push(['packBT', G, I, p.W, G, p.WTp]);
        k.f32(p.dX, B * T * I).fill(0);
      }
      k.run(prep);
      for (const q of this.parts) {
        k.f32(q.dW, I * G).fill(0);
        k.f32(q.dU, U * G).fill(0);
        k.f32(q.db, G).fill(0);
      }
      k.runParallel(
        this.parts.map((q) => {
          const R = q.Bt * T;
          const r0 = q.b0 * T;
          const calls: KernelCall[] = [
            ['lstmBackward', q.Bt, T, U, p.UTp, q.A, q.C, q.TC, p.dy + r0 * U * 4, q.dh, q.dc, q.tmp],
            ['packB', R, G, q.A, G, q.dZp],
          ];
          // dU = Hprev^T dZ (Hprev row b*T+t = h_{t-1} of row b)
          for (let b = 0; b < q.Bt; b++) calls.push(['transpose', T, U, q.H + b * (T + 1) * U * 4, U, q.HT + b * T * 4, R]);
          calls.push(['gemm', U, G, R, q.HT, R, q.dZp, q.dU, G]);
          if (sparse) calls.push(['sparseWeightGrad', R, G, p.off + r0 * 4, p.idx, p.val, q.A, q.dW]);
          else calls.push(['transpose', R, I, p.X + r0 * I * 4, I, q.XT, R], ['gemm', I, G, R, q.XT, R, q.dZp, q.dW, G]);
          calls.push(['columnSums', R, G, q.A, q.db]);
          if (wantInput) calls.push(['gemm', R, I, G, q.A, G, p.WTp, p.dX + r0 * I * 4, I]);
          return calls;
        }),
      );
      return {
        kernel: this.sumParts('dW', I * G),
        recurrent: this.sumParts('dU', U * G),
        bias: this.sumParts('db', G),
        input: wantInput ? k.f32(p.dX, B * T * I).slice() : null,
      };
    } finally {
      this.dispose();
    }
  }

  private sumParts(field: 'dW' | 'dU' | 'db', n: number): Float32Array {
    const acc = this.k.f32(this.parts[0][field], n).slice();
    for (const q of this.parts.slice(1)) {
      const v = this.k.f32(q[field], n);
      for (let i = 0; i < n; i++) acc[i] += v[i];
    }
    return acc;
  }

  /** Frees the wasm buffers (idempotent). */
  dispose(): void {
    if (this.live) this.k.release(this.base);
    this.live = false;
  }
}
