// LSTM training kernels for the fast path (models/lstm/fast), AssemblyScript -> wasm with SIMD.
// Rebuild with `npm run build:wasm`. No allocation here: the caller lays out every buffer in the
// (shared, imported) memory and passes byte pointers, so several instances (one per thread) can
// run on disjoint parts of a batch at once.
//
// Layouts (f32, row-major, batch-major so a thread's rows are one contiguous block):
//   gates A [B, T, G] (G = 4U, order i, f, c, o): pre-activations, then activations, then dZ
//   H, C   [B, T+1, U] (slot 0 = the zero initial state), TC = tanh(c) [B, T, U]
//   packed B operand of a GEMM: panels of 8 columns, Bp[p][k][0..8), zero padded.
import { lane, sigmoid, sigmoidv, tanhv } from './simd-math';
export * from './stepper-kernels';
export * from './train-kernels';

// ---- GEMM: C[M,N] += A[M,K] * B[K,N], B packed (see packB); lda/ldc in elements ----

@inline function kern4x8(K: i32, a: usize, lda: usize, b: usize, c: usize, ldc: usize): void {
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  let x00 = v128.load(c), x01 = v128.load(c, 16);
  let x10 = v128.load(c1), x11 = v128.load(c1, 16);
  let x20 = v128.load(c2), x21 = v128.load(c2, 16);
  let x30 = v128.load(c3), x31 = v128.load(c3, 16);
  const l2 = lda << 1, l3 = l2 + lda;
  const end = a + (<usize>K << 2);
  let pa = a, pb = b;
  while (pa < end) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let s = v128.load32_splat(pa);
    x00 = f32x4.add(x00, f32x4.mul(s, b0)); x01 = f32x4.add(x01, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + lda);
    x10 = f32x4.add(x10, f32x4.mul(s, b0)); x11 = f32x4.add(x11, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + l2);
    x20 = f32x4.add(x20, f32x4.mul(s, b0)); x21 = f32x4.add(x21, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + l3);
    x30 = f32x4.add(x30, f32x4.mul(s, b0)); x31 = f32x4.add(x31, f32x4.mul(s, b1));
    pa += 4; pb += 32;
  }
  v128.store(c, x00); v128.store(c, x01, 16);
  v128.store(c1, x10); v128.store(c1, x11, 16);
  v128.store(c2, x20); v128.store(c2, x21, 16);
  v128.store(c3, x30); v128.store(c3, x31, 16);
}

// One row, `n` (1..8) valid columns: edges of the matrix.
function kern1xn(K: i32, a: usize, b: usize, c: usize, n: i32): void {
  let x0 = f32x4.splat(0), x1 = f32x4.splat(0);
  for (let k: usize = 0; k < <usize>K; k++) {
    const bb = b + (k << 5);
    const s = f32x4.splat(load<f32>(a + (k << 2)));
    x0 = f32x4.add(x0, f32x4.mul(s, v128.load(bb)));
    x1 = f32x4.add(x1, f32x4.mul(s, v128.load(bb, 16)));
  }
  if (n == 8) {
    v128.store(c, f32x4.add(v128.load(c), x0));
    v128.store(c, f32x4.add(v128.load(c, 16), x1), 16);
    return;
  }
  // No static scratch (instances on other threads share this memory): lanes one by one.
  for (let j = 0; j < n; j++) store<f32>(c + (<usize>j << 2), load<f32>(c + (<usize>j << 2)) + lane(x0, x1, j));
}


export function gemm(M: i32, N: i32, K: i32, a: usize, lda: i32, bp: usize, c: usize, ldc: i32): void {
  const ldaB = <usize>lda << 2, ldcB = <usize>ldc << 2;
  const panels = (N + 7) >> 3;
  const fullPanels = N >> 3;
  const M4 = M & ~3;
  // Row blocks of 64 keep the A block in L1/L2 while a B panel is reused across them.
  for (let i0 = 0; i0 < M; i0 += 64) {
    const i1 = min(i0 + 64, M);
    const i1f = min(i1, M4);
    for (let p = 0; p < panels; p++) {
      const b = bp + (<usize>p * <usize>K << 5);
      const cc = c + (<usize>p << 5);
      if (p < fullPanels) {
        let i = i0;
        for (; i < i1f; i += 4) kern4x8(K, a + <usize>i * ldaB, ldaB, b, cc + <usize>i * ldcB, ldcB);
        for (; i < i1; i++) kern1xn(K, a + <usize>i * ldaB, b, cc + <usize>i * ldcB, 8);
      } else {
        for (let i = i0; i < i1; i++) kern1xn(K, a + <usize>i * ldaB, b, cc + <usize>i * ldcB, N - (p << 3));
      }
    }
  }
}

