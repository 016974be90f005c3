// Which LSTM code trains and samples, beside the tfjs backend line: on wasm/cpu the fast path runs
// its own kernels on its own threads, so "wasm (1 thread)" alone would undersell it.
import type { BackendInfo } from '../models/lstm/backend';
import { defaultThreads } from '../models/lstm/fast/kernels';
import { describeLstmPlacement } from '../models/lstm/fast/placement';

export function describeLstmPath(backend: BackendInfo): string {
  if (backend.name === 'tensorflow') return describeLstmPlacement(backend.name);
  if (process.env.LICKLAB_FAST_LSTM === '0') return 'LSTM: stock tf.layers.lstm (fast path turned off by LICKLAB_FAST_LSTM=0)';
  const n = defaultThreads();
  return `LSTM: fast path (LickLab's WebAssembly SIMD kernels, ${n} thread${n === 1 ? '' : 's'})`;
}
