// What the whole-step fast path (train-step.ts) reads from a LickLab network and writes back: the
// layout buildModel makes (network.ts: input -> lstm_1..n, each optionally followed by a dropout
// -> dense softmax heads `pitch` and `dur`), checked here so any other model keeps the tfjs step.
// In wasm all weights sit in one flat block (so the gradient norm and Adam are one kernel each):
// per LSTM layer kernel [I, 4U], recurrent kernel [U, 4U], bias [4U], then both heads as one
// kernel [U, P + D] (row u = pitch row u, then dur row u) and one bias [P + D].
import * as tf from '@tensorflow/tfjs';
import { fastLstmUnsupported } from './fast-lstm-layer';

export interface NetworkPlan {
  /** Input size of each LSTM layer (the first: the model's input; later ones: units). */
  inputs: number[];
  units: number;
  /** The dropout rate after every LSTM layer (0 = no dropout layers). */
  dropout: number;
  pitchTokens: number;
  durTokens: number;
  lstms: tf.layers.Layer[];
  pitch: tf.layers.Layer;
  dur: tf.layers.Layer;
}

/** Float offsets of each weight in the flat block. */
export interface WeightOffsets {
  layers: { W: number; Ur: number; b: number }[];
  Wh: number;
  bh: number;
  total: number;
  /** [offset, length] of every kernel (what the L2 penalty covers: not the biases). */
  kernels: [number, number][];
}

type Config = tf.serialization.ConfigDict;

/** The plan of a LickLab network, or why the whole-step fast path cannot train it. */
export function planNetwork(model: tf.LayersModel): NetworkPlan | string {
  const lstms: tf.layers.Layer[] = [];
  const rates: number[] = [];
  let pitch: tf.layers.Layer | null = null;
  let dur: tf.layers.Layer | null = null;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const config = layer.getConfig() as Config;
    if (cls === 'InputLayer') continue;
    if (cls === 'LSTM') {
      const why = fastLstmUnsupported(config);
      if (why) return `${layer.name}: ${why}`;
      if (rates.length !== 0 && rates.length !== lstms.length)
        return `${layer.name} follows an LSTM without a dropout layer while others have one`;
      lstms.push(layer);
    } else if (cls === 'Dropout') {
      if (rates.length !== lstms.length - 1) return `dropout layer ${layer.name} does not follow an LSTM layer`;
      if (config.noiseShape != null) return `dropout layer ${layer.name} has a noise shape`;
      rates.push(config.rate as number);
    } else if (cls === 'Dense' && (layer.name === 'pitch' || layer.name === 'dur')) {
      if (config.activation !== 'softmax' || config.useBias !== true) return `head ${layer.name} is not a dense softmax layer with a bias`;
      if (layer.name === 'pitch') pitch = layer;
      else dur = layer;
    } else {
      return `layer ${layer.name} (${cls}) is not part of LickLab's network`;
    }
  }
  if (!lstms.length || !pitch || !dur) return 'the model has no LSTM layer or lacks a pitch or dur head';
  if (rates.length && rates.length !== lstms.length) return 'some LSTM layers have a dropout layer after them and some do not';
  if (rates.some((r) => r !== rates[0] || !(r >= 0 && r < 1))) return `dropout rates ${rates.join(', ')} differ or are out of [0, 1)`;
  const units = (lstms[0].getConfig() as Config).units as number;
  if (lstms.some((l) => (l.getConfig() as Config).units !== units)) return 'the LSTM layers have different sizes';
  const inputShape = model.inputs[0].shape;
  const inputSize = inputShape[inputShape.length - 1];
  if (model.inputs.length !== 1 || inputShape.length !== 3 || !inputSize)
    return 'the model does not take one [batch, time, features] input';
  return {
    inputs: lstms.map((_, i) => (i === 0 ? inputSize : units)),
    units,
    dropout: rates[0] ?? 0,
    pitchTokens: (pitch.getConfig() as Config).units as number,
    durTokens: (dur.getConfig() as Config).units as number,
    lstms,
    pitch,
    dur,
  };
}

export function weightOffsets(plan: NetworkPlan): WeightOffsets {
  const G = 4 * plan.units;
  const N = plan.pitchTokens + plan.durTokens;
  let at = 0;
  const take = (n: number) => ((at += n), at - n);
  const layers = plan.inputs.map((I) => ({ W: take(I * G), Ur: take(plan.units * G), b: take(G) }));
  const Wh = take(plan.units * N);
  const bh = take(N);
  const kernels: [number, number][] = [
    ...layers.flatMap((l, i): [number, number][] => [
      [l.W, plan.inputs[i] * G],
      [l.Ur, plan.units * G],
    ]),
    [Wh, plan.units * N],
  ];
  return { layers, Wh, bh, total: at, kernels };
}

/** The model's weights into the flat block. */
export function readWeights(plan: NetworkPlan, off: WeightOffsets, into: Float32Array): void {
  plan.lstms.forEach((layer, i) => {
    const [W, Ur, b] = layer.getWeights().map((t) => t.dataSync() as Float32Array);
    into.set(W, off.layers[i].W);
    into.set(Ur, off.layers[i].Ur);
    into.set(b, off.layers[i].b);
  });
  const [pk, pb] = plan.pitch.getWeights().map((t) => t.dataSync() as Float32Array);
  const [dk, db] = plan.dur.getWeights().map((t) => t.dataSync() as Float32Array);
  const { pitchTokens: P, durTokens: D } = plan;
  for (let u = 0; u < plan.units; u++) {
    into.set(pk.subarray(u * P, (u + 1) * P), off.Wh + u * (P + D));
    into.set(dk.subarray(u * D, (u + 1) * D), off.Wh + u * (P + D) + P);
  }
  into.set(pb, off.bh);
  into.set(db, off.bh + P);
}

/** The flat block back into the model's variables (same shapes and names as before). */
export function writeWeights(plan: NetworkPlan, off: WeightOffsets, from: Float32Array): void {
  const G = 4 * plan.units;
  const U = plan.units;
  const { pitchTokens: P, durTokens: D } = plan;
  tf.tidy(() => {
    plan.lstms.forEach((layer, i) => {
      const o = off.layers[i];
      const I = plan.inputs[i];
      layer.setWeights([
        tf.tensor2d(from.slice(o.W, o.W + I * G), [I, G]),
        tf.tensor2d(from.slice(o.Ur, o.Ur + U * G), [U, G]),
        tf.tensor1d(from.slice(o.b, o.b + G)),
      ]);
    });
    const pk = new Float32Array(U * P);
    const dk = new Float32Array(U * D);
    for (let u = 0; u < U; u++) {
      pk.set(from.subarray(off.Wh + u * (P + D), off.Wh + u * (P + D) + P), u * P);
      dk.set(from.subarray(off.Wh + u * (P + D) + P, off.Wh + (u + 1) * (P + D)), u * D);
    }
    plan.pitch.setWeights([tf.tensor2d(pk, [U, P]), tf.tensor1d(from.slice(off.bh, off.bh + P))]);
    plan.dur.setWeights([tf.tensor2d(dk, [U, D]), tf.tensor1d(from.slice(off.bh + P, off.bh + P + D))]);
  });
}
