// The stepper's weights read from a model folder without TensorFlow.js (what `licklab sample` and
// the studio load) equal those copied out of the tf.LayersModel loadModelFolder builds, for the
// shipped model and for saved networks of other shapes; folders of the wrong shape get the same errors.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from '../../../models/lstm/default-model';
import { loadModelFolder, saveModelFolder } from '../../../models/lstm/model-io';
import { metaFromResult, type LicklabMeta } from '../../../models/lstm/model-meta';
import { buildModel } from '../../../models/lstm/network';
import { extractStepperWeights, type StepperWeights } from '../../../models/lstm/stepper';
import { readStepperWeights } from '../../../models/lstm/stepper-weights-file';
import type { TrainResult } from '../../../models/lstm/training-types';
import { vocabularyFor } from '../../../models/music/encodings';
import { ENCODING_V1, ENCODING_V2 } from '../../../models/music/vocabulary';
import { randomizeWeights } from './helpers/contract-model';

let root: string;
const meta = (encodingVersion = ENCODING_V1): LicklabMeta => ({
  ...metaFromResult({ split: { train: ['a'], dev: ['b'] }, history: [] } as unknown as TrainResult, {
    name: 'cpu',
    version: tf.version.tfjs,
  }),
  encodingVersion,
});

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-stepper-file-'));
});
afterAll(async () => fs.rm(root, { recursive: true, force: true }));

/** Weights as plain arrays, so a mismatch shows where. */
function plain(w: StepperWeights) {
  const arr = (a: Float32Array) => Array.from(a);
  return {
    layers: w.layers.map((l) => ({ ...l, kernel: arr(l.kernel), recurrent: arr(l.recurrent), bias: arr(l.bias) })),
    pitch: { ...w.pitch, kernel: arr(w.pitch.kernel), bias: arr(w.pitch.bias) },
    dur: { ...w.dur, kernel: arr(w.dur.kernel), bias: arr(w.dur.bias) },
  };
}

async function viaTf(dir: string): Promise<StepperWeights> {
  const { model } = await loadModelFolder(dir);
  try {
    return extractStepperWeights(model);
  } finally {
    model.dispose();
  }
}

/** A contract network of `units` per LSTM layer with the given gate and head activations, saved. */
async function saved(name: string, units: number[], opts: { gate: 'sigmoid' | 'hardSigmoid'; head: 'softmax' | 'linear' }) {
  const vocab = vocabularyFor(ENCODING_V2);
  const input = tf.input({ shape: [null, vocab.inputSize], name: 'events' });
  let x = input;
  units.forEach((u, i) => {
    if (i > 0) x = tf.layers.dropout({ rate: 0.2, name: `dropout_${i}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .lstm({ units: u, returnSequences: true, recurrentActivation: opts.gate, name: `lstm_${i + 1}` })
      .apply(x) as tf.SymbolicTensor;
  });
  const pitch = tf.layers.dense({ units: vocab.pitchTokens, activation: opts.head, name: 'pitch' }).apply(x) as tf.SymbolicTensor;
  const dur = tf.layers.dense({ units: vocab.durationTokens, activation: opts.head, name: 'dur' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: [pitch, dur] });
  randomizeWeights(model, units.length * 7 + 1);
  const dir = path.join(root, name);
  await saveModelFolder(dir, model, meta(ENCODING_V2));
  model.dispose();
  return dir;
}

describe('stepper weights read from the files', () => {
  it('equal the weights of the tf model, for the shipped default model', async () => {
    const { meta: read, weights } = await readStepperWeights(DEFAULT_MODEL_DIR);
    expect(read.encodingVersion).toBe(ENCODING_V2);
    expect(plain(weights)).toEqual(plain(await viaTf(DEFAULT_MODEL_DIR)));
  });

  it('equal them for 1 to 3 layers, hard-sigmoid gates and linear heads', async () => {
    const cases = [
      await saved('one', [12], { gate: 'sigmoid', head: 'softmax' }),
      await saved('two-hard', [10, 6], { gate: 'hardSigmoid', head: 'linear' }),
      await saved('three', [8, 8, 5], { gate: 'sigmoid', head: 'softmax' }),
    ];
    for (const dir of cases) {
      const { weights } = await readStepperWeights(dir);
      expect(plain(weights)).toEqual(plain(await viaTf(dir)));
    }
    expect((await readStepperWeights(cases[1])).weights.layers.map((l) => l.recurrentActivation)).toEqual(['hardSigmoid', 'hardSigmoid']);
    expect((await readStepperWeights(cases[1])).weights.pitch.softmax).toBe(false);
  });

  it("equals them for the trainer's own network (buildModel)", async () => {
    const model = buildModel({ units: 20, layers: 2, dropout: 0.2, encoding: ENCODING_V1 }, 4);
    randomizeWeights(model, 77);
    const dir = path.join(root, 'trainer');
    await saveModelFolder(dir, model, meta(ENCODING_V1));
    model.dispose();
    expect(plain((await readStepperWeights(dir)).weights)).toEqual(plain(await viaTf(dir)));
  });

  it('refuses what loadModelFolder refuses, with the same words', async () => {
    const dir = await saved('base', [6], { gate: 'sigmoid', head: 'softmax' });
    const copy = async (name: string) => {
      const d = path.join(root, name);
      await fs.cp(dir, d, { recursive: true });
      return d;
    };
    // A v2 network whose licklab.json says v1.
    const mislabeled = await copy('mislabeled');
    await fs.writeFile(path.join(mislabeled, 'licklab.json'), JSON.stringify(meta(ENCODING_V1)));
    const said = /expected \[batch, time, 126\] for licklab-events-v1 \(a different vocabulary\)/;
    await expect(loadModelFolder(mislabeled)).rejects.toThrow(said);
    await expect(readStepperWeights(mislabeled)).rejects.toThrow(said);
    const trunc = await copy('trunc');
    await fs.writeFile(path.join(trunc, 'weights.bin'), (await fs.readFile(path.join(trunc, 'weights.bin'))).subarray(0, 100));
    await expect(readStepperWeights(trunc)).rejects.toThrow(/weights.bin has 100 bytes, the model needs/);
    await expect(readStepperWeights(path.join(root, 'nope'))).rejects.toThrow(/no model folder at/);
    // Another network (no LSTM, one output) saved as a LickLab folder.
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 3 })] });
    const otherDir = path.join(root, 'other');
    await saveModelFolder(otherDir, other as unknown as tf.LayersModel, meta());
    other.dispose();
    await expect(loadModelFolder(otherDir)).rejects.toThrow(/its input is \[null,5\]/);
    await expect(readStepperWeights(otherDir)).rejects.toThrow(/^cannot load the model in .*other: /);
    // Heads renamed: not the contract's pitch and dur.
    const renamed = await copy('renamed');
    const modelJson = await fs.readFile(path.join(renamed, 'model.json'), 'utf8');
    await fs.writeFile(path.join(renamed, 'model.json'), modelJson.replaceAll('"dur"', '"length"'));
    await expect(readStepperWeights(renamed)).rejects.toThrow(/its outputs are pitch, length, expected the heads pitch and dur/);
  });
});
