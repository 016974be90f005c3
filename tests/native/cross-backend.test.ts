// A model is a model on either backend: one saved on native (tfjs-node) loads on wasm with the
// same predictions and the reverse; and training the default preset from the same seed on each
// backend for 3 epochs on the default corpus reaches the same dev loss (within 0.02 nats/event),
// on tfjs-node also with BPTT's weight products on TensorFlow.
// Both backends live in this one process (tf.setBackend switches); each side builds, trains or
// loads its model with its own backend active, so its weights and ops are that backend's.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackend, initBackend, type BackendInfo } from '../../models/lstm/backend';
import { loadModelFolder, saveModelFolder } from '../../models/lstm/model-io';
import { metaFromResult } from '../../models/lstm/model-meta';
import { train, type TrainOutput } from '../../models/lstm/train';
import { loadTrainingCorpus } from '../../models/lstm/training-corpus';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';
import type { EncodedTune } from '../../models/music/vocabulary';
import { fixtureCorpus } from '../models/lstm/helpers/fixture-corpus';
import { inputSizeOf, loadBothBackends, maxAbsDiff, nativeProblem, predictHeads, probeInput } from './native-helpers';

type Side = 'tensorflow' | 'wasm';
let root: string;
let info: BackendInfo;

async function on<T>(side: Side, f: () => Promise<T>): Promise<T> {
  await tf.setBackend(side);
  return f();
}

describe.skipIf(nativeProblem)('native and wasm backends agree', () => {
  beforeAll(async () => {
    info = await initBackend('tensorflow');
    await loadBothBackends();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-cross-'));
  });
  afterAll(async () => {
    await tf.setBackend('tensorflow');
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  for (const [from, to] of [
    ['tensorflow', 'wasm'],
    ['wasm', 'tensorflow'],
  ] as [Side, Side][]) {
    it(`a model trained and saved on ${from} loads on ${to} with the same predictions`, async () => {
      const tunes = fixtureCorpus(10);
      const dir = path.join(root, `from-${from}`);
      const { out, x, expected } = await on(from, async () => {
        const out = await train(tunes, {
          preset: 'custom',
          hyperparameters: { units: 24, layers: 2, dropout: 0, window: 16, batchSize: 8, epochs: 1 },
          seed: 2,
        });
        await saveModelFolder(dir, out.model, metaFromResult(out, { ...info, name: from }));
        const x = probeInput(2, 24, inputSizeOf(out.model));
        return { out, x, expected: predictHeads(out.model, x, 2, 24) };
      });
      const got = await on(to, async () => {
        const { model } = await loadModelFolder(dir);
        const heads = predictHeads(model, x, 2, 24);
        model.dispose();
        return heads;
      });
      for (let h = 0; h < 2; h++) expect(maxAbsDiff(got[h], expected[h])).toBeLessThan(1e-5);
      await on(from, async () => out.model.dispose());
    });
  }

  it('the default preset from the same seed reaches the same dev loss after 3 epochs on the default corpus', async () => {
    const corpus = await loadTrainingCorpus([DEFAULT_CORPUS_DIR]);
    const tunes: EncodedTune[] = corpus.tunes.filter((t) => t.events.length > 0);
    expect(tunes.length).toBeGreaterThan(20);
    const run = (side: Side) =>
      on(side, async () => {
        const t0 = performance.now();
        const out: TrainOutput = await train(tunes, { preset: 'default', hyperparameters: { epochs: 3, patience: 3 }, seed: 1 });
        const seconds = (performance.now() - t0) / 1000;
        out.model.dispose();
        return { history: out.history, seconds };
      });
    const native = await run('tensorflow');
    const wasm = await run('wasm');
    // The same on tfjs-node with BPTT's weight products on TensorFlow (chosen there for larger shapes).
    process.env.LICKLAB_LSTM_PRODUCTS = 'native';
    const hybrid = await run('tensorflow').finally(() => delete process.env.LICKLAB_LSTM_PRODUCTS);
    const fmt = (h: TrainOutput['history']) => h.map((r) => r.devLoss.toFixed(4)).join(' -> ');
    console.log(
      `native suite: default preset, ${tunes.length} tunes, seed 1, 3 epochs; dev loss (nats/event) ` +
        `native ${fmt(native.history)} in ${native.seconds.toFixed(1)} s, wasm ${fmt(wasm.history)} in ${wasm.seconds.toFixed(1)} s, ` +
        `native with the products on TensorFlow ${fmt(hybrid.history)} in ${hybrid.seconds.toFixed(1)} s ` +
        `(${describeBackend(info)})`,
    );
    expect(native.history).toHaveLength(3);
    expect(wasm.history).toHaveLength(3);
    expect(Math.abs(native.history[2].devLoss - wasm.history[2].devLoss)).toBeLessThan(0.02);
    expect(Math.abs(hybrid.history[2].devLoss - wasm.history[2].devLoss)).toBeLessThan(0.02);
  });
});
