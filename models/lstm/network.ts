// The network (layout fixed in notes/contracts.md, the sampler's stepper depends on it):
// one-hot/multi-hot input [batch, time, inputSize] -> lstm_1..lstm_n (returnSequences) with
// optional dropout between -> two softmax heads `pitch` and `dur` per time step. The sizes are the
// vocabulary's (vocabularyFor(encoding); v1 when the shape names none).
// Without native TensorFlow the LSTM layers are FastLSTM (models/lstm/fast: same weights and saved
// form as tf.layers.lstm, its own WebAssembly SIMD kernels and hand-written backward pass).
import * as tf from '@tensorflow/tfjs';
import { createLstmLayer } from './fast';
import { vocabularyFor } from '../music/encodings';
import { ENCODING_V1 } from '../music/vocabulary';
import type { Hyperparameters } from './hyperparameters';

export type NetworkShape = Pick<Hyperparameters, 'units' | 'layers' | 'dropout' | 'encoding'>;

/** `stockLstm` forces tf.layers.lstm (benchmarks compare against it); by default the LSTM layers are
 *  FastLSTM wherever the native backend is absent. */
export function buildModel(shape: NetworkShape, seed?: number, opts: { stockLstm?: boolean } = {}): tf.LayersModel {
  const lstm = opts.stockLstm ? (args: Parameters<typeof tf.layers.lstm>[0]) => tf.layers.lstm(args) : createLstmLayer;
  // Seeded initializers make runs reproducible for a given seed (tests, the default model).
  const init = (k: number) => (seed === undefined ? undefined : seed * 101 + k);
  const vocab = vocabularyFor(shape.encoding ?? ENCODING_V1);
  const input = tf.input({ shape: [null, vocab.inputSize], name: 'events' });
  let x: tf.SymbolicTensor = input;
  for (let i = 1; i <= shape.layers; i++) {
    x = lstm({
      name: `lstm_${i}`,
      units: shape.units,
      returnSequences: true,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      unitForgetBias: true,
      kernelInitializer: tf.initializers.glorotUniform({ seed: init(2 * i) }),
      recurrentInitializer: tf.initializers.glorotUniform({ seed: init(2 * i + 1) }),
    }).apply(x) as tf.SymbolicTensor;
    if (shape.dropout > 0)
      x = tf.layers.dropout({ name: `dropout_${i}`, rate: shape.dropout, seed: init(50 + i) }).apply(x) as tf.SymbolicTensor;
  }
  const pitch = tf.layers
    .dense({
      name: 'pitch',
      units: vocab.pitchTokens,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: init(90) }),
    })
    .apply(x) as tf.SymbolicTensor;
  const dur = tf.layers
    .dense({
      name: 'dur',
      units: vocab.durationTokens,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: init(91) }),
    })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [pitch, dur], name: 'licklab_lstm' });
}

/** LSTM count, units and dropout read back from a built or loaded model (for checks and metadata). */
export function describeNetwork(model: tf.LayersModel): { layers: number; units: number } {
  const lstms = model.layers.filter((l) => /^lstm_\d+$/.test(l.name));
  const units = lstms.length ? (lstms[0].getConfig() as { units: number }).units : 0;
  return { layers: lstms.length, units };
}
