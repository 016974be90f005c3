// A tf.LayersModel built exactly per the network contract (docs: notes/contracts.md), for tests
// that must not wait for the trainer: lstm_1..n, dropout between, softmax heads `pitch` and `dur`.
import * as tf from '@tensorflow/tfjs';
import { DURATION_TOKENS, INPUT_SIZE, PITCH_TOKENS } from '../../../../models/music/vocabulary';

export function buildContractModel(units: number[], opts: { headActivation?: 'softmax' | 'linear' } = {}): tf.LayersModel {
  const input = tf.input({ shape: [null, INPUT_SIZE] });
  let x: tf.SymbolicTensor = input;
  units.forEach((u, i) => {
    if (i > 0) x = tf.layers.dropout({ rate: 0.2, name: `dropout_${i}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .lstm({
        units: u,
        returnSequences: true,
        activation: 'tanh',
        recurrentActivation: 'sigmoid',
        unitForgetBias: true,
        recurrentInitializer: 'glorotUniform',
        name: `lstm_${i + 1}`,
      })
      .apply(x) as tf.SymbolicTensor;
  });
  const act = opts.headActivation ?? 'softmax';
  const pitch = tf.layers.dense({ units: PITCH_TOKENS, activation: act, name: 'pitch' }).apply(x) as tf.SymbolicTensor;
  const dur = tf.layers.dense({ units: DURATION_TOKENS, activation: act, name: 'dur' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [pitch, dur] });
}

/** Give every weight (biases too) random values of a realistic size, reproducibly. */
export function randomizeWeights(model: tf.LayersModel, seed: number, scale = 0.3): void {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  for (const layer of model.layers) {
    const ws = layer.getWeights();
    if (ws.length === 0) continue;
    layer.setWeights(
      ws.map((w) =>
        tf.tensor(
          Float32Array.from({ length: w.size }, () => next() * 2 * scale),
          w.shape,
        ),
      ),
    );
  }
}
