// Sampling reads a FastLSTM model as it reads a stock one: the stepper (on the wasm kernels) reads it exactly as
// it reads the stock one (same layer names, config and weights) and agrees with the fast
// model.predict step by step.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { isFastLstm, withFastLstm } from '../../../../models/lstm/fast';
import { buildModel } from '../../../../models/lstm/network';
import { LstmStepper, softmax } from '../../../../models/lstm/stepper';
import { seededRandom } from '../../../../models/lstm/split';
import { INPUT_SIZE } from '../../../../models/music/vocabulary';

beforeAll(async () => {
  await initBackend();
});

describe('stepper on a FastLSTM model', () => {
  it('matches the fast model.predict to 1e-5 and reads the same weights as the stock model', () => {
    const stock = buildModel({ units: 20, layers: 2, dropout: 0 }, 9);
    const fast = withFastLstm(stock);
    expect(fast.layers.filter(isFastLstm)).toHaveLength(2);
    const rand = seededRandom(3);
    const steps = Array.from({ length: 25 }, () => [...new Set(Array.from({ length: 6 }, () => Math.floor(rand() * INPUT_SIZE)))]);
    const x = new Float32Array(steps.length * INPUT_SIZE);
    steps.forEach((active, t) => active.forEach((u) => (x[t * INPUT_SIZE + u] = 1)));
    const [pitchT] = fast.predict(tf.tensor3d(x, [1, steps.length, INPUT_SIZE])) as tf.Tensor[];
    const pitch = pitchT.arraySync() as number[][][];
    const a = LstmStepper.fromModel(fast);
    const b = LstmStepper.fromModel(stock);
    let worst = 0;
    steps.forEach((active, t) => {
      const pa = softmax(a.step(active).pitchLogits);
      const pb = softmax(b.step(active).pitchLogits);
      for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i] - pitch[0][t][i]), Math.abs(pa[i] - pb[i]));
    });
    expect(worst).toBeLessThan(1e-5);
    stock.dispose();
    fast.dispose();
  });
});
