// Which parts of an LSTM training step run where, per backend, decided by measurement
// (bench/native-lstm.bench.ts prints every option in one run, interleaved):
// - the per-step recurrence always on LickLab's wasm kernels (plain WebAssembly, usable from any
//   backend): tfjs-node runs tf.layers.lstm as dozens of small ops per time step (~30 us each),
//   5-8x slower than one fused kernel call per step;
// - the all-steps products (X W, Hprev^T dZ, X^T dZ, dZ W^T) on the kernels' own GEMM too: as
//   TensorFlow matMuls (native-products.ts, LICKLAB_LSTM_PRODUCTS=native) they measured slower on
//   2 shared cores once dZ and Hprev are copied out of wasm memory and the results back (2 x 256:
//   453-828 ms per step against 377-681 ms on the kernels, same runs); a bare 2.1 GFLOP matMul
//   alone is faster on TensorFlow, so machines with more cores may differ: the bench shows both;
// - heads, loss and optimizer: without native TensorFlow on the kernels too (train-step.ts, the
//   whole step in wasm on both cores: the default preset's tfjs step was ~270 small tfjs ops, which
//   cost more than its arithmetic), on tfjs-node on TensorFlow (not measured against the kernels);
//   sampling on the wasm stepper (no tensors).
// LICKLAB_FAST_LSTM=0 turns the kernels off (stock tf.layers.lstm everywhere), LICKLAB_FAST_STEP=0
// only the whole-step path (heads, loss and Adam back on tfjs).
import * as tf from '@tensorflow/tfjs';
import { defaultThreads } from './kernels';

export type ProductsOn = 'native' | 'wasm';

export interface PlacementPart {
  part: string;
  runsOn: string;
  why: string;
}

/** Whether LSTM layers use the wasm kernels at all (LICKLAB_FAST_LSTM=0 turns them off). */
export function fastLstmEnabled(): boolean {
  return process.env.LICKLAB_FAST_LSTM !== '0';
}

/** Whether train.ts runs the whole training step on the kernels (train-step.ts) on `backend`:
 *  with the fast LSTM on, unless LICKLAB_FAST_STEP=0, and on native TensorFlow too unless
 *  LICKLAB_LSTM_PRODUCTS=native asks for TensorFlow's products. The whole step does every training
 *  op on the kernels (47-50x the stock layer here, where tfjs-node's heads, loss and Adam as ~270
 *  small ops per step left the native path at 0.9-1.2x the wasm path); the backend then runs the
 *  dev passes and holds the model, whose weights the step writes back. */
export function fastStepEnabled(backend: string = tf.getBackend()): boolean {
  return fastLstmEnabled() && process.env.LICKLAB_FAST_STEP !== '0' && lstmProductsOn(backend) === 'wasm';
}

/** Where the LSTM's all-steps products run on `backend` (default: the active one): the kernels'
 *  GEMM, unless LICKLAB_LSTM_PRODUCTS=native asks for TensorFlow matMuls on tfjs-node. */
export function lstmProductsOn(backend: string = tf.getBackend()): ProductsOn {
  return backend === 'tensorflow' && process.env.LICKLAB_LSTM_PRODUCTS === 'native' ? 'native' : 'wasm';
}

/** The parts of training and sampling and where each runs on `backend`, with the reason. */
export function describePlacement(backend: string): PlacementPart[] {
  const native = backend === 'tensorflow';
  const tfName = native
    ? 'native TensorFlow (tfjs-node)'
    : backend === 'wasm'
      ? 'the tfjs WebAssembly backend'
      : 'the tfjs plain-JS (cpu) backend';
  const sampling: PlacementPart = {
    part: 'sampling',
    runsOn: "LickLab's WebAssembly SIMD stepper (wasm-stepper.ts, one thread)",
    why: 'one event at a time is a few small products: any backend call would cost more than the arithmetic',
  };
  const rest: PlacementPart = fastStepEnabled(backend)
    ? {
        part: 'output heads, loss, optimizer',
        runsOn: `LickLab's WebAssembly SIMD kernels (${defaultThreads()} threads at most), the whole training step`,
        why: 'as tfjs ops they were ~270 small ops per step, slower than their arithmetic and unable to use a second core',
      }
    : {
        part: 'output heads, loss, optimizer',
        runsOn: tfName,
        why: native
          ? 'LICKLAB_FAST_STEP=0 or LICKLAB_LSTM_PRODUCTS=native keeps them on TensorFlow'
          : 'the fastest backend that loads here',
      };
  if (!fastLstmEnabled()) {
    return [
      { part: 'LSTM', runsOn: `stock tf.layers.lstm on ${tfName}`, why: 'the wasm kernels are turned off (LICKLAB_FAST_LSTM=0)' },
      rest,
      sampling,
    ];
  }
  const n = defaultThreads();
  const kernels = `LickLab's WebAssembly SIMD kernels (${n} thread${n === 1 ? '' : 's'})`;
  const products = lstmProductsOn(backend);
  return [
    {
      part: 'LSTM recurrence (per time step)',
      runsOn: kernels,
      why: native
        ? 'one fused kernel call per step; tfjs-node runs the stock LSTM as dozens of small ops per step (~30 us each), measured 5-8x slower'
        : 'one fused kernel call per step with a hand-written backward pass; the stock tf.layers.lstm measured many times slower (npm run bench)',
    },
    {
      part: 'LSTM weight products (all steps at once)',
      runsOn: products === 'native' ? 'native TensorFlow (tfjs-node)' : kernels,
      why:
        products === 'native'
          ? 'LICKLAB_LSTM_PRODUCTS=native asks for TensorFlow matMuls'
          : native
            ? 'as TensorFlow matMuls they measured slower here, counting the copies in and out of wasm memory (npm run bench native)'
            : 'packed SIMD GEMM; no native TensorFlow here',
    },
    rest,
    sampling,
  ];
}

/** One line for logs: where the LSTM runs on `backend`. */
export function describeLstmPlacement(backend: string): string {
  const [lstm, products] = describePlacement(backend);
  if (!fastLstmEnabled()) return `LSTM: ${lstm.runsOn} (fast path turned off by LICKLAB_FAST_LSTM=0)`;
  if (backend !== 'tensorflow')
    return `LSTM: fast path (${lstm.runsOn})${fastStepEnabled(backend) ? '; heads, loss and Adam on the same kernels' : ''}`;
  if (fastStepEnabled(backend))
    return `LSTM: fast path (${lstm.runsOn}); heads, loss and Adam on the same kernels; dev passes on native TensorFlow`;
  if (products.runsOn === lstm.runsOn) return `LSTM: ${lstm.runsOn}; heads, loss and optimizer on native TensorFlow`;
  return `LSTM: recurrence on ${lstm.runsOn}, weight products on ${products.runsOn}`;
}
