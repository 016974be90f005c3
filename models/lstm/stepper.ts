// One stateful LSTM step per event. Generation never re-feeds the growing window to tf (O(n^2) and
// a tensor round-trip per event): it copies the trained weights of the contract's layers (lstm_1..n,
// heads `pitch` and `dur`) once and keeps (h, c) per layer. The step itself runs in float32 on the
// training path's wasm SIMD kernels (fast/wasm-stepper.ts), with no allocation per step.
// Keras/tfjs layout: kernel [in, 4u], recurrent_kernel [u, 4u], bias [4u], gate order i, f, c, o.
// A network says its vocabulary by its shape (input size, head sizes): `vocabulary` is the one
// whose sizes it has (v1 and v2 differ in all three).
import type * as tf from '@tensorflow/tfjs';
import { WasmStepCore } from './fast/wasm-stepper';
import { ENCODING_VERSIONS, vocabularyFor, vocabularyForSizes, type Vocabulary } from '../music/encodings';

export type GateActivation = 'sigmoid' | 'hardSigmoid';

export interface LstmLayerWeights {
  units: number;
  inputSize: number;
  kernel: Float32Array; // [inputSize, 4 * units] row-major
  recurrent: Float32Array; // [units, 4 * units]
  bias: Float32Array; // [4 * units]
  recurrentActivation: GateActivation;
}

export interface HeadWeights {
  inputSize: number;
  units: number;
  kernel: Float32Array; // [inputSize, units]
  bias: Float32Array;
  softmax: boolean; // false: the head outputs logits (linear)
}

export interface StepperWeights {
  layers: LstmLayerWeights[];
  pitch: HeadWeights;
  dur: HeadWeights;
}

/** Pre-softmax scores of both heads after one step (softmax(logits) = the model's probabilities). */
export interface StepOutput {
  pitchLogits: Float32Array;
  durLogits: Float32Array;
}

/** The recurrent state, copyable so a step or phrase can be retried. */
export interface StepperState {
  h: Float32Array[];
  c: Float32Array[];
}

type LayerConfig = Record<string, unknown> & { layer?: { config?: Record<string, unknown> } };

function activationName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'className' in value) return String((value as { className: unknown }).className);
  return String(value);
}

/** A weight as a reader found it (a tf.LayersModel here, model files in stepper-weights-file.ts). */
export interface WeightView {
  shape: readonly number[];
  values: Float32Array;
}

/** An LSTM layer's weights, checked: the one set of checks for both readers. */
export function lstmLayerOf(name: string, act: string, rec: string, weights: WeightView[]): LstmLayerWeights {
  if (act !== 'tanh') throw new Error(`layer ${name}: activation must be tanh, got ${act}`);
  if (rec !== 'sigmoid' && rec !== 'hardSigmoid') throw new Error(`layer ${name}: unsupported recurrent activation ${rec}`);
  if (weights.length !== 3) throw new Error(`layer ${name}: expected kernel, recurrent_kernel and bias, got ${weights.length} weights`);
  const [kernel, recurrent, bias] = weights;
  const units = recurrent.shape[0];
  if (kernel.shape[1] !== 4 * units || recurrent.shape[1] !== 4 * units || bias.shape[0] !== 4 * units) {
    throw new Error(`layer ${name}: weight shapes ${kernel.shape}, ${recurrent.shape}, ${bias.shape} do not fit an LSTM of ${units} units`);
  }
  return {
    units,
    inputSize: kernel.shape[0],
    kernel: kernel.values,
    recurrent: recurrent.values,
    bias: bias.values,
    recurrentActivation: rec,
  };
}

/** An output head's weights (Dense, softmax or linear), checked. */
export function headOf(name: string, act: string, weights: WeightView[]): HeadWeights {
  if (act !== 'softmax' && act !== 'linear') throw new Error(`head ${name}: activation must be softmax or linear, got ${act}`);
  if (weights.length !== 2) throw new Error(`head ${name}: expected kernel and bias, got ${weights.length} weights`);
  const [kernel, bias] = weights;
  if (kernel.shape.length !== 2) throw new Error(`head ${name}: kernel shape ${kernel.shape} is not [inputs, outputs]`);
  return { inputSize: kernel.shape[0], units: kernel.shape[1], kernel: kernel.values, bias: bias.values, softmax: act === 'softmax' };
}

const viewsOf = (layer: tf.layers.Layer): WeightView[] =>
  layer.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync()) }));

