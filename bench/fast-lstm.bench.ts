// The fast LSTM path (models/lstm/fast) against tf.layers.lstm on the wasm backend, same run,
// same model (LickLab's network: LSTM stack + two softmax heads, masked CE), same batch of real
// one-hot encodings through the trainer's batching (bench/lstm-step.ts). Effective GFLOP/s counts
// 3 x the LSTM forward, forward per step per layer = 2 * batch * (in + u) * 4u with in = INPUT_SIZE
// (dense) for the first layer, as if the one-hot input were a dense product. Shapes: the `default`
// and `coursera` presets, and 2 x 256 (window 64, batch 64). Notes/s = events trained per second
// on the faster fast column. BENCH_FAST_RUNS / BENCH_STOCK_RUNS set the timed steps; BENCH_BIG=0
// skips 2 x 256. The speed-up is stock / the faster of the two fast columns. The machine may be
// shared: the thread columns alternate step by step, and a busy machine shows up as 2 threads
// gaining little. With tfjs-node present, native-lstm.bench.ts compares the native paths.
import { describeBackend, initBackend } from '../models/lstm/backend';
import { uninstallFastMatMul } from '../models/lstm/fast';
import { kernels } from '../models/lstm/fast/kernels';
import { StepRunner, benchShapes, gflopPerBatch, median, printTable, type Shape } from './lstm-step';

const FAST_RUNS = Number(process.env.BENCH_FAST_RUNS ?? 7);
const STOCK_RUNS = Number(process.env.BENCH_STOCK_RUNS ?? 3);

/** Median ms of one training step (after one untimed warm-up step) for each thread count; the
 *  thread counts alternate step by step so load from other processes hits them alike. The stock
 *  model (fast = false) ignores the thread count. */
async function stepMs(s: Shape, fast: boolean, runs: number, threadCounts: number[]): Promise<number[]> {
  const runner = new StepRunner(s, fast);
  if (!fast) uninstallFastMatMul(); // the stock baseline runs on the backend's own kernels
  const k = kernels();
  const saved = k.threads;
  const times: number[][] = threadCounts.map(() => []);
  for (let i = 0; i <= runs; i++) {
    for (const [c, threads] of threadCounts.entries()) {
      k.threads = threads;
      const ms = await runner.step();
      if (i > 0) times[c].push(ms);
    }
  }
  k.threads = saved;
  runner.dispose();
  return times.map(median);
}

export default async function main(): Promise<void> {
  const info = await initBackend('wasm');
  console.log(`backend: ${describeBackend(info)}; step = forward + backward + Adam update, median ms per batch`);
  if (info.name !== 'wasm') console.log('(the wasm backend did not start; numbers are for the backend above)');
  const k = kernels();
  const threads = k.threads;
  k.startHelpers();
  const rows: string[][] = [
    [
      'shape',
      'window',
      'batch',
      'tf.layers.lstm ms',
      'GFLOP/s',
      'fast 1 thr ms',
      'GFLOP/s',
      `fast ${threads} thr ms`,
      'GFLOP/s',
      'fast notes/s',
      'speed-up',
    ],
  ];
  for (const s of benchShapes(true)) {
    const gf = gflopPerBatch(s);
    const [fast1, fastN] = await stepMs(s, true, FAST_RUNS, [1, threads]);
    const [stock] = await stepMs(s, false, STOCK_RUNS, [1]);
    const best = Math.min(fast1, fastN);
    rows.push([
      s.name,
      String(s.window),
      String(s.batchSize),
      stock.toFixed(0),
      (gf / (stock / 1000)).toFixed(2),
      fast1.toFixed(1),
      (gf / (fast1 / 1000)).toFixed(1),
      fastN.toFixed(1),
      (gf / (fastN / 1000)).toFixed(1),
      String(Math.round((s.batchSize * s.window) / (best / 1000))),
      `${(stock / best).toFixed(1)}x`,
    ]);
    console.log(
      `  ${s.name}: stock ${stock.toFixed(0)} ms, fast ${fast1.toFixed(1)} ms (1 thread) / ${fastN.toFixed(1)} ms (${threads} threads), ${gf.toFixed(2)} GFLOP per step`,
    );
  }
  printTable(rows);
}
