import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LstmStepper, extractStepperWeights, softmax } from '../../../models/lstm/stepper';
import { INPUT_SIZE } from '../../../models/music/vocabulary';
import { buildContractModel, randomizeWeights } from './helpers/contract-model';
import { buildModel } from '../../../models/lstm/network';
import { loadModelFolder, saveModelFolder } from '../../../models/lstm/model-io';
import { metaFromResult } from '../../../models/lstm/model-meta';
import type { TrainResult } from '../../../models/lstm/training-types';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Random active-unit lists shaped like real inputs (a few units on, the rest 0).
function randomInputs(steps: number, seed: number): number[][] {
  let s = seed;
  const rand = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  return Array.from({ length: steps }, () => [...new Set(Array.from({ length: 2 + rand(6) }, () => rand(INPUT_SIZE)))]);
}

function denseBatch(inputs: number[][]): tf.Tensor3D {
  const data = new Float32Array(inputs.length * INPUT_SIZE);
  inputs.forEach((idx, t) => idx.forEach((k) => (data[t * INPUT_SIZE + k] = 1)));
  return tf.tensor3d(data, [1, inputs.length, INPUT_SIZE]);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('LstmStepper matches tf model.predict step by step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const units of [[24], [20, 16], [16, 12, 8]]) {
    it(`to 1e-5 on a ${units.length}-layer model (${units.join('/')} units)`, () => {
      const model = buildContractModel(units);
      randomizeWeights(model, 11 + units.length);
      const inputs = randomInputs(40, units.length);
      const [pitchT, durT] = model.predict(denseBatch(inputs)) as tf.Tensor[];
      const pitch = pitchT.arraySync() as number[][][];
      const dur = durT.arraySync() as number[][][];
      const stepper = LstmStepper.fromModel(model);
      let worst = 0;
      inputs.forEach((active, t) => {
        const out = stepper.step(active);
        worst = Math.max(worst, maxAbsDiff(softmax(out.pitchLogits), pitch[0][t]), maxAbsDiff(softmax(out.durLogits), dur[0][t]));
      });
      expect(worst).toBeLessThan(1e-5);
      // The weights really matter: a fresh stepper fed different inputs gives different outputs.
      stepper.reset();
      const a = Array.from(softmax(stepper.step(inputs[0]).pitchLogits));
      const b = Array.from(softmax(stepper.step(inputs[1]).pitchLogits));
      expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-4);
    });
  }

  it('handles linear (logit) heads, and reset/snapshot/restore reproduce the same outputs', () => {
    const model = buildContractModel([16], { headActivation: 'linear' });
    randomizeWeights(model, 5);
    const inputs = randomInputs(12, 9);
    const [pitchT] = model.predict(denseBatch(inputs)) as tf.Tensor[];
    const logits = pitchT.arraySync() as number[][][];
    const stepper = LstmStepper.fromModel(model);
    let snap = stepper.snapshot();
    inputs.forEach((active, t) => {
      if (t === 6) snap = stepper.snapshot();
      expect(maxAbsDiff(stepper.step(active).pitchLogits, logits[0][t])).toBeLessThan(1e-5);
    });
    stepper.restore(snap);
    expect(maxAbsDiff(stepper.step(inputs[6]).pitchLogits, logits[0][6])).toBeLessThan(1e-5);
    stepper.reset();
    expect(maxAbsDiff(stepper.step(inputs[0]).pitchLogits, logits[0][0])).toBeLessThan(1e-5);
  });

  it("matches the trainer's own network (buildModel, dropout after each layer) after a save/load round trip", async () => {
    const model = buildModel({ units: 20, layers: 2, dropout: 0.2 }, 4);
    randomizeWeights(model, 77);
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'licklab-stepper-')), 'model');
    try {
      const result = { split: { train: ['a'], dev: ['b'] }, history: [] } as unknown as TrainResult;
      await saveModelFolder(dir, model, metaFromResult(result, { name: 'cpu', version: tf.version.tfjs }));
      const loaded = (await loadModelFolder(dir)).model;
      const inputs = randomInputs(30, 5);
      const [pitchT, durT] = loaded.predict(denseBatch(inputs)) as tf.Tensor[];
      const pitch = pitchT.arraySync() as number[][][];
      const dur = durT.arraySync() as number[][][];
      const stepper = LstmStepper.fromModel(loaded);
      let worst = 0;
      inputs.forEach((active, t) => {
        const out = stepper.step(active);
        worst = Math.max(worst, maxAbsDiff(softmax(out.pitchLogits), pitch[0][t]), maxAbsDiff(softmax(out.durLogits), dur[0][t]));
      });
      expect(worst).toBeLessThan(1e-5);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('refuses models that are not shaped per the contract, saying why', () => {
    const input = tf.input({ shape: [null, INPUT_SIZE] });
    const out = tf.layers.dense({ units: 3, name: 'pitch' }).apply(input) as tf.SymbolicTensor;
    expect(() => extractStepperWeights(tf.model({ inputs: input, outputs: out }))).toThrow(/no LSTM layer named lstm_1/);
    const wrongInput = tf.input({ shape: [null, INPUT_SIZE + 1] });
    const l = tf.layers
      .lstm({ units: 4, returnSequences: true, recurrentActivation: 'sigmoid', name: 'lstm_1' })
      .apply(wrongInput) as tf.SymbolicTensor;
    const p = tf.layers.dense({ units: 74, name: 'pitch' }).apply(l) as tf.SymbolicTensor;
    const d = tf.layers.dense({ units: 17, name: 'dur' }).apply(l) as tf.SymbolicTensor;
    expect(() => extractStepperWeights(tf.model({ inputs: wrongInput, outputs: [p, d] }))).toThrow(/another encoding/);
  });
});
