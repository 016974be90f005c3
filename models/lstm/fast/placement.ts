// Which parts of an LSTM training step run where, per backend, decided by measurement
// (bench/native-lstm.bench.ts prints the options in one run, interleaved):
// - the whole step on LickLab's wasm kernels (plain WebAssembly, usable from any backend): the
//   recurrence, gates, heads, loss, BPTT and Adam. tfjs-node runs tf.layers.lstm as dozens of small
//   ops per time step (~30 us each), 5-8x slower than one fused kernel call per step, and the heads,
//   loss and Adam as ~270 small ops per step;
// - on tfjs-node, the all-rows weight products of BPTT (Hprev^T dZ, X^T dZ, dZ W^T) on TensorFlow's
//   GEMM (train-step-native.ts) from NATIVE_PRODUCT_MIN_GFLOP per product up: AVX-512 against the
//   kernels' 128-bit SIMD. Interleaved on 2 AVX-512 cores, products on TensorFlow against on the
//   kernels: 1.23-1.37x for 2 x 256 (batch 16-64), 1.13-1.25x for 1 x 128 and 1 x 256 at 0.5
//   GFLOP, 1.02-1.12x for 2 x 128 at batch 32 (0.27 GFLOP: about break-even), 0.97-1.02x for the
//   default preset (1 x 128, batch 16, window 48: 0.1 GFLOP, where the copies and an extra hand-over
//   to the helper threads cost what TensorFlow saves), which keeps them on the kernels. Measured on
//   this one kind of machine: with another CPU (AVX2 only, more cores) the break-even may move;
// - sampling on the wasm stepper (no tensors; one event at a time is a few small products).
// LICKLAB_FAST_LSTM=0 turns the kernels off (stock tf.layers.lstm everywhere), LICKLAB_FAST_STEP=0
// only the whole-step path (heads, loss and Adam back on tfjs, FastLSTM layers with every product on
// the kernels), and LICKLAB_LSTM_PRODUCTS=native|wasm puts the whole step's products on one side
// whatever their size.
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

/** Whether train.ts runs the whole training step on the kernels (train-step.ts), on every backend:
 *  with the fast LSTM on, unless LICKLAB_FAST_STEP=0. The backend then runs the dev passes and holds
 *  the model, whose weights the step writes back. */
export function fastStepEnabled(): boolean {
  return fastLstmEnabled() && process.env.LICKLAB_FAST_STEP !== '0';
}

/** The smallest all-rows product (rows x units x 4 units multiply-adds, 2 FLOP each) the whole step
 *  gives to TensorFlow on tfjs-node: about where the two sides break even here (2 x 128 at batch 32
 *  x window 64, 0.27 GFLOP: 1.02-1.12x on TensorFlow; the default preset, 0.10: 0.97-1.02x). */
export const NATIVE_PRODUCT_MIN_GFLOP = 0.2;

/** GFLOP of one all-rows product of an LSTM of `units` over `rows` events (B * T). */
export function productGflop(rows: number, units: number): number {
  return (2 * rows * units * 4 * units) / 1e9;
}

/** Where the whole step's all-rows weight products (train-step-native.ts) run for a batch of
 *  `rows` events of an LSTM of `units` on `backend`: LICKLAB_LSTM_PRODUCTS=native|wasm when set,
 *  else on TensorFlow on tfjs-node from NATIVE_PRODUCT_MIN_GFLOP up, else on the kernels. */
export function stepProductsOn(rows: number, units: number, backend: string = tf.getBackend()): ProductsOn {
  if (backend !== 'tensorflow') return 'wasm';
  const forced = process.env.LICKLAB_LSTM_PRODUCTS;
  if (forced === 'native' || forced === 'wasm') return forced;
  return productGflop(rows, units) >= NATIVE_PRODUCT_MIN_GFLOP ? 'native' : 'wasm';
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
  const rest: PlacementPart = fastStepEnabled()
    ? {
        part: 'output heads, loss, optimizer',
        runsOn: `LickLab's WebAssembly SIMD kernels (${defaultThreads()} threads at most), the whole training step`,
        why: 'as tfjs ops they were ~270 small ops per step, slower than their arithmetic and unable to use a second core',
      }
    : {
        part: 'output heads, loss, optimizer',
        runsOn: tfName,
        why: native ? 'LICKLAB_FAST_STEP=0 keeps them on TensorFlow' : 'the fastest backend that loads here',
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
  return [
    {
      part: 'LSTM recurrence (per time step)',
      runsOn: kernels,
      why: native
        ? 'one fused kernel call per step; tfjs-node runs the stock LSTM as dozens of small ops per step (~30 us each), measured 5-8x slower'
        : 'one fused kernel call per step with a hand-written backward pass; the stock tf.layers.lstm measured many times slower (npm run bench)',
    },
    productsPart(native, kernels),
    rest,
    sampling,
  ];
}

/** Where BPTT's all-rows weight products run, and why. */
function productsPart(native: boolean, kernels: string): PlacementPart {
  const part = 'LSTM weight products (all steps at once)';
  const forced = process.env.LICKLAB_LSTM_PRODUCTS;
  const onTf = 'native TensorFlow (tfjs-node)';
  if (!native) return { part, runsOn: kernels, why: 'packed SIMD GEMM; no native TensorFlow here' };
  if (!fastStepEnabled())
    return { part, runsOn: kernels, why: 'LICKLAB_FAST_STEP=0: the FastLSTM layers run their products on the kernels' };
  if (forced === 'native' || forced === 'wasm')
    return { part, runsOn: forced === 'native' ? onTf : kernels, why: `LICKLAB_LSTM_PRODUCTS=${forced} puts them there at every size` };
  return {
    part,
    runsOn: `${onTf} for products of ${NATIVE_PRODUCT_MIN_GFLOP} GFLOP and more, else ${kernels}`,
    why: "a product is batch x window x 8 x units^2 FLOP (2 x 256 at batch 32: 1.1, on TensorFlow; the default preset: 0.1, on the kernels); TensorFlow's GEMM (wider SIMD than wasm's 128 bits) measured 1.1-1.4x faster per training step from 0.5 GFLOP up on 2 AVX-512 cores, copies in and out of wasm memory included, and about even from 0.2 to 0.3; below that they cost what it saves (npm run bench native; other CPUs may break even elsewhere)",
  };
}

/** One line for logs: where the LSTM runs on `backend`. */
export function describeLstmPlacement(backend: string): string {
  const [lstm, products] = describePlacement(backend);
  if (!fastLstmEnabled()) return `LSTM: ${lstm.runsOn} (fast path turned off by LICKLAB_FAST_LSTM=0)`;
  if (backend !== 'tensorflow')
    return `LSTM: fast path (${lstm.runsOn})${fastStepEnabled() ? '; heads, loss and Adam on the same kernels' : ''}`;
  if (fastStepEnabled())
    return (
      `LSTM: fast path (${lstm.runsOn}); heads, loss and Adam on the same kernels; ` +
      `BPTT's weight products on ${products.runsOn}; dev passes on native TensorFlow`
    );
  if (products.runsOn === lstm.runsOn) return `LSTM: ${lstm.runsOn}; heads, loss and optimizer on native TensorFlow`;
  return `LSTM: recurrence on ${lstm.runsOn}, weight products on ${products.runsOn}`;
}
