// The sampling kernels (models/lstm/fast/wasm-stepper.ts): one row at a time, re-exported by
// lstm-kernels.ts (the module's entry). Packed layouts as in lstm-kernels.ts.
import { lane, sigmoid, sigmoidv, tanhv } from './simd-math';

// ---- one step (sampling, models/lstm/fast/wasm-stepper.ts): one row, the cell update ----

@inline function madd8(x0: v128, s: v128, b: usize): v128 {
  return f32x4.add(x0, f32x4.mul(s, v128.load(b)));
}

/** c[0..N) += a[0..K) B for one row a, B packed as for gemm. K is unrolled by 4 into independent
 *  accumulators (gemm's one-row edge kernel waits on one add chain per k). */
export function gemv(N: i32, K: i32, a: usize, bp: usize, c: usize): void {
  const panels = (N + 7) >> 3;
  const K4 = K & ~3;
  for (let p = 0; p < panels; p++) {
    const b = bp + (<usize>p * <usize>K << 5);
    let x0 = f32x4.splat(0), x1 = f32x4.splat(0), y0 = f32x4.splat(0), y1 = f32x4.splat(0);
    let z0 = f32x4.splat(0), z1 = f32x4.splat(0), w0 = f32x4.splat(0), w1 = f32x4.splat(0);
    let k = 0;
    for (; k < K4; k += 4) {
      const bb = b + (<usize>k << 5);
      const pa = a + (<usize>k << 2);
      const s0 = v128.load32_splat(pa), s1 = v128.load32_splat(pa, 4), s2 = v128.load32_splat(pa, 8), s3 = v128.load32_splat(pa, 12);
      x0 = madd8(x0, s0, bb); x1 = madd8(x1, s0, bb + 16);
      y0 = madd8(y0, s1, bb + 32); y1 = madd8(y1, s1, bb + 48);
      z0 = madd8(z0, s2, bb + 64); z1 = madd8(z1, s2, bb + 80);
      w0 = madd8(w0, s3, bb + 96); w1 = madd8(w1, s3, bb + 112);
    }
    for (; k < K; k++) {
      const bb = b + (<usize>k << 5);
      const s0 = v128.load32_splat(a + (<usize>k << 2));
      x0 = madd8(x0, s0, bb); x1 = madd8(x1, s0, bb + 16);
    }
    x0 = f32x4.add(f32x4.add(x0, y0), f32x4.add(z0, w0));
    x1 = f32x4.add(f32x4.add(x1, y1), f32x4.add(z1, w1));
    const cc = c + (<usize>p << 5);
    const n = min(8, N - (p << 3));
    if (n == 8) {
      v128.store(cc, f32x4.add(v128.load(cc), x0));
      v128.store(cc, f32x4.add(v128.load(cc, 16), x1), 16);
    } else {
      for (let j = 0; j < n; j++) store<f32>(cc + (<usize>j << 2), load<f32>(cc + (<usize>j << 2)) + lane(x0, x1, j));
    }
  }
}

@inline function hardSigmoidv(x: v128): v128 {
  return f32x4.min(f32x4.max(f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5)), f32x4.splat(0)), f32x4.splat(1));
}

@inline function gatev(x: v128, hard: i32): v128 {
  return hard ? hardSigmoidv(x) : sigmoidv(x);
}

/** One LSTM cell update for one row: z [4U] pre-activations (i, f, c, o), c and h [U] updated in
 *  place. `hard` = 1: hard sigmoid gates (0.2 x + 0.5, clipped), else the logistic sigmoid. */
export function lstmCell(U: i32, hard: i32, z: usize, c: usize, h: usize): void {
  const uB = <usize>U << 2;
  let j = 0;
  for (; j < (U & ~3); j += 4) {
    const o = <usize>j << 2;
    const gi = gatev(v128.load(z + o), hard);
    const gf = gatev(v128.load(z + uB + o), hard);
    const gg = tanhv(v128.load(z + 2 * uB + o));
    const go = gatev(v128.load(z + 3 * uB + o), hard);
    const cn = f32x4.add(f32x4.mul(gf, v128.load(c + o)), f32x4.mul(gi, gg));
    v128.store(c + o, cn);
    v128.store(h + o, f32x4.mul(go, tanhv(cn)));
  }
  for (; j < U; j++) {
    const o = <usize>j << 2;
    const gi = gate(load<f32>(z + o), hard);
    const gf = gate(load<f32>(z + uB + o), hard);
    const gg = Mathf.tanh(load<f32>(z + 2 * uB + o));
    const go = gate(load<f32>(z + 3 * uB + o), hard);
    const cn = gf * load<f32>(c + o) + gi * gg;
    store<f32>(c + o, cn);
    store<f32>(h + o, go * Mathf.tanh(cn));
  }
}

@inline function gate(x: f32, hard: i32): f32 {
  return hard ? min<f32>(max<f32>(<f32>0.2 * x + <f32>0.5, 0), 1) : sigmoid(x);
}
