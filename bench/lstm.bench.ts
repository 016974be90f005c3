// LSTM training speed on the active backend, for the coursera and default shapes: ms per batch,
// notes (events) per second and effective GFLOP/s of LickLab's training step (custom masked loop,
// two heads), next to a plain `tf.layers.lstm` + softmax trained with trainOnBatch, same shape,
// same run. FLOPs counted as 3 x forward, forward per step per layer = 2 * batch * (in + u) * 4u.
// A faster LSTM path (a later issue) should beat the plain layer's ratio of ~1.
import * as tf from '@tensorflow/tfjs';
import { describeBackend, initBackend } from '../models/lstm/backend';
import { makeBatch, makeWindows, prepareTune } from '../models/lstm/batching';
import { PRESETS, type Hyperparameters } from '../models/lstm/hyperparameters';
import { batchLoss, disposeBatch, toTensors } from '../models/lstm/loss';
import { buildModel } from '../models/lstm/network';
import { seededRandom } from '../models/lstm/split';
import { INPUT_SIZE, PITCH_TOKENS, type EncodedTune } from '../models/music/vocabulary';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function syntheticTunes(rows: number, window: number): EncodedTune[] {
  const rand = seededRandom(1);
  return Array.from({ length: rows }, (_, i) => ({
    id: `t${i}`, source: `t${i}`,
    events: Array.from({ length: window }, (_, k) => ({ pitch: 1 + Math.floor(rand() * 73), dur: Math.floor(rand() * 17), root: k % 12, chordMask: 0b10010001001, beat: k % 4, sub: 0 })),
  }));
}

function flopsPerBatch(hp: Hyperparameters): number {
  let forward = 0;
  for (let l = 0; l < hp.layers; l++) {
    const input = l === 0 ? INPUT_SIZE : hp.units;
    forward += 2 * hp.batchSize * (input + hp.units) * 4 * hp.units * hp.window;
  }
  return 3 * forward;
}

async function timeIt(stepOnce: () => Promise<void>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await stepOnce();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await stepOnce();
  return (performance.now() - t0) / RUNS;
}

async function licklabStep(hp: Hyperparameters): Promise<number> {
  const model = buildModel(hp, 1);
  const opt = tf.train.adam(hp.learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const prep = syntheticTunes(hp.batchSize, hp.window).map(prepareTune);
  const batch = makeBatch(prep, makeWindows(prep, hp.window), hp.window);
  const ms = await timeIt(async () => {
    const t = toTensors(batch);
    const cost = opt.minimize(() => batchLoss(model, t, true), true, vars)!;
    await cost.data();
    cost.dispose();
    disposeBatch(t);
  });
  opt.dispose();
  model.dispose();
  return ms;
}

async function plainLayerStep(hp: Hyperparameters): Promise<number> {
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ inputShape: [hp.window, INPUT_SIZE], units: hp.units, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' }),
      ...Array.from({ length: hp.layers - 1 }, () => tf.layers.lstm({ units: hp.units, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' })),
      tf.layers.dense({ units: PITCH_TOKENS, activation: 'softmax' }),
    ],
  });
  const opt = tf.train.adam(hp.learningRate);
  model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([hp.batchSize, hp.window, INPUT_SIZE]);
  const y = tf.oneHot(tf.randomUniform([hp.batchSize, hp.window], 0, PITCH_TOKENS, 'int32') as tf.Tensor2D, PITCH_TOKENS);
  const ms = await timeIt(async () => {
    await model.trainOnBatch(x, y);
  });
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  return ms;
}

export default async function main(): Promise<void> {
  const info = await initBackend();
  console.log(`backend: ${describeBackend(info)}; ${RUNS} timed batches after ${WARMUP} warm-up`);
  console.log('shape                       | licklab ms/batch  notes/s  GFLOP/s | tf.layers.lstm ms/batch  GFLOP/s | ratio (plain/licklab)');
  for (const name of ['coursera', 'default'] as const) {
    const hp = PRESETS[name];
    const ours = await licklabStep(hp);
    const plain = await plainLayerStep(hp);
    const flops = flopsPerBatch(hp);
    const shape = `${name} ${hp.layers}x${hp.units} b${hp.batchSize} w${hp.window}`.padEnd(27);
    console.log(
      `${shape} | ${ours.toFixed(0).padStart(8)}  ${Math.round((hp.batchSize * hp.window) / (ours / 1000)).toString().padStart(9)}  ${(flops / ours / 1e6).toFixed(2).padStart(6)} |` +
        ` ${plain.toFixed(0).padStart(14)}  ${(flops / plain / 1e6).toFixed(2).padStart(14)} | ${(plain / ours).toFixed(2)}`,
    );
  }
}
