// The wasm backend's BatchMatMul replaced, for transposed single (non-batched) float32 products
// of useful size, by our packed SIMD GEMM (rows split across threads). With FastLSTM doing the recurrence,
// the rest of a training step is mostly the softmax heads' gradients (dW = H^T dY, dH = dY W^T),
// which the stock kernel runs at ~1 GFLOP/s. Everything else goes to the original kernel.
import * as tf from '@tensorflow/tfjs';
import { kernels, type KernelCall } from './kernels';

const MIN_WORK = 16 * 16 * 16; // smaller products: the copies cost more than they save
const BACKEND = 'wasm';

interface WasmBackendLike {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

let original: tf.KernelConfig | null = null;

function fastBatchMatMul(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const { inputs, attrs } = args;
  const a = inputs.a as tf.TensorInfo;
  const b = inputs.b as tf.TensorInfo;
  const transposeA = Boolean(attrs?.transposeA);
  const transposeB = Boolean(attrs?.transposeB);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const outer = (s: number[]) => s.slice(0, -2).reduce((p, v) => p * v, 1);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || ra < 2 || rb < 2 || outer(a.shape) !== 1 || outer(b.shape) !== 1) {
    return original!.kernelFunc(args);
  }
  const M = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const Kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const N = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  // Plain products already run well in the stock kernel (XNNPACK); transposed ones do not.
  if (K !== Kb || M * N * K < MIN_WORK || (!transposeA && !transposeB)) return original!.kernelFunc(args);

  const backend = args.backend as unknown as WasmBackendLike;
  const k = kernels();
  const n8 = Math.ceil(N / 8) * 8;
  const bytes = (n: number) => Math.ceil(n / 16) * 64;
  const base = k.alloc(bytes(M * K) * 2 + bytes(K * N) + bytes(K * n8) + bytes(M * N));
  try {
    const pA = base;
    const pAT = pA + bytes(M * K);
    const pB = pAT + bytes(M * K);
    const pBp = pB + bytes(K * N);
    const pC = pBp + bytes(K * n8);
    k.f32(pA, M * K).set(backend.typedArrayFromHeap(a));
    k.f32(pB, K * N).set(backend.typedArrayFromHeap(b));
    k.f32(pC, M * N).fill(0);
    const prep: KernelCall[] = [transposeB ? ['packBT', K, N, pB, K, pBp] : ['packB', K, N, pB, N, pBp]];
    // A stored [K, M] when transposed: make it row-major [M, K].
    if (transposeA) prep.push(['transpose', K, M, pA, M, pAT, K]);
    k.run(prep);
    const pa = transposeA ? pAT : pA;
    const parts = Math.max(1, Math.min(k.threads, Math.floor(M / 32)));
    const calls: KernelCall[][] = [];
    for (let i = 0; i < parts; i++) {
      const r0 = Math.floor((M * i) / parts / 4) * 4;
      const r1 = i === parts - 1 ? M : Math.floor((M * (i + 1)) / parts / 4) * 4;
      calls.push([['gemm', r1 - r0, N, K, pa + r0 * K * 4, K, pBp, pC + r0 * N * 4, N]]);
    }
    k.runParallel(calls);
    const outShape = [...(ra >= rb ? a.shape : b.shape).slice(0, -2), M, N];
    const out = backend.makeOutput(outShape, 'float32');
    backend.typedArrayFromHeap(out).set(k.f32(pC, M * N));
    return out;
  } finally {
    k.release(base);
  }
}

/** Routes the wasm backend's BatchMatMul through fastBatchMatMul (idempotent). False when the
 *  wasm backend is not registered. */
export function installFastMatMul(): boolean {
  if (original) return true;
  let config: tf.KernelConfig;
  try {
    config = tf.getKernel('BatchMatMul', BACKEND);
  } catch {
    return false;
  }
  if (!config) return false;
  original = config;
  tf.unregisterKernel('BatchMatMul', BACKEND);
  tf.registerKernel({ ...config, setupFunc: undefined, kernelFunc: fastBatchMatMul as unknown as tf.KernelFunc });
  return true;
}

/** Puts the backend's own BatchMatMul back (benchmarks compare both). */
export function uninstallFastMatMul(): void {
  if (!original) return;
  tf.unregisterKernel('BatchMatMul', BACKEND);
  tf.registerKernel(original);
  original = null;
}

export function fastMatMulInstalled(): boolean {
  return original !== null;
}
