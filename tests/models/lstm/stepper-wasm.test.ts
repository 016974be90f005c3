// The sampler's LSTM step on the wasm SIMD kernels (float32) against the plain-JS float64 step it
// replaced (helpers/reference-stepper.ts): probabilities agree to 1e-5 on odd shapes (units not a
// multiple of 4, heads not of 8, 1-3 layers, both gate functions) and on the shipped default model,
// and same-seed takes of the default model are the same takes the old sampler made.
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelFolder } from '../../../models/lstm/model-io';
import { generate } from '../../../models/lstm/sample';
import { LstmStepper, softmax, type GateActivation, type StepperWeights } from '../../../models/lstm/stepper';
import { seededRandom } from '../../../models/lstm/split';
import { vocabularyFor } from '../../../models/music/encodings';
import { ENCODING_V2 } from '../../../models/music/vocabulary';
import { progressionFromForm } from '../../../models/music/progression';
import { ReferenceStepper } from './helpers/reference-stepper';

const DEFAULT_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/default-model');
const TOLERANCE = 1e-5; // on probabilities (softmax of the logits), the stated sampling tolerance

function randomWeights(units: number[], gate: GateActivation, seed: number): StepperWeights {
  const v = vocabularyFor(ENCODING_V2);
  const rand = seededRandom(seed);
  const arr = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rand() - 0.5) * 2 * scale);
  let inputSize = v.inputSize;
  const layers = units.map((u) => {
    const l = { units: u, inputSize, kernel: arr(inputSize * 4 * u, 0.4), recurrent: arr(u * 4 * u, 0.4), bias: arr(4 * u, 0.3) };
    inputSize = u;
    return { ...l, recurrentActivation: gate };
  });
  const head = (n: number) => ({ inputSize, units: n, kernel: arr(inputSize * n, 0.8), bias: arr(n, 0.3), softmax: true });
  return { layers, pitch: head(v.pitchTokens), dur: head(v.durationTokens) };
}

function randomActive(rand: () => number, inputs: number): number[] {
  return [...new Set(Array.from({ length: 3 + Math.floor(rand() * 6) }, () => Math.floor(rand() * inputs)))];
}

function worstProbDiff(a: LstmStepper, b: LstmStepper, steps: number[][]): number {
  let worst = 0;
  for (const active of steps) {
    const x = a.step(active);
    const y = b.step(active);
    for (const [p, q] of [
      [softmax(x.pitchLogits), softmax(y.pitchLogits)],
      [softmax(x.durLogits), softmax(y.durLogits)],
    ])
      for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i] - q[i]));
  }
  return worst;
}

describe('the wasm step matches the float64 reference step', () => {
  for (const [units, gate] of [
    [[13], 'sigmoid'],
    [[21, 7], 'hardSigmoid'],
    [[16, 9, 30], 'sigmoid'],
  ] as [number[], GateActivation][]) {
    it(`to ${TOLERANCE} in probability on ${units.join('/')} units, ${gate} gates, over 80 steps`, () => {
      const w = randomWeights(units, gate, units.length * 7 + units[0]);
      const fast = new LstmStepper(w);
      const ref = new ReferenceStepper(w);
      const rand = seededRandom(4);
      const steps = Array.from({ length: 80 }, () => randomActive(rand, w.layers[0].inputSize));
      expect(worstProbDiff(fast, ref, steps)).toBeLessThan(TOLERANCE);
      // The state carries: replaying the same inputs from a fresh state differs from continuing.
      const before = Array.from(fast.step(steps[0]).pitchLogits);
      fast.reset();
      const fresh = Array.from(fast.step(steps[0]).pitchLogits);
      expect(Math.max(...before.map((v, i) => Math.abs(v - fresh[i])))).toBeGreaterThan(1e-3);
    });
  }

  it('returns the same output arrays every step and refuses a bad input before touching the state', () => {
    const w = randomWeights([12], 'sigmoid', 3);
    const s = new LstmStepper(w);
    const a = s.step([1, 2, 3]);
    const snap = s.snapshot();
    const b = s.step([4, 5]);
    expect(b.pitchLogits).toBe(a.pitchLogits);
    expect(b.durLogits).toBe(a.durLogits);
    s.restore(snap);
    const again = Array.from(s.step([4, 5]).pitchLogits);
    s.restore(snap);
    expect(() => s.step([4, w.layers[0].inputSize])).toThrow(/input unit \d+ is outside 0\.\.\d+/);
    expect(() => s.step([4, 1.5])).toThrow(/input unit 1.5 is outside/);
    expect(() => s.step(Array.from({ length: w.layers[0].inputSize + 1 }, (_, i) => i % 4))).toThrow(/listed twice/);
    expect(Array.from(s.step([4, 5]).pitchLogits)).toEqual(again);
  });
});

describe('the shipped default model', () => {
  let model: tf.LayersModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = (await loadModelFolder(DEFAULT_MODEL)).model;
  });

  it(`gives probabilities within ${TOLERANCE} of the reference over a 300-event input`, () => {
    const fast = LstmStepper.fromModel(model);
    const ref = new ReferenceStepper(fast.weights);
    const rand = seededRandom(9);
    const steps = Array.from({ length: 300 }, () => randomActive(rand, fast.vocabulary.inputSize));
    expect(worstProbDiff(fast, ref, steps)).toBeLessThan(TOLERANCE);
  });

  it('makes the same takes as the reference sampler for the same seeds (16 seeds, 32 bars, T = 1 and 0.6)', () => {
    const fast = LstmStepper.fromModel(model);
    const ref = new ReferenceStepper(fast.weights);
    const prog = progressionFromForm('blues', 'F', { bars: 32 });
    let events = 0;
    for (let seed = 0; seed < 16; seed++) {
      const temperature = seed % 2 ? 0.6 : 1;
      const a = generate(fast, { ...prog, seed, temperature });
      const b = generate(ref, { ...prog, seed, temperature });
      expect(a.events, `seed ${seed}`).toEqual(b.events);
      expect(generate(fast, { ...prog, seed, temperature }).events).toEqual(a.events); // same seed, same take
      events += a.events.length;
    }
    expect(events).toBeGreaterThan(16 * 32); // real takes, not empty ones
  });
});
