// The fast LSTM path, on every backend (placement.ts says which part runs where). The network
// builder calls createLstmLayer(args) where it called tf.layers.lstm(args); everything else
// (training loop, save/load, stepper) is unchanged, and saved models are standard tfjs LSTM models.
import * as tf from '@tensorflow/tfjs';
import { fastLstmClass, type LstmArgs } from './fast-lstm-layer';
import { installFastMatMul } from './fast-matmul';
import { fastLstmEnabled } from './placement';

export { fastLstmClass, fastLstmUnsupported, type LstmArgs, type FastLstmLayer } from './fast-lstm-layer';
export { installFastMatMul, uninstallFastMatMul, fastMatMulInstalled } from './fast-matmul';
export { FastTrainStep, fastTrainStepFor, type FastStepOptions } from './train-step';
export { LstmRun, toSparse, type LstmInput, type LstmGrads, type SparseRows } from './lstm-compute';
export {
  describeLstmPlacement,
  describePlacement,
  fastLstmEnabled,
  fastStepEnabled,
  stepProductsOn,
  type PlacementPart,
  type ProductsOn,
} from './placement';

/** An LSTM layer: FastLSTM (wasm kernels for the recurrence, hand-written BPTT) unless the config needs something the fast op does not
 *  do; then the stock tf.layers.lstm. Call it after the backend is chosen (initBackend). On the wasm
 *  backend it also routes transposed matrix products (the heads' gradients) to our GEMM
 *  (fast-matmul.ts). LICKLAB_FAST_LSTM=0 turns the fast path off. */
export function createLstmLayer(args: LstmArgs): ReturnType<typeof tf.layers.lstm> {
  if (!fastLstmEnabled()) return tf.layers.lstm(args);
  const layer = new (fastLstmClass())(args);
  if (layer.fastUnsupported) return tf.layers.lstm(args);
  installFastMatMul();
  return layer;
}

/** Whether a layer runs the fast path. */
export function isFastLstm(layer: tf.layers.Layer): boolean {
  return layer instanceof fastLstmClass();
}

/** The same model (config and weights) with its LSTM layers as FastLSTM: for a model that was
 *  loaded (loading always gives stock LSTMs) and is about to be trained. Returns the model itself
 *  when the fast path is off (LICKLAB_FAST_LSTM=0). */
export function withFastLstm(model: tf.LayersModel): tf.LayersModel {
  if (!fastLstmEnabled()) return model;
  const Fast = fastLstmClass();
  const custom = { LSTM: [Fast, (cls: typeof Fast, config: LstmArgs) => new cls(config)] } as unknown as tf.serialization.ConfigDict;
  // Container.fromConfig reads custom classes from the config itself (as deserialization does).
  const config = { ...(model.getConfig() as tf.serialization.ConfigDict), customObjects: custom };
  const copy = tf.LayersModel.fromConfig(tf.LayersModel, config) as tf.LayersModel;
  copy.setWeights(model.getWeights());
  installFastMatMul();
  return copy;
}
