// The rest of a training step in wasm (models/lstm/fast/train-step.ts): dropout between layers,
// the two softmax heads' cross-entropy and its gradient, gradient sums and norm, Adam. With the
// LSTM kernels (lstm-kernels.ts) a whole step runs without one tfjs op. Re-exported by
// lstm-kernels.ts (the module's entry). Pointers are byte offsets; no allocation here.
import { expv } from './simd-math';

// xorshift32 per part (the seed comes from the step and part index, so a part's mask does not
// depend on which thread ran it); 24 random bits -> [0, 1).
@inline function nextRand(s: u32): u32 {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

/** y[b*T + t, :] = H[b, t+1, :] for Bt rows (H [Bt, T+1, U], as lstmForward leaves it). With
 *  rate > 0 (inverted dropout, as tf.layers.dropout): each unit is kept with probability 1 - rate
 *  and scaled by 1 / (1 - rate); mask [Bt*T, U] records the factor (0 or the scale). */
export function takeOutputs(Bt: i32, T: i32, U: i32, h: usize, y: usize, rate: f32, seed: u32, mask: usize): void {
  const rowBytes = <usize>U << 2;
  for (let b = 0; b < Bt; b++) {
    memory.copy(y + <usize>b * <usize>T * rowBytes, h + (<usize>b * <usize>(T + 1) + 1) * rowBytes, <usize>T * rowBytes);
  }
  if (rate <= 0) return;
  const n = Bt * T * U;
  const scale: f32 = 1 / (1 - rate);
  // Four xorshift32 streams side by side (lanes seeded apart), four units per round.
  const s1 = nextRand(seed | 1), s2 = nextRand((s1 ^ 0x9e3779b9) | 1), s3 = nextRand((s2 ^ 0x9e3779b9) | 1), s4 = nextRand((s3 ^ 0x9e3779b9) | 1);
  let st = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(<i32>s1), 1, <i32>s2), 2, <i32>s3), 3, <i32>s4);
  const rv = f32x4.splat(rate), sv = f32x4.splat(scale), zv = f32x4.splat(0), unit = f32x4.splat(5.9604644775390625e-8); // 2^-24
  let i = 0;
  for (; i < (n & ~3); i += 4) {
    st = v128.xor(st, i32x4.shl(st, 13));
    st = v128.xor(st, i32x4.shr_u(st, 17));
    st = v128.xor(st, i32x4.shl(st, 5));
    const u = f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(st, 8)), unit);
    const m = v128.bitselect(sv, zv, f32x4.ge(u, rv));
    const o = <usize>i << 2;
    v128.store(mask + o, m);
    v128.store(y + o, f32x4.mul(v128.load(y + o), m));
  }
  let s: u32 = <u32>i32x4.extract_lane(st, 0);
  for (; i < n; i++) {
    s = nextRand(s);
    const m: f32 = <f32>(s >> 8) * <f32>5.9604644775390625e-8 >= rate ? scale : 0;
    const o = <usize>i << 2;
    store<f32>(mask + o, m);
    store<f32>(y + o, load<f32>(y + o) * m);
  }
}

/** a[i] *= m[i] (dropout's backward pass). */
export function mulInPlace(n: i32, a: usize, m: usize): void {
  let i = 0;
  for (; i < (n & ~3); i += 4) {
    const o = <usize>i << 2;
    v128.store(a + o, f32x4.mul(v128.load(a + o), v128.load(m + o)));
  }
  for (; i < n; i++) store<f32>(a + (<usize>i << 2), load<f32>(a + (<usize>i << 2)) * load<f32>(m + (<usize>i << 2)));
}

/** Zeroes n floats. */
export function zero(n: i32, a: usize): void {
  memory.fill(a, 0, <usize>n << 2);
}

// Softmax of z[0..n) in place; returns nothing (the caller reads the probabilities).
@inline function softmaxInPlace(z: usize, n: i32): void {
  const n4 = n & ~3;
  let mx: f32 = -Infinity;
  for (let j = 0; j < n; j++) mx = max(mx, load<f32>(z + (<usize>j << 2)));
  const mv = f32x4.splat(mx);
  let sv = f32x4.splat(0);
  let j = 0;
  for (; j < n4; j += 4) {
    const o = <usize>j << 2;
    const e = expv(f32x4.sub(v128.load(z + o), mv));
    v128.store(z + o, e);
    sv = f32x4.add(sv, e);
  }
  let sum: f32 = f32x4.extract_lane(sv, 0) + f32x4.extract_lane(sv, 1) + f32x4.extract_lane(sv, 2) + f32x4.extract_lane(sv, 3);
  for (; j < n; j++) {
    const e = Mathf.exp(load<f32>(z + (<usize>j << 2)) - mx);
    store<f32>(z + (<usize>j << 2), e);
    sum += e;
  }
  const inv = f32x4.splat(1 / sum);
  j = 0;
  for (; j < n4; j += 4) v128.store(z + (<usize>j << 2), f32x4.mul(v128.load(z + (<usize>j << 2)), inv));
  const invs: f32 = 1 / sum;
  for (; j < n; j++) store<f32>(z + (<usize>j << 2), load<f32>(z + (<usize>j << 2)) * invs);
}