/** Pack B[K,N] (row stride ldb) into 8-column panels. */
export function packB(K: i32, N: i32, src: usize, ldb: i32, dst: usize): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const j0 = p << 3;
    const w = min(8, N - j0);
    for (let k = 0; k < K; k++) {
      const d = dst + ((<usize>p * <usize>K + <usize>k) << 5);
      const s = src + ((<usize>k * <usize>ldb + <usize>j0) << 2);
      if (w == 8) {
        v128.store(d, v128.load(s)); v128.store(d, v128.load(s, 16), 16);
      } else {
        for (let j = 0; j < 8; j++) store<f32>(d + (<usize>j << 2), j < w ? load<f32>(s + (<usize>j << 2)) : 0);
      }
    }
  }
}

/** Pack B = S^T, where S is [N,K] (row stride lds): used for U^T, W^T. */
export function packBT(K: i32, N: i32, src: usize, lds: i32, dst: usize): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const j0 = p << 3;
    for (let j = 0; j < 8; j++) {
      const n = j0 + j;
      const s = src + (<usize>n * <usize>lds << 2);
      for (let k = 0; k < K; k++) {
        store<f32>(dst + ((<usize>p * <usize>K + <usize>k) << 5) + (<usize>j << 2), n < N ? load<f32>(s + (<usize>k << 2)) : 0);
      }
    }
  }
}

/** dst[c, r] = src[r, c] for an R x Cn block (strides in elements). */
export function transpose(R: i32, Cn: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  for (let r0 = 0; r0 < R; r0 += 32) {
    const r1 = min(r0 + 32, R);
    for (let c0 = 0; c0 < Cn; c0 += 32) {
      const c1 = min(c0 + 32, Cn);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          store<f32>(dst + ((<usize>c * <usize>ldd + <usize>r) << 2), load<f32>(src + ((<usize>r * <usize>lds + <usize>c) << 2)));
        }
      }
    }
  }
}

// ---- forward ----

/** A[r, :] = bias + sum_k x[r,k] W[k,:] for sparse rows: row r has nnz entries idx/val[off[r]..off[r+1]). */
export function sparseProject(R: i32, G: i32, off: usize, idx: usize, val: usize, w: usize, bias: usize, a: usize): void {
  const G4 = G & ~3;
  for (let r = 0; r < R; r++) {
    const row = a + (<usize>r * <usize>G << 2);
    memory.copy(row, bias, <usize>G << 2);
    const e0 = load<i32>(off + (<usize>r << 2)), e1 = load<i32>(off + (<usize>(r + 1) << 2));
    for (let e = e0; e < e1; e++) {
      const wr = w + (<usize>load<i32>(idx + (<usize>e << 2)) * <usize>G << 2);
      const v = load<f32>(val + (<usize>e << 2));
      const vs = f32x4.splat(v);
      let j = 0;
      for (; j < G4; j += 4) {
        const o = <usize>j << 2;
        v128.store(row + o, f32x4.add(v128.load(row + o), f32x4.mul(vs, v128.load(wr + o))));
      }
      for (; j < G; j++) store<f32>(row + (<usize>j << 2), load<f32>(row + (<usize>j << 2)) + v * load<f32>(wr + (<usize>j << 2)));
    }
  }
}

/** A[r, :] = bias for every row (before a dense input GEMM adds X W). */
export function fillBias(R: i32, G: i32, bias: usize, a: usize): void {
  for (let r = 0; r < R; r++) memory.copy(a + (<usize>r * <usize>G << 2), bias, <usize>G << 2);
}

