// Fine-tuning (models/lstm/fine-tune.ts): the run takes its parent's shape and encoding and a lower
// learning rate, refuses another shape or encoding with the reason, starts from the parent's weights
// (its dev loss before the first step is the parent's own on the new split), and licklab.json
// records the parent.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendInfo } from '../../../models/lstm/backend';
import { makeWindows, prepareTune } from '../../../models/lstm/batching';
import { FINE_TUNE_LR_FACTOR, copyWeights, fineTuneHyperparameters, loadParent, parentRecord } from '../../../models/lstm/fine-tune';
import { PRESETS } from '../../../models/lstm/hyperparameters';
import { natsPerNote } from '../../../models/lstm/loss';
import type { LicklabMeta } from '../../../models/lstm/model-meta';
import { buildModel } from '../../../models/lstm/network';
import { evaluate, train } from '../../../models/lstm/train';
import { trainAndSave } from '../../../models/lstm/train-and-save';
import { tuneIn } from '../../../models/music/encodings';
import { ENCODING_V1, ENCODING_V2, type EncodedTune } from '../../../models/music/vocabulary';
import { patternCorpus, patternTune } from './synthetic-tunes';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-fine-tune-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const parentDir = path.join(tmp, 'parent');
const ref = { id: parentDir, name: 'parent' };
const shape = { units: 12, layers: 1, dropout: 0, window: 12, batchSize: 8 };
// The new corpus: the same pattern, shifted (what the parent learned helps, but it is not the same music).
const newCorpus = () => Array.from({ length: 6 }, (_, i) => patternTune(`mine${i}.mid`, 60, i + 5));
let backend: BackendInfo;
let parent: { model: tf.LayersModel; meta: LicklabMeta };

beforeAll(async () => {
  backend = await initBackend();
  const saved = await trainAndSave(
    patternCorpus(8, 60),
    { preset: 'custom', hyperparameters: { ...shape, epochs: 4, learningRate: 0.03 }, devFraction: 0.25, seed: 2 },
    { dir: parentDir, force: false, backend },
  );
  expect(saved.saved).toBe(true);
  parent = await loadParent(parentDir, ref);
});
afterAll(() => parent?.model.dispose());

/** The parent model's own dev loss (nats per note) on the dev tunes of a split: computed here, not by train(). */
async function devNatsPerNote(model: tf.LayersModel, tunes: EncodedTune[], dev: string[], window: number) {
  const prep = tunes.filter((t) => dev.includes(t.source)).map((t) => prepareTune(tuneIn(t, ENCODING_V2)));
  const s = await evaluate(model, prep, makeWindows(prep, window), window);
  return natsPerNote(s.lossSum, s.notes);
}

describe('fineTuneHyperparameters', () => {
  it("takes the parent's shape and encoding, the preset's knobs, and a lower learning rate unless one is given", () => {
    const hp = fineTuneHyperparameters(parent.meta, 'default');
    expect(hp).toMatchObject({
      units: 12,
      layers: 1,
      encoding: ENCODING_V2,
      window: PRESETS.default.window,
      epochs: PRESETS.default.epochs,
    });
    expect(hp.learningRate).toBeCloseTo(PRESETS.default.learningRate * FINE_TUNE_LR_FACTOR, 12);
    expect(FINE_TUNE_LR_FACTOR).toBeLessThan(1);
    expect(fineTuneHyperparameters(parent.meta, 'solos').learningRate).toBeCloseTo(PRESETS.solos.learningRate * FINE_TUNE_LR_FACTOR, 12);
    expect(fineTuneHyperparameters(parent.meta, 'default', { learningRate: 0.05, epochs: 3 })).toMatchObject({
      learningRate: 0.05,
      epochs: 3,
    });
    // Asking for what the parent already is, is no conflict.
    expect(fineTuneHyperparameters(parent.meta, 'default', { units: 12, layers: 1, encoding: ENCODING_V2 }).units).toBe(12);
  });

  it('refuses another encoding or shape, with the reason', () => {
    expect(() => fineTuneHyperparameters(parent.meta, 'default', { encoding: ENCODING_V1 }, '"parent"')).toThrow(
      'cannot fine-tune "parent": it reads and writes licklab-events-v2, the run asks for licklab-events-v1; a fine-tune keeps its parent\'s vocabulary (drop the encoding choice, or train from scratch)',
    );
    expect(() => fineTuneHyperparameters(parent.meta, 'default', { units: 16 }, '"parent"')).toThrow(
      'cannot fine-tune "parent": it is a 1 x 12 network (layers x units), the run asks for units = 16; a fine-tune keeps its parent\'s shape (drop --units, or train from scratch)',
    );
    expect(() => fineTuneHyperparameters(parent.meta, 'default', { layers: 2 })).toThrow(/the run asks for layers = 2/);
    // A v1 parent (licklab.json written before v2) refuses a v2 run.
    const v1 = { ...parent.meta, encodingVersion: ENCODING_V1, hyperparameters: { ...parent.meta.hyperparameters, encoding: undefined } };
    expect(fineTuneHyperparameters(v1, 'default').encoding).toBe(ENCODING_V1);
    expect(() => fineTuneHyperparameters(v1, 'default', { encoding: ENCODING_V2 })).toThrow(
      /reads and writes licklab-events-v1, the run asks for licklab-events-v2/,
    );
  });
});

