// Shared SIMD helpers of the kernels (lstm-kernels.ts, stepper-kernels.ts, train-kernels.ts): f32x4 exp,
// sigmoid and tanh, and one lane of a pair of vectors. Inlined where used; not wasm exports.

@inline export function lane(x0: v128, x1: v128, j: i32): f32 {
  switch (j) {
    case 0: return f32x4.extract_lane(x0, 0);
    case 1: return f32x4.extract_lane(x0, 1);
    case 2: return f32x4.extract_lane(x0, 2);
    case 3: return f32x4.extract_lane(x0, 3);
    case 4: return f32x4.extract_lane(x1, 0);
    case 5: return f32x4.extract_lane(x1, 1);
    case 6: return f32x4.extract_lane(x1, 2);
    default: return f32x4.extract_lane(x1, 3);
  }
}


@inline export function sigmoid(x: f32): f32 {
  return 1.0 / (1.0 + Mathf.exp(-x));
}

// exp on 4 lanes (Cephes expf: range reduction by ln 2, degree-5 polynomial; ~1 ulp on [-88, 88]).
@inline export function expv(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const fx = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(0.5)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(y, x), x), x), f32x4.splat(1));
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2);
}

@inline export function sigmoidv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

// tanh(x) = 2 sigmoid(2x) - 1 (absolute error ~1e-7 near 0, where tanh(x) ~ x).
@inline export function tanhv(x: v128): v128 {
  return f32x4.sub(f32x4.div(f32x4.splat(2), f32x4.add(f32x4.splat(1), expv(f32x4.mul(x, f32x4.splat(-2))))), f32x4.splat(1));
}