/** The recurrence over T steps for B rows; A holds X W + b on entry, activations on exit. */
export function lstmForward(B: i32, T: i32, U: i32, up: usize, a: usize, h: usize, c: usize, tc: usize): void {
  const G = U << 2;
  const rowH = <usize>(T + 1) * <usize>U; // elements between rows of H / C
  const rowA = <usize>T * <usize>G;
  memory.fill(h, 0, <usize>B * rowH << 2);
  memory.fill(c, 0, <usize>B * rowH << 2);
  for (let t = 0; t < T; t++) {
    const at = a + (<usize>t * <usize>G << 2);
    gemm(B, G, U, h + (<usize>t * <usize>U << 2), <i32>rowH, up, at, <i32>rowA);
    for (let b = 0; b < B; b++) {
      const ar = at + (<usize>b * rowA << 2);
      const hp = h + ((<usize>b * rowH + <usize>t * <usize>U) << 2);
      const cp = c + ((<usize>b * rowH + <usize>t * <usize>U) << 2);
      const tcr = tc + ((<usize>b * <usize>T + <usize>t) * <usize>U << 2);
      const uB = <usize>U << 2;
      let j = 0;
      for (; j < (U & ~3); j += 4) {
        const o = <usize>j << 2;
        const gi = sigmoidv(v128.load(ar + o));
        const gf = sigmoidv(v128.load(ar + uB + o));
        const gg = tanhv(v128.load(ar + 2 * uB + o));
        const go = sigmoidv(v128.load(ar + 3 * uB + o));
        v128.store(ar + o, gi); v128.store(ar + uB + o, gf); v128.store(ar + 2 * uB + o, gg); v128.store(ar + 3 * uB + o, go);
        const cn = f32x4.add(f32x4.mul(gf, v128.load(cp + o)), f32x4.mul(gi, gg));
        const tcn = tanhv(cn);
        v128.store(cp + uB + o, cn);
        v128.store(tcr + o, tcn);
        v128.store(hp + uB + o, f32x4.mul(go, tcn));
      }
      for (; j < U; j++) {
        const o = <usize>j << 2;
        const gi = sigmoid(load<f32>(ar + o));
        const gf = sigmoid(load<f32>(ar + uB + o));
        const gg = Mathf.tanh(load<f32>(ar + 2 * uB + o));
        const go = sigmoid(load<f32>(ar + 3 * uB + o));
        store<f32>(ar + o, gi); store<f32>(ar + uB + o, gf); store<f32>(ar + 2 * uB + o, gg); store<f32>(ar + 3 * uB + o, go);
        const cn = gf * load<f32>(cp + o) + gi * gg;
        const tcn = Mathf.tanh(cn);
        store<f32>(cp + uB + o, cn);
        store<f32>(tcr + o, tcn);
        store<f32>(hp + uB + o, go * tcn);
      }
    }
  }
}

// ---- backward ----

/** BPTT: turns the activations in A into dZ (pre-activation gradients) in place.
 *  dy [B, T, U]; utp = U^T packed (K = G, N = U); dh, dc, tmp: [B, U] scratch. */