describe('loadParent and copyWeights', () => {
  it('says which model cannot be fine-tuned and why: no folder, or weights that are not what licklab.json says', async () => {
    await expect(loadParent(path.join(tmp, 'gone'), { id: 'x', name: 'gone' })).rejects.toThrow(/^cannot fine-tune "gone": /);
    const mixed = path.join(tmp, 'mixed');
    cpSync(parentDir, mixed, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(mixed, 'licklab.json'), 'utf8')) as LicklabMeta;
    meta.hyperparameters.units = 16;
    writeFileSync(path.join(mixed, 'licklab.json'), JSON.stringify(meta));
    await expect(loadParent(mixed, { id: mixed, name: 'mixed' })).rejects.toThrow(
      'cannot fine-tune "mixed": its weights are a 1 x 12 network but its licklab.json says 1 x 16 (the folder mixes two models)',
    );
  });

  it('copies every weight into a network of the same shape, and refuses another shape naming the first tensor that differs', () => {
    const same = buildModel({ ...shape, encoding: ENCODING_V2 }, 9);
    const wider = buildModel({ ...shape, units: 16, encoding: ENCODING_V2 }, 9);
    try {
      copyWeights(parent.model, same, 'parent');
      const a = parent.model.getWeights().map((w) => Array.from(w.dataSync()));
      expect(same.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(a);
      expect(() => copyWeights(parent.model, wider, 'parent')).toThrow(
        /^cannot fine-tune "parent": its weights do not fit the run's network \(\d+ vs \d+ tensors; tensor 1 is \[\d+,48\], the network needs \[\d+,64\]\)$/,
      );
    } finally {
      same.dispose();
      wider.dispose();
    }
  });
});

describe('a fine-tune run', () => {
  it("starts from the parent's weights: before the first step its dev loss is the parent's own on the new split", async () => {
    const tunes = newCorpus();
    const from = { model: parent.model, parent: parentRecord(ref, parent.meta) };
    // A learning rate too small to move the weights: epoch 1 is still the parent.
    const still = fineTuneHyperparameters(parent.meta, 'custom', { learningRate: 1e-7, epochs: 1, dropout: 0, window: 12, batchSize: 8 });
    const out = await train(tunes, { preset: 'custom', hyperparameters: still, from, devFraction: 0.34, seed: 3 });
    const fresh = await train(tunes, { preset: 'custom', hyperparameters: still, devFraction: 0.34, seed: 3 });
    try {
      const parentOwn = await devNatsPerNote(parent.model, tunes, out.split.dev, 12);
      expect(out.parent!.startDevNatsPerNote).toBeCloseTo(parentOwn, 6);
      expect(out.history[0].devNatsPerNote!).toBeCloseTo(parentOwn, 3);
      expect(Math.abs(fresh.history[0].devNatsPerNote! - parentOwn)).toBeGreaterThan(0.5); // a fresh network is elsewhere
      expect(fresh.parent).toBeUndefined();
    } finally {
      out.model.dispose();
      fresh.model.dispose();
    }
  });

  it('records the parent in licklab.json and learns the new corpus from there', async () => {
    const dir = path.join(tmp, 'child');
    const tunes = newCorpus();
    const hp = fineTuneHyperparameters(parent.meta, 'custom', { epochs: 3, dropout: 0, window: 12, batchSize: 8 });
    const run = await trainAndSave(
      tunes,
      {
        preset: 'custom',
        hyperparameters: hp,
        from: { model: parent.model, parent: parentRecord(ref, parent.meta) },
        devFraction: 0.34,
        seed: 3,
      },
      { dir, force: false, backend },
    );
    expect(run.saved).toBe(true);
    const meta = JSON.parse(readFileSync(path.join(dir, 'licklab.json'), 'utf8')) as LicklabMeta;
    const parentBest = parent.meta.history.find((r) => r.epoch === parent.meta.bestEpoch)!.devNatsPerNote;
    expect(meta.parent).toEqual({
      id: parentDir,
      name: 'parent',
      encodingVersion: ENCODING_V2,
      units: 12,
      layers: 1,
      preset: 'custom',
      bestDevNatsPerNote: parentBest,
      startDevNatsPerNote: run.result.parent!.startDevNatsPerNote,
    });
    expect(meta.hyperparameters).toMatchObject({ units: 12, layers: 1, learningRate: PRESETS.default.learningRate * FINE_TUNE_LR_FACTOR });
    expect(meta.splitNote).toMatch(/^Split by file: 4 train files, 2 dev files/);
    expect(run.result.bestDevNatsPerNote!).toBeLessThan(meta.parent!.startDevNatsPerNote!);
  }, 60_000);
});
