import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendInfo } from '../../../models/lstm/backend';
import { makeWindows, prepareTune } from '../../../models/lstm/batching';
import { loadModelFolder, readModelMeta, saveModelFolder } from '../../../models/lstm/model-io';
import { metaFromResult, type LicklabMeta } from '../../../models/lstm/model-meta';
import { buildModel } from '../../../models/lstm/network';
import { evaluate, train, type TrainOutput } from '../../../models/lstm/train';
import { tuneIn } from '../../../models/music/encodings';
import { ENCODING_V1, ENCODING_V2 } from '../../../models/music/vocabulary';
import { patternCorpus } from './synthetic-tunes';

let backend: BackendInfo;
let root: string;
let trained: TrainOutput;
let meta: LicklabMeta;
const tunes = patternCorpus(8, 50);

async function devLoss(model: tf.LayersModel, dev: string[]) {
  const prep = tunes.filter((t) => dev.includes(t.source)).map((t) => prepareTune(tuneIn(t, ENCODING_V2)));
  const s = await evaluate(model, prep, makeWindows(prep, 10), 10);
  return s.lossSum / s.events;
}

beforeAll(async () => {
  backend = await initBackend();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-io-'));
  trained = await train(tunes, {
    preset: 'custom',
    hyperparameters: { units: 8, layers: 2, dropout: 0.1, window: 10, batchSize: 8, epochs: 2 },
    seed: 3,
  });
  meta = metaFromResult(trained, backend, { dir: '/somewhere' });
});
afterAll(async () => {
  trained?.model.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('model folders', () => {
  it('round-trips: the reloaded model gives the same dev loss to 1e-5 and the same metadata', async () => {
    const dir = path.join(root, 'a', 'model');
    await saveModelFolder(dir, trained.model, meta);
    expect((await fs.readdir(dir)).sort()).toEqual(['licklab.json', 'model.json', 'weights.bin']);
    expect(await fs.readdir(path.dirname(dir))).toEqual(['model']); // no temp folder left
    const { model, meta: back } = await loadModelFolder(dir);
    expect(back).toEqual(JSON.parse(JSON.stringify(meta)));
    expect(back.history).toHaveLength(2);
    expect(back.split).toEqual(trained.split);
    expect(Math.abs((await devLoss(model, back.split.dev)) - (await devLoss(trained.model, trained.split.dev)))).toBeLessThan(1e-5);
    expect(model.layers.map((l) => l.name)).toEqual(trained.model.layers.map((l) => l.name));
    model.dispose();
  });

  it('refuses an existing folder unless forced, and force replaces it atomically', async () => {
    const dir = path.join(root, 'b');
    await saveModelFolder(dir, trained.model, meta);
    await expect(saveModelFolder(dir, trained.model, meta)).rejects.toThrow(/already exists.*--force/);
    const other = buildModel({ units: 8, layers: 2, dropout: 0.1 }, 99);
    await saveModelFolder(dir, other, { ...meta, bestEpoch: 42 }, { force: true });
    expect((await readModelMeta(dir)).bestEpoch).toBe(42);
    expect((await fs.readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
    other.dispose();
    // Never deletes a folder that is not a model.
    const foreign = path.join(root, 'docs');
    await fs.mkdir(foreign);
    await fs.writeFile(path.join(foreign, 'thesis.txt'), 'precious');
    await expect(saveModelFolder(foreign, trained.model, meta, { force: true })).rejects.toThrow(/not a LickLab model folder/);
    expect(await fs.readFile(path.join(foreign, 'thesis.txt'), 'utf8')).toBe('precious');
  });

  it('an interrupted save leaves the old model intact and no half-written folder', async () => {
    const dir = path.join(root, 'c');
    await saveModelFolder(dir, trained.model, meta);
    const before = await Promise.all(['model.json', 'weights.bin', 'licklab.json'].map((f) => fs.readFile(path.join(dir, f))));
    const other = buildModel({ units: 8, layers: 2, dropout: 0.1, encoding: ENCODING_V2 }, 7);
    let sawWeights = false;
    await expect(
      saveModelFolder(
        dir,
        other,
        { ...meta, bestEpoch: 7 },
        {
          force: true,
          afterWrite: async (temp) => {
            sawWeights = (await fs.stat(path.join(temp, 'weights.bin'))).size > 0;
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          },
        },
      ),
    ).rejects.toThrow(/could not save the model.*disk is full.*previous model is untouched/);
    expect(sawWeights).toBe(true);
    const after = await Promise.all(['model.json', 'weights.bin', 'licklab.json'].map((f) => fs.readFile(path.join(dir, f))));
    expect(after).toEqual(before);
    expect((await fs.readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
    // A first save that fails leaves nothing at all.
    const fresh = path.join(root, 'd');
    await expect(
      saveModelFolder(fresh, other, meta, {
        afterWrite: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow(/nothing was written/);
    await expect(fs.stat(fresh)).rejects.toThrow();
    other.dispose();
    const { model } = await loadModelFolder(dir);
    expect(Math.abs((await devLoss(model, meta.split.dev)) - (await devLoss(trained.model, meta.split.dev)))).toBeLessThan(1e-5);
    model.dispose();
  });

  it("a folder that cannot be created is an error, not a hang (Node's recursive mkdir loops forever under /proc)", async () => {
    const deep = path.join(root, 'new', 'deeper', 'model');
    await saveModelFolder(deep, trained.model, meta);
    expect((await readModelMeta(deep)).encodingVersion).toBe(meta.encodingVersion);
    if (process.platform !== 'linux') return;
    await expect(saveModelFolder('/proc/licklab-test/deep/model', trained.model, meta)).rejects.toThrow(
      /could not save the model to \/proc\/licklab-test\/deep\/model: .*ENOENT/,
    );
  }, 10000);

  it('gives clear errors for missing, foreign, corrupt and mismatched folders', async () => {
    const dir = path.join(root, 'e');
    await saveModelFolder(dir, trained.model, meta);
    const copy = async (name: string) => {
      const d = path.join(root, name);
      await fs.cp(dir, d, { recursive: true });
      return d;
    };
    await expect(loadModelFolder(path.join(root, 'nope'))).rejects.toThrow(/no model folder at/);
    const noMeta = await copy('nometa');
    await fs.rm(path.join(noMeta, 'licklab.json'));
    await expect(loadModelFolder(noMeta)).rejects.toThrow(/not a LickLab model folder \(no licklab.json\)/);
    const bad = await copy('badjson');
    await fs.writeFile(path.join(bad, 'licklab.json'), '{"format": "licklab-mo');
    await expect(loadModelFolder(bad)).rejects.toThrow(/licklab.json is corrupt/);
    const foreign = await copy('foreign');
    await fs.writeFile(path.join(foreign, 'licklab.json'), JSON.stringify({ format: 'keras' }));
    await expect(loadModelFolder(foreign)).rejects.toThrow(/not a LickLab model/);
    const enc = await copy('enc');
    await fs.writeFile(path.join(enc, 'licklab.json'), JSON.stringify({ ...meta, encodingVersion: 'licklab-events-v0' }));
    await expect(loadModelFolder(enc)).rejects.toThrow(/trained on encoding "licklab-events-v0".*retrain/);
    const newer = await copy('newer');
    await fs.writeFile(path.join(newer, 'licklab.json'), JSON.stringify({ ...meta, formatVersion: 9 }));
    await expect(loadModelFolder(newer)).rejects.toThrow(/newer than this LickLab reads/);
    const trunc = await copy('trunc');
    const w = await fs.readFile(path.join(trunc, 'weights.bin'));
    await fs.writeFile(path.join(trunc, 'weights.bin'), w.subarray(0, 100));
    await expect(loadModelFolder(trunc)).rejects.toThrow(/weights.bin has 100 bytes, the model needs/);
    const noWeights = await copy('noweights');
    await fs.rm(path.join(noWeights, 'weights.bin'));
    await expect(loadModelFolder(noWeights)).rejects.toThrow(/weights.bin is missing/);
    const garbled = await copy('garbled');
    await fs.writeFile(path.join(garbled, 'model.json'), 'PK\u0003\u0004 zip?');
    await expect(loadModelFolder(garbled)).rejects.toThrow(/^cannot load the model in .*garbled: model.json is corrupt/);
    await fs.writeFile(path.join(garbled, 'model.json'), 'null');
    await expect(loadModelFolder(garbled)).rejects.toThrow(
      /^cannot load the model in .*garbled: model.json is not a TensorFlow.js layers model/,
    );
    // A model of another shape (wrong input width) is refused.
    const wrong = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 3 })] });
    const wrongDir = path.join(root, 'wrong');
    await saveModelFolder(wrongDir, wrong as unknown as tf.LayersModel, meta);
    await expect(loadModelFolder(wrongDir)).rejects.toThrow(/its input is \[null,5\].*different vocabulary/);
    wrong.dispose();
    // A v2 network whose licklab.json says v1 is refused (the sizes are checked against the recorded encoding).
    const mislabeled = await copy('mislabeled');
    await fs.writeFile(path.join(mislabeled, 'licklab.json'), JSON.stringify({ ...meta, encodingVersion: ENCODING_V1 }));
    await expect(loadModelFolder(mislabeled)).rejects.toThrow(/expected \[batch, time, 126\] for licklab-events-v1/);
  });

  it('records the encoding: new runs are v2, a v1 run (hyperparameter) is v1 and loads as v1', async () => {
    expect(meta.encodingVersion).toBe(ENCODING_V2);
    expect(meta.vocabulary).toMatchObject({ inputSize: 193, durationTokens: 84, breathTicks: 6 });
    const v1 = await train(tunes, {
      preset: 'custom',
      hyperparameters: { units: 8, layers: 1, dropout: 0, window: 10, batchSize: 8, epochs: 1, encoding: ENCODING_V1 },
      seed: 3,
    });
    const dir = path.join(root, 'v1');
    await saveModelFolder(dir, v1.model, metaFromResult(v1, backend));
    v1.model.dispose();
    const { model, meta: back } = await loadModelFolder(dir);
    expect(back.encodingVersion).toBe(ENCODING_V1);
    expect(back.vocabulary).toMatchObject({ inputSize: 126, durationTokens: 17 });
    expect(model.inputs[0].shape[2]).toBe(126);
    model.dispose();
  });
});
