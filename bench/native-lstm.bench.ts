// With tfjs-node present: the native backend's training paths against the wasm fast path, in one
// process, interleaved step by step (each round runs one step of every path in turn, so load from
// other processes on a shared machine hits them alike): native stock tf.layers.lstm, the chosen
// native path (the whole training step on LickLab's wasm kernels, BPTT's all-rows weight products
// where placement.ts's size rule puts them: TensorFlow or the kernels), the same step with the
// products on the other side, and the wasm backend's fast path.
// The two paths compared run back to back after the other two and swap places every round (ABBA): a
// step that follows TensorFlow's heavy ops runs ~3% slower (its threads still hold the cores), and
// with a fixed order that bias went to whichever path came first. "vs wasm" = the median over
// rounds of wasm ms / chosen ms (>= 1.0: the chosen native path is at least as fast), with the
// quartiles of those per-round ratios. Where the size rule keeps the products on the kernels (the
// default preset) the chosen path runs the wasm fast path's own code, so its ratio is 1.0 plus noise.
// BENCH_NATIVE_ROUNDS sets the rounds (default 48 for the default preset, 8 for 2 x 256).
import * as tf from '@tensorflow/tfjs';
import { activateBackend } from '../models/lstm/backend';
import { describeLstmPlacement } from '../models/lstm/fast';
import { stepProductsOn } from '../models/lstm/fast/placement';
import { kernels } from '../models/lstm/fast/kernels';
import { StepRunner, benchShapes, median, printTable, quantile, type Shape } from './lstm-step';

const ROUNDS = process.env.BENCH_NATIVE_ROUNDS ? Math.max(1, Number(process.env.BENCH_NATIVE_ROUNDS)) : undefined;

interface Path {
  label: string;
  backend: 'tensorflow' | 'wasm';
  fast: boolean;
  products?: 'native' | 'wasm';
}

/** The paths for one shape: native stock, the chosen native path (the whole step on the kernels,
 *  its all-rows products where stepProductsOn puts them for this shape), the same step with the
 *  products on the other side, and the wasm fast path. */
function pathsFor(s: Shape): Path[] {
  const chosen = stepProductsOn(s.batchSize * s.window, s.units, 'tensorflow');
  const other = chosen === 'native' ? 'wasm' : 'native';
  const on = (p: 'native' | 'wasm') => (p === 'native' ? 'on TF' : 'on kernels');
  return [
    { label: 'native stock', backend: 'tensorflow', fast: false },
    { label: `native chosen (products ${on(chosen)})`, backend: 'tensorflow', fast: true, products: chosen },
    { label: `native, products ${on(other)}`, backend: 'tensorflow', fast: true, products: other },
    { label: 'wasm fast', backend: 'wasm', fast: true },
  ];
}

async function use(p: Path): Promise<void> {
  await tf.setBackend(p.backend);
  if (p.products) process.env.LICKLAB_LSTM_PRODUCTS = p.products;
  else delete process.env.LICKLAB_LSTM_PRODUCTS;
}

/** Median ms per step of every path, one step of each per round, and the median over rounds of
 *  the wasm / chosen ratio with its quartiles. Order per round: stock, the products on the other
 *  side, then chosen and wasm fast, whose places swap every round. */
async function measure(s: Shape, PATHS: Path[], rounds: number): Promise<{ medians: number[]; ratio: number; q1: number; q3: number }> {
  const runners: StepRunner[] = [];
  for (const p of PATHS) {
    await use(p);
    runners.push(new StepRunner(s, p.fast));
    await runners[runners.length - 1].step(); // warm-up: kernels, caches, first Adam slots
  }
  const times: number[][] = PATHS.map(() => []);
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 === 0 ? [0, 2, 1, 3] : [0, 2, 3, 1]) {
      await use(PATHS[i]);
      times[i].push(await runners[i].step());
    }
    ratios.push(times[3][r] / times[1][r]);
  }
  for (const [i, p] of PATHS.entries()) {
    await use(p);
    runners[i].dispose();
  }
  delete process.env.LICKLAB_LSTM_PRODUCTS;
  return { medians: times.map(median), ratio: median(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75) };
}

export default async function main(): Promise<void> {
  const before = tf.getBackend();
  // The size rule decides the chosen path here; the bench sets the products' side per path itself.
  const forced = process.env.LICKLAB_LSTM_PRODUCTS;
  delete process.env.LICKLAB_LSTM_PRODUCTS;
  try {
    await compare();
  } finally {
    if (forced !== undefined) process.env.LICKLAB_LSTM_PRODUCTS = forced;
    if (before) await tf.setBackend(before);
  }
}

async function compare(): Promise<void> {
  const nativeProblem = await activateBackend('tensorflow');
  if (nativeProblem) {
    console.log(`native: skipped, ${nativeProblem}`);
    return;
  }
  const wasmProblem = await activateBackend('wasm');
  if (wasmProblem) {
    console.log(`native: skipped, no wasm backend to compare with (${wasmProblem})`);
    return;
  }
  kernels().startHelpers();
  console.log(
    `tfjs ${tf.version.tfjs} on tfjs-node, TF_ENABLE_ONEDNN_OPTS=${process.env.TF_ENABLE_ONEDNN_OPTS}; ` +
      `chosen native path: ${describeLstmPlacement('tensorflow')} (${kernels().threads} kernel threads); ` +
      'median ms per training step, paths interleaved step by step',
  );
  const rows = [
    [
      'shape',
      'native stock ms',
      'chosen ms',
      'products moved ms',
      'wasm fast ms',
      'chosen products',
      'chosen vs wasm (quartiles)',
      'chosen vs stock',
    ],
  ];
  for (const s of benchShapes(false)) {
    const paths = pathsFor(s);
    const [, chosenPath, altPath] = paths;
    const rounds = ROUNDS ?? (s.units * s.layers >= 512 ? 8 : 48);
    const {
      medians: [stock, chosen, alt, wasm],
      ratio,
      q1,
      q3,
    } = await measure(s, paths, rounds);
    rows.push([
      s.name,
      stock.toFixed(1),
      chosen.toFixed(1),
      alt.toFixed(1),
      wasm.toFixed(1),
      chosenPath.products === 'native' ? 'TensorFlow' : 'kernels',
      `${ratio.toFixed(2)}x (${q1.toFixed(2)}-${q3.toFixed(2)})`,
      `${(stock / chosen).toFixed(1)}x`,
    ]);
    console.log(
      `  ${s.name} (${rounds} rounds): chosen ${chosen.toFixed(1)} ms, wasm fast ${wasm.toFixed(1)} ms (ratio ${ratio.toFixed(2)}, median of the rounds' pairs, quartiles ${q1.toFixed(2)}-${q3.toFixed(2)}${
        chosenPath.products === 'wasm' ? "; the chosen path is the wasm fast path's own code at this size" : ''
      }), native stock ${stock.toFixed(1)} ms; ${chosenPath.label}, against ${altPath.label} ${alt.toFixed(1)} ms`,
    );
  }
  printTable(rows);
}
