// The fast LSTM path (models/lstm/fast) against tf.layers.lstm on the wasm backend, same run,
// same model (LickLab's network: LSTM stack + two softmax heads, masked CE), same batch of real
// one-hot encodings through the trainer's batching. Timed: one training step = forward +
// backward + Adam update of every weight (heads included), median of several. Effective GFLOP/s
// counts 3 x the LSTM forward, forward per step per layer = 2 * batch * (in + u) * 4u with
// in = INPUT_SIZE (dense) for the first layer, as if the one-hot input were a dense product.
// Shapes: the `default` and `coursera` presets, and 2 x 256 (window 64, batch 64) as in issue 8.
// Notes/s = events trained per second on the faster fast column. BENCH_FAST_RUNS / BENCH_STOCK_RUNS set the timed steps; BENCH_BIG=0 skips 2 x 256.
// The speed-up is stock / the faster of the two fast columns. The machine may be shared: the
// thread columns alternate step by step, and a busy machine shows up as 2 threads gaining little.
import * as tf from '@tensorflow/tfjs';
import { describeBackend, initBackend } from '../models/lstm/backend';
import { makeBatch, makeWindows, prepareTune } from '../models/lstm/batching';
import { uninstallFastMatMul, withFastLstm } from '../models/lstm/fast';
import { kernels } from '../models/lstm/fast/kernels';
import { PRESETS } from '../models/lstm/hyperparameters';
import { batchLoss, disposeBatch, toTensors } from '../models/lstm/loss';
import { buildModel } from '../models/lstm/network';
import { seededRandom } from '../models/lstm/split';
import { INPUT_SIZE, type EncodedTune } from '../models/music/vocabulary';

interface Shape { name: string; units: number; layers: number; window: number; batchSize: number }

const FAST_RUNS = Number(process.env.BENCH_FAST_RUNS ?? 7);
const STOCK_RUNS = Number(process.env.BENCH_STOCK_RUNS ?? 3);

function syntheticTunes(rows: number, window: number): EncodedTune[] {
  const rand = seededRandom(1);
  const masks = [0b10010001001, 0b10010010001, 0b100010010001];
  return Array.from({ length: rows }, (_, i) => ({
    id: `t${i}`, source: `t${i}`,
    events: Array.from({ length: window }, (_, k) => ({
      pitch: Math.floor(rand() * 74), dur: Math.floor(rand() * 17), root: Math.floor(rand() * 12),
      chordMask: masks[k % 3], beat: k % 4, sub: [0, 3, 6, 8][Math.floor(rand() * 4)],
    })),
  }));
}

function gflopPerBatch(s: Shape): number {
  let forward = 0;
  for (let l = 0; l < s.layers; l++) forward += 2 * s.batchSize * ((l === 0 ? INPUT_SIZE : s.units) + s.units) * 4 * s.units * s.window;
  return (3 * forward) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ms of one training step (after one untimed warm-up step) for each thread count; the
 *  thread counts alternate step by step so load from other processes hits them alike. The stock
 *  model (fast = false) ignores the thread count. */
async function stepMs(s: Shape, fast: boolean, runs: number, threadCounts: number[]): Promise<number[]> {
  const stock = buildModel({ units: s.units, layers: s.layers, dropout: 0 }, 1, { stockLstm: true });
  const model = fast ? withFastLstm(stock) : stock;
  if (!fast) uninstallFastMatMul(); // the stock baseline runs on the backend's own kernels
  const opt = tf.train.adam(0.01);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const prep = syntheticTunes(s.batchSize, s.window).map(prepareTune);
  const batch = makeBatch(prep, makeWindows(prep, s.window), s.window);
  const k = kernels();
  const saved = k.threads;
  const times: number[][] = threadCounts.map(() => []);
  for (let i = 0; i <= runs; i++) {
    for (const [c, threads] of threadCounts.entries()) {
      k.threads = threads;
      const t0 = performance.now();
      const t = toTensors(batch);
      const cost = opt.minimize(() => batchLoss(model, t, true), true, vars)!;
      await cost.data();
      cost.dispose();
      disposeBatch(t);
      if (i > 0) times[c].push(performance.now() - t0);
    }
  }
  k.threads = saved;
  opt.dispose();
  model.dispose();
  if (model !== stock) stock.dispose();
  return times.map(median);
}

export default async function main(): Promise<void> {
  const info = await initBackend('wasm');
  console.log(`backend: ${describeBackend(info)}; step = forward + backward + Adam update, median ms per batch`);
  if (info.name !== 'wasm') console.log('(the wasm backend did not start; numbers are for the backend above)');
  const d = PRESETS.default;
  const c = PRESETS.coursera;
  const shapes: Shape[] = [
    { name: `default preset ${d.layers}x${d.units}`, units: d.units, layers: d.layers, window: d.window, batchSize: d.batchSize },
    ...(process.env.BENCH_BIG === '0' ? [] : [{ name: 'issue 2x256', units: 256, layers: 2, window: 64, batchSize: 64 }]),
    { name: `coursera preset ${c.layers}x${c.units}`, units: c.units, layers: c.layers, window: c.window, batchSize: c.batchSize },
  ];
  const k = kernels();
  const threads = k.threads;
  k.startHelpers();
  const rows: string[][] = [['shape', 'window', 'batch', 'tf.layers.lstm ms', 'GFLOP/s', 'fast 1 thr ms', 'GFLOP/s', `fast ${threads} thr ms`, 'GFLOP/s', 'fast notes/s', 'speed-up']];
  for (const s of shapes) {
    const gf = gflopPerBatch(s);
    const [fast1, fastN] = await stepMs(s, true, FAST_RUNS, [1, threads]);
    const [stock] = await stepMs(s, false, STOCK_RUNS, [1]);
    const best = Math.min(fast1, fastN);
    rows.push([s.name, String(s.window), String(s.batchSize), stock.toFixed(0), (gf / (stock / 1000)).toFixed(2), fast1.toFixed(1), (gf / (fast1 / 1000)).toFixed(1), fastN.toFixed(1), (gf / (fastN / 1000)).toFixed(1), String(Math.round((s.batchSize * s.window) / (best / 1000))), `${(stock / best).toFixed(1)}x`]);
    console.log(`  ${s.name}: stock ${stock.toFixed(0)} ms, fast ${fast1.toFixed(1)} ms (1 thread) / ${fastN.toFixed(1)} ms (${threads} threads), ${gf.toFixed(2)} GFLOP per step`);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c])).join('  '));
}
