// What the LSTM benchmarks share: the shapes, a synthetic batch through the trainer's own batching,
// and one timed training step (forward + backward + Adam update of every weight, heads included)
// of LickLab's network, stock tf.layers.lstm or the fast path, on whichever backend is active. The
// fast path is what train.ts runs there: the whole step in wasm (models/lstm/fast/train-step.ts; on
// tfjs-node with BPTT's big weight products on TensorFlow where placement.ts says so), or with
// LICKLAB_FAST_STEP=0 FastLSTM layers with heads, loss and Adam as tfjs ops.
import * as tf from '@tensorflow/tfjs';
import { makeBatch, makeWindows, prepareTune, type Batch } from '../models/lstm/batching';
import { fastStepEnabled, withFastLstm } from '../models/lstm/fast';
import { FastTrainStep } from '../models/lstm/fast/train-step';
import { PRESETS } from '../models/lstm/hyperparameters';
import { batchLoss, disposeBatch, toTensors } from '../models/lstm/loss';
import { buildModel } from '../models/lstm/network';
import { seededRandom } from '../models/lstm/split';
import { INPUT_SIZE, type EncodedTune } from '../models/music/vocabulary';

export interface Shape {
  name: string;
  units: number;
  layers: number;
  window: number;
  batchSize: number;
}

/** The default preset, the 2 x 256 (window 64, batch 64) unless BENCH_BIG=0, and optionally the coursera preset. */
export function benchShapes(withCoursera: boolean): Shape[] {
  const d = PRESETS.default;
  const c = PRESETS.coursera;
  return [
    { name: `default preset ${d.layers}x${d.units}`, units: d.units, layers: d.layers, window: d.window, batchSize: d.batchSize },
    ...(process.env.BENCH_BIG === '0' ? [] : [{ name: '2x256 (window 64, batch 64)', units: 256, layers: 2, window: 64, batchSize: 64 }]),
    ...(withCoursera
      ? [{ name: `coursera preset ${c.layers}x${c.units}`, units: c.units, layers: c.layers, window: c.window, batchSize: c.batchSize }]
      : []),
  ];
}

export function syntheticTunes(rows: number, window: number): EncodedTune[] {
  const rand = seededRandom(1);
  const masks = [0b10010001001, 0b10010010001, 0b100010010001];
  return Array.from({ length: rows }, (_, i) => ({
    id: `t${i}`,
    source: `t${i}`,
    events: Array.from({ length: window }, (_, k) => ({
      pitch: Math.floor(rand() * 74),
      dur: Math.floor(rand() * 17),
      root: Math.floor(rand() * 12),
      chordMask: masks[k % 3],
      beat: k % 4,
      sub: [0, 3, 6, 8][Math.floor(rand() * 4)],
    })),
  }));
}

/** GFLOP of one step, counting 3 x the LSTM forward as if the one-hot input were a dense product. */
export function gflopPerBatch(s: Shape): number {
  let forward = 0;
  for (let l = 0; l < s.layers; l++) forward += 2 * s.batchSize * ((l === 0 ? INPUT_SIZE : s.units) + s.units) * 4 * s.units * s.window;
  return (3 * forward) / 1e9;
}

/** The q-quantile of xs, linearly interpolated between the sorted values (NaN for no values). */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/** Rows of cells, right-aligned in columns; the first row is the header. */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c])).join('  '));
}

/** LickLab's network of one shape with an Adam optimizer and one fixed batch, built on the backend
 *  active at construction; step() times one training step. */
export class StepRunner {
  private readonly stock: tf.LayersModel;
  private readonly model: tf.LayersModel;
  private readonly opt = tf.train.adam(0.01);
  private readonly vars: tf.Variable[];
  private readonly batch: Batch;
  private readonly fast: FastTrainStep | null = null;

  constructor(s: Shape, fast: boolean) {
    this.stock = buildModel({ units: s.units, layers: s.layers, dropout: 0 }, 1, { stockLstm: true });
    this.model = fast && !fastStepEnabled() ? withFastLstm(this.stock) : this.stock;
    this.vars = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    if (fast && fastStepEnabled()) {
      const step = FastTrainStep.forModel(this.model, { learningRate: 0.01, clipNorm: PRESETS.default.clipNorm, l2: 0 });
      if (typeof step === 'string') throw new Error(`the fast training step cannot run this network: ${step}`);
      this.fast = step;
    }
    const prep = syntheticTunes(s.batchSize, s.window).map(prepareTune);
    this.batch = makeBatch(prep, makeWindows(prep, s.window), s.window);
  }

  /** Milliseconds of one step (tensors made from the batch, loss read back). */
  async step(): Promise<number> {
    const t0 = performance.now();
    if (this.fast) {
      this.fast.step(this.batch);
      return performance.now() - t0;
    }
    const t = toTensors(this.batch);
    const cost = this.opt.minimize(() => batchLoss(this.model, t, true), true, this.vars)!;
    await cost.data();
    cost.dispose();
    disposeBatch(t);
    return performance.now() - t0;
  }

  /** Non-zero input units in the batch (what the one-hot gather really reads). */
  inputNonZeros(): number {
    let n = 0;
    for (const v of this.batch.x) if (v !== 0) n++;
    return n;
  }

  dispose(): void {
    this.fast?.dispose();
    this.opt.dispose();
    this.model.dispose();
    if (this.model !== this.stock) this.stock.dispose();
  }
}