// One head of one row: z holds logits; on exit dL/dz for the loss w * -log(p[target] + eps)
// (the stock loss, models/lstm/loss.ts); returns that loss.
@inline function headXent(z: usize, n: i32, target: i32, w: f32, eps: f32): f64 {
  softmaxInPlace(z, n);
  const pt = load<f32>(z + (<usize>target << 2));
  // d/dz_j of -log(p_t + eps) = (p_t / (p_t + eps)) (p_j - [j == t])
  const g: f32 = (w * pt) / (pt + eps);
  const gv = f32x4.splat(g);
  let j = 0;
  for (; j < (n & ~3); j += 4) v128.store(z + (<usize>j << 2), f32x4.mul(v128.load(z + (<usize>j << 2)), gv));
  for (; j < n; j++) store<f32>(z + (<usize>j << 2), load<f32>(z + (<usize>j << 2)) * g);
  store<f32>(z + (<usize>target << 2), load<f32>(z + (<usize>target << 2)) - g);
  return -Math.log(<f64>pt + <f64>eps);
}

/** Both heads' masked cross-entropy over R rows. logits [R, P + D] (pitch then duration logits)
 *  become dLoss/dlogits, with every row weighted by mask[r] * scale (scale = 1 / sum(mask) for a
 *  mean); rows with mask 0 get a zero gradient. The sum of mask[r] * CE(r) goes to out (f64). */
export function softmaxXent(R: i32, P: i32, D: i32, logits: usize, pitch: usize, dur: usize, mask: usize, scale: f32, eps: f32, out: usize): void {
  const N = P + D;
  let total: f64 = 0;
  for (let r = 0; r < R; r++) {
    const z = logits + (<usize>r * <usize>N << 2);
    const m = load<f32>(mask + (<usize>r << 2));
    if (m == 0) {
      memory.fill(z, 0, <usize>N << 2);
      continue;
    }
    const w = m * scale;
    const ce = headXent(z, P, load<i32>(pitch + (<usize>r << 2)), w, eps) + headXent(z + (<usize>P << 2), D, load<i32>(dur + (<usize>r << 2)), w, eps);
    total += <f64>m * ce;
  }
  store<f64>(out, total);
}

/** dst[i] += src[i]. */
export function addInto(n: i32, dst: usize, src: usize): void {
  let i = 0;
  for (; i < (n & ~3); i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(dst + (<usize>i << 2)) + load<f32>(src + (<usize>i << 2)));
}

/** y[i] += alpha x[i] (the L2 penalty's gradient). */
export function axpy(n: i32, alpha: f32, x: usize, y: usize): void {
  for (let i = 0; i < n; i++) store<f32>(y + (<usize>i << 2), load<f32>(y + (<usize>i << 2)) + alpha * load<f32>(x + (<usize>i << 2)));
}

/** Sum of squares of n floats, accumulated in f64. */
export function sumSquares(n: i32, a: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(a + (<usize>i << 2));
    s += v * v;
  }
  return s;
}

/** Adam, as tf.train.adam does it, on n parameters with gradient g scaled by `scale` first (the
 *  clip): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= lr (m / c1) / (sqrt(v / c2) + eps)
 *  with c1 = 1 - b1^t, c2 = 1 - b2^t. */
export function adam(n: i32, p: usize, g: usize, m: usize, v: usize, scale: f32, lr: f32, b1: f32, b2: f32, eps: f32, c1: f32, c2: f32): void {
  const sv = f32x4.splat(scale), b1v = f32x4.splat(b1), b2v = f32x4.splat(b2);
  const a1 = f32x4.splat(1 - b1), a2 = f32x4.splat(1 - b2);
  const c1v = f32x4.splat(c1), c2v = f32x4.splat(c2), ev = f32x4.splat(eps), lrv = f32x4.splat(lr);
  let i = 0;
  for (; i < (n & ~3); i += 4) {
    const o = <usize>i << 2;
    const gi = f32x4.mul(v128.load(g + o), sv);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), b1v), f32x4.mul(gi, a1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), b2v), f32x4.mul(f32x4.mul(gi, gi), a2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.div(mi, c1v), f32x4.add(f32x4.sqrt(f32x4.div(vi, c2v)), ev));
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.mul(step, lrv)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o) * scale;
    const mi = load<f32>(m + o) * b1 + gi * (1 - b1);
    const vi = load<f32>(v + o) * b2 + gi * gi * (1 - b2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(p + o, load<f32>(p + o) - (mi / c1 / (Mathf.sqrt(vi / c2) + eps)) * lr);
  }
}
