// The native backend end to end: train (the whole step on the wasm kernels, the dev passes on
// TensorFlow), sample, save, load, and continue training a loaded model; and the FastLSTM layers
// give the same loss and gradients as the stock tf.layers.lstm on tfjs-node.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendInfo } from '../../models/lstm/backend';
import { makeBatch, makeWindows, prepareTune } from '../../models/lstm/batching';
import { isFastLstm, withFastLstm } from '../../models/lstm/fast';
import { batchLoss, disposeBatch, toTensors } from '../../models/lstm/loss';
import { loadModelFolder, saveModelFolder } from '../../models/lstm/model-io';
import { metaFromResult } from '../../models/lstm/model-meta';
import { buildModel } from '../../models/lstm/network';
import { generate } from '../../models/lstm/sample';
import { LstmStepper } from '../../models/lstm/stepper';
import { train, type TrainOutput } from '../../models/lstm/train';
import { isEncodingVersion, tuneIn } from '../../models/music/encodings';
import { progressionFromForm } from '../../models/music/progression';
import { ENCODING_V1 } from '../../models/music/vocabulary';
import { fixtureCorpus } from '../models/lstm/helpers/fixture-corpus';
import { patternCorpus } from '../models/lstm/synthetic-tunes';
import { maxAbsDiff, nativeProblem, predictHeads, probeInput, inputSizeOf, loadBothBackends } from './native-helpers';

// A learnable pattern (arpeggios over a ii-V-I): a model that learns anything beats the unigram.
const tunes = patternCorpus(12, 64);
const hp = { units: 32, layers: 2, dropout: 0, window: 16, batchSize: 8, epochs: 10, patience: 10 };
let backend: BackendInfo;
let root: string;
let trained: TrainOutput;

describe.skipIf(nativeProblem)('native backend (tfjs-node)', () => {
  beforeAll(async () => {
    backend = await initBackend('tensorflow');
    await loadBothBackends();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-native-'));
    trained = await train(tunes, { preset: 'custom', hyperparameters: hp, seed: 5 });
  });
  afterAll(async () => {
    trained?.model.dispose();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('runs on tensorflow, and says the whole training step runs on the wasm kernels (the heads, loss and Adam too)', () => {
    expect(backend.name).toBe('tensorflow');
    expect(backend.fallbackReason).toBeUndefined();
    const [recurrence, products, rest] = backend.parts!;
    expect(recurrence.runsOn).toMatch(/WebAssembly SIMD kernels/);
    expect(products.runsOn).toMatch(
      /native TensorFlow \(tfjs-node\) for products of 0\.2 GFLOP and more, else LickLab's WebAssembly SIMD kernels/,
    );
    expect(rest.part).toBe('output heads, loss, optimizer');
    expect(rest.runsOn).toMatch(/WebAssembly SIMD kernels .*the whole training step/);
    console.log(
      `native suite: backend ${backend.name} ${backend.version}; ${backend.parts!.map((p) => `${p.part}: ${p.runsOn}`).join('; ')}`,
    );
  });

  it('trains with the fast LSTM layers: train loss falls and dev loss beats the unigram baseline', () => {
    expect(trained.model.layers.filter((l) => /^lstm_/.test(l.name)).every((l) => isFastLstm(l))).toBe(true);
    expect(trained.history).toHaveLength(hp.epochs);
    for (const r of trained.history) expect(Number.isFinite(r.trainLoss) && Number.isFinite(r.devLoss)).toBe(true);
    const h = trained.history;
    console.log(
      `native suite: train loss ${h.map((r) => r.trainLoss.toFixed(3)).join(' -> ')}, dev loss ${h.map((r) => r.devLoss.toFixed(3)).join(' -> ')} nats/event, unigram ${trained.baselines.unigramDevLoss.toFixed(3)}`,
    );
    expect(h[h.length - 1].trainLoss).toBeLessThan(h[0].trainLoss - 0.1);
    expect(trained.bestDevLoss!).toBeLessThan(trained.baselines.unigramDevLoss);
  });

  it('samples: a seeded take over a blues has notes and repeats exactly for the same seed', () => {
    const stepper = LstmStepper.fromModel(trained.model);
    const prog = progressionFromForm('blues', 'F');
    const a = generate(stepper, { ...prog, seed: 7, temperature: 0.9 });
    const b = generate(stepper, { ...prog, seed: 7, temperature: 0.9 });
    expect(a.notes.length).toBeGreaterThan(8);
    expect(b.events).toEqual(a.events);
  });

  it('saves and loads a model folder with the same predictions, and continues training the loaded model', async () => {
    const dir = path.join(root, 'model');
    await saveModelFolder(dir, trained.model, metaFromResult(trained, backend));
    const { model: loaded, meta } = await loadModelFolder(dir);
    expect(meta.backend.name).toBe('tensorflow');
    const x = probeInput(3, 20, inputSizeOf(loaded));
    const before = predictHeads(trained.model, x, 3, 20);
    const after = predictHeads(loaded, x, 3, 20);
    for (let h = 0; h < 2; h++) expect(maxAbsDiff(after[h], before[h])).toBeLessThan(1e-5);

    // Continue training on new material (etudes it never saw): the loaded (stock) layers swapped
    // for the fast ones, a few Adam steps; the loss on that material must fall.
    const model = withFastLstm(loaded);
    const encoding = meta.encodingVersion;
    if (!isEncodingVersion(encoding)) throw new Error(`the saved model names an unknown encoding ${encoding}`);
    const prep = fixtureCorpus(8).map((t) => prepareTune(tuneIn(t, encoding)));
    const batch = toTensors(makeBatch(prep, makeWindows(prep, hp.window).slice(0, hp.batchSize), hp.window));
    const lossOf = () => tf.tidy(() => batchLoss(model, batch, false).dataSync()[0]);
    const start = lossOf();
    const opt = tf.train.adam(0.01);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    for (let i = 0; i < 10; i++) opt.minimize(() => batchLoss(model, batch, true), false, vars);
    const end = lossOf();
    console.log(`native suite: continued training of the loaded model, batch loss ${start.toFixed(3)} -> ${end.toFixed(3)}`);
    expect(end).toBeLessThan(start - 0.2);
    disposeBatch(batch);
    opt.dispose();
    model.dispose();
    loaded.dispose();
  });

  it('the fast layers give the loss and gradients of the stock tf.layers.lstm on tfjs-node', () => {
    const prep = tunes.slice(0, 6).map((t) => prepareTune(tuneIn(t, ENCODING_V1)));
    const batch = toTensors(makeBatch(prep, makeWindows(prep, 16).slice(0, 6), 16));
    const stock = buildModel({ units: 24, layers: 2, dropout: 0 }, 3, { stockLstm: true });
    const fast = withFastLstm(stock);
    const grads = (m: tf.LayersModel) => {
      const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads: g } = tf.variableGrads(() => batchLoss(m, batch, true), vars);
      const out = { loss: value.dataSync()[0], g: vars.map((v) => g[v.name].dataSync() as Float32Array) };
      tf.dispose([value, ...Object.values(g)]);
      return out;
    };
    const ref = grads(stock);
    const run = grads(fast);
    expect(Math.abs(run.loss - ref.loss)).toBeLessThan(1e-5);
    run.g.forEach((g, i) => {
      const scale = Math.max(...ref.g[i].map(Math.abs), 1e-6);
      expect(maxAbsDiff(g, ref.g[i]) / scale).toBeLessThan(1e-4);
    });
    disposeBatch(batch);
    fast.dispose();
    stock.dispose();
  });
});