function readLstm(model: tf.LayersModel, name: string): LstmLayerWeights {
  const layer = model.getLayer(name);
  const config = layer.getConfig() as LayerConfig;
  return lstmLayerOf(name, activationName(config.activation), activationName(config.recurrentActivation), viewsOf(layer));
}

function readHead(model: tf.LayersModel, name: string): HeadWeights {
  const layer = model.getLayer(name);
  const config = layer.getConfig() as LayerConfig;
  // A TimeDistributed(Dense) wrapper keeps its Dense config one level down.
  return headOf(name, activationName(config.activation ?? config.layer?.config?.activation ?? 'linear'), viewsOf(layer));
}

/** Copy the weights of a contract-shaped tf.LayersModel (throws a specific error when it is not one). */
export function extractStepperWeights(model: tf.LayersModel): StepperWeights {
  const names = model.layers.map((l) => l.name);
  const lstmNames = names.filter((n) => /^lstm_\d+$/.test(n)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (lstmNames.length === 0) throw new Error(`the model has no LSTM layer named lstm_1 (layers: ${names.join(', ')})`);
  lstmNames.forEach((n, i) => {
    if (n !== `lstm_${i + 1}`) throw new Error(`LSTM layers must be numbered lstm_1..lstm_n, found ${lstmNames.join(', ')}`);
  });
  for (const head of ['pitch', 'dur']) if (!names.includes(head)) throw new Error(`the model has no output head named "${head}"`);
  const layers = lstmNames.map((n) => readLstm(model, n));
  for (let i = 1; i < layers.length; i++) {
    if (layers[i].inputSize !== layers[i - 1].units)
      throw new Error(`lstm_${i + 1} input size ${layers[i].inputSize} != lstm_${i} units ${layers[i - 1].units}`);
  }
  const last = layers[layers.length - 1].units;
  const pitch = readHead(model, 'pitch');
  const dur = readHead(model, 'dur');
  for (const h of [pitch, dur])
    if (h.inputSize !== last) throw new Error(`an output head reads ${h.inputSize} values but the last LSTM has ${last} units`);
  const weights = { layers, pitch, dur };
  vocabularyOfWeights(weights); // throws when no vocabulary fits the shapes
  return weights;
}

/** The vocabulary whose sizes the weights have; a specific error when none does. */
export function vocabularyOfWeights(w: StepperWeights): Vocabulary {
  const inputSize = w.layers[0]?.inputSize ?? 0;
  const found = vocabularyForSizes(inputSize, w.pitch.units, w.dur.units);
  if (found) return found;
  const known = ENCODING_VERSIONS.map((v) => {
    const k = vocabularyFor(v);
    return `${v}: ${k.inputSize} inputs, ${k.pitchTokens} pitch and ${k.durationTokens} duration tokens`;
  });
  throw new Error(
    `the model takes ${inputSize} inputs and has ${w.pitch.units} pitch and ${w.dur.units} duration outputs, which fits no known vocabulary (${known.join('; ')}): the model was made for another encoding`,
  );
}

export class LstmStepper {
  private readonly core: WasmStepCore;
  private readonly out: StepOutput;

  /** The vocabulary the network reads and writes (from its shapes). */
  readonly vocabulary: Vocabulary;

  constructor(readonly weights: StepperWeights) {
    this.vocabulary = vocabularyOfWeights(weights);
    this.core = new WasmStepCore(weights);
    this.out = { pitchLogits: this.core.pitchLogits, durLogits: this.core.durLogits };
  }

  static fromModel(model: tf.LayersModel): LstmStepper {
    return new LstmStepper(extractStepperWeights(model));
  }

  /** Back to the zero state of a fresh sequence (what model.predict starts from). */
  reset(): void {
    this.core.reset();
  }

  snapshot(): StepperState {
    return { h: this.core.h.map((a) => a.slice()), c: this.core.c.map((a) => a.slice()) };
  }

  restore(state: StepperState): void {
    state.h.forEach((a, i) => this.core.h[i].set(a));
    state.c.forEach((a, i) => this.core.c[i].set(a));
  }

  /** Feed one event whose input units `active` are 1 (all others 0); returns both heads' logits.
   *  The returned arrays are reused by the next step: copy them to keep them. */
  step(active: readonly number[]): StepOutput {
    this.core.step(active);
    return this.out;
  }
}

/** softmax(logits / temperature) as a new Float64Array (temperature 1 = the model's own distribution). */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp((logits[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