export function lstmBackward(B: i32, T: i32, U: i32, utp: usize, a: usize, c: usize, tc: usize, dy: usize, dh: usize, dc: usize, tmp: usize): void {
  const G = U << 2;
  const uB = <usize>U << 2;
  const rowH = <usize>(T + 1) * <usize>U;
  const rowA = <usize>T * <usize>G;
  memory.fill(dh, 0, <usize>B * uB);
  memory.fill(dc, 0, <usize>B * uB);
  const one = f32x4.splat(1);
  const U4 = U & ~3;
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const ar = a + ((<usize>b * rowA + <usize>t * <usize>G) << 2);
      const cp = c + ((<usize>b * rowH + <usize>t * <usize>U) << 2);
      const tcr = tc + ((<usize>b * <usize>T + <usize>t) * <usize>U << 2);
      const dyr = dy + ((<usize>b * <usize>T + <usize>t) * <usize>U << 2);
      const dhr = dh + (<usize>b * uB), dcr = dc + (<usize>b * uB);
      let j = 0;
      for (; j < U4; j += 4) {
        const o = <usize>j << 2;
        const gi = v128.load(ar + o), gf = v128.load(ar + uB + o), gg = v128.load(ar + 2 * uB + o), go = v128.load(ar + 3 * uB + o);
        const tcv = v128.load(tcr + o);
        const dhv = f32x4.add(v128.load(dyr + o), v128.load(dhr + o));
        const dcv = f32x4.add(v128.load(dcr + o), f32x4.mul(f32x4.mul(dhv, go), f32x4.sub(one, f32x4.mul(tcv, tcv))));
        v128.store(ar + o, f32x4.mul(f32x4.mul(dcv, gg), f32x4.mul(gi, f32x4.sub(one, gi))));
        v128.store(ar + uB + o, f32x4.mul(f32x4.mul(dcv, v128.load(cp + o)), f32x4.mul(gf, f32x4.sub(one, gf))));
        v128.store(ar + 2 * uB + o, f32x4.mul(f32x4.mul(dcv, gi), f32x4.sub(one, f32x4.mul(gg, gg))));
        v128.store(ar + 3 * uB + o, f32x4.mul(f32x4.mul(dhv, tcv), f32x4.mul(go, f32x4.sub(one, go))));
        v128.store(dcr + o, f32x4.mul(dcv, gf));
      }
      for (; j < U; j++) {
        const o = <usize>j << 2;
        const gi = load<f32>(ar + o), gf = load<f32>(ar + uB + o), gg = load<f32>(ar + 2 * uB + o), go = load<f32>(ar + 3 * uB + o);
        const tcv = load<f32>(tcr + o);
        const dhv = load<f32>(dyr + o) + load<f32>(dhr + o);
        const dcv = load<f32>(dcr + o) + dhv * go * (1 - tcv * tcv);
        store<f32>(ar + o, dcv * gg * gi * (1 - gi));
        store<f32>(ar + uB + o, dcv * load<f32>(cp + o) * gf * (1 - gf));
        store<f32>(ar + 2 * uB + o, dcv * gi * (1 - gg * gg));
        store<f32>(ar + 3 * uB + o, dhv * tcv * go * (1 - go));
        store<f32>(dcr + o, dcv * gf);
      }
    }
    if (t > 0) {
      // dh_{t-1} = dZ_t U^T
      memory.fill(dh, 0, <usize>B * uB);
      gemm(B, U, G, a + (<usize>t * <usize>G << 2), <i32>rowA, utp, dh, U);
    }
  }
}

/** dW[k, :] += sum over sparse entries (r, k, v) of v * dZ[r, :]. */
export function sparseWeightGrad(R: i32, G: i32, off: usize, idx: usize, val: usize, dz: usize, dw: usize): void {
  const G4 = G & ~3;
  for (let r = 0; r < R; r++) {
    const row = dz + (<usize>r * <usize>G << 2);
    const e0 = load<i32>(off + (<usize>r << 2)), e1 = load<i32>(off + (<usize>(r + 1) << 2));
    for (let e = e0; e < e1; e++) {
      const wr = dw + (<usize>load<i32>(idx + (<usize>e << 2)) * <usize>G << 2);
      const v = load<f32>(val + (<usize>e << 2));
      const vs = f32x4.splat(v);
      let j = 0;
      for (; j < G4; j += 4) {
        const o = <usize>j << 2;
        v128.store(wr + o, f32x4.add(v128.load(wr + o), f32x4.mul(vs, v128.load(row + o))));
      }
      for (; j < G; j++) store<f32>(wr + (<usize>j << 2), load<f32>(wr + (<usize>j << 2)) + v * load<f32>(row + (<usize>j << 2)));
    }
  }
}

/** db[j] += sum_r dZ[r, j]. */
export function columnSums(R: i32, G: i32, dz: usize, db: usize): void {
  for (let r = 0; r < R; r++) {
    const row = dz + (<usize>r * <usize>G << 2);
    let j = 0;
    for (; j < (G & ~3); j += 4) v128.store(db + (<usize>j << 2), f32x4.add(v128.load(db + (<usize>j << 2)), v128.load(row + (<usize>j << 2))));
    for (; j < G; j++) store<f32>(db + (<usize>j << 2), load<f32>(db + (<usize>j << 2)) + load<f32>(row + (<usize>j << 2)));
  }
}

/** Where free memory starts (after this module's static data). */
export function heapBase(): usize {
  return __heap_base;
}
