// Training knobs and the three presets. `coursera` is the course exercise's shape (1 x 64, Adam
// 0.01, windows of 30) kept for comparison; `default` is chosen by dev loss AND training time on
// this machine's backend (numbers below); `custom` starts from `default` and takes flags.
// Every preset trains in DEFAULT_TRAINING_ENCODING (v2); `encoding` picks v1 for comparison.
import { DEFAULT_TRAINING_ENCODING, isEncodingVersion, ENCODING_VERSIONS, type EncodingVersion } from '../music/encodings';

export type PresetName = 'coursera' | 'default' | 'custom';
export const PRESET_NAMES: readonly PresetName[] = ['coursera', 'default', 'custom'];

export interface Hyperparameters {
  units: number; // LSTM units per layer
  layers: number; // stacked LSTM layers
  dropout: number; // dropout after each LSTM layer (0 = none)
  l2: number; // L2 penalty on kernels (0 = none), added to the training loss only
  learningRate: number; // Adam
  batchSize: number; // windows per batch
  window: number; // events per training window (truncated BPTT length)
  stride: number; // step between window starts within a tune (= window: non-overlapping)
  epochs: number; // maximum epochs
  patience: number; // epochs without a better dev loss before stopping
  clipNorm: number; // global gradient-norm clip (keeps Adam at lr 0.01 from exploding)
  /** The event encoding the network reads and writes. Set by every preset; absent (hyperparameters
   *  written before v2, or a bare shape) = licklab-events-v1. */
  encoding?: EncodingVersion;
}

// Why `default` is 1 x 128, window 48, batch 16, Adam 0.01, dropout 0.2. Default corpus (51 etudes,
// 16k train events; dev baselines: unigram 4.40, bigram 3.00 nats/note), patience 6, best dev loss
// and wall time of the whole run with the fast LSTM path (wasm, 2 shared cores):
//   1 x 128, dropout 0.2:            2.160 nats, 10 s
//   1 x 256, dropout 0.3:            2.163 nats, 18 s
//   1 x 384, dropout 0.4, lr 0.005:  2.187 nats, 34 s
//   2 x 128, dropout 0.2:            2.136 nats, 17 s
//   2 x 256, dropout 0.3:            2.130 nats, 54 s
// A second layer buys ~0.03 nats on this small corpus for 2-5x the time, 2-7x the weights and a
// slower sampler; wider single layers overfit. On real solos (WJD: 300k events) bigger shapes pay
// off: use `custom` (--units/--layers). Before the fast path (tf.layers.lstm on wasm) the 1 x 128
// run took ~17 s per epoch and 2 x 256 ~19 s per batch, which ruled larger models out entirely.

export const PRESETS: Record<PresetName, Hyperparameters> = {
  coursera: { units: 64, layers: 1, dropout: 0, l2: 0, learningRate: 0.01, batchSize: 32, window: 30, stride: 30, epochs: 100, patience: 10, clipNorm: 5, encoding: DEFAULT_TRAINING_ENCODING },
  default: { units: 128, layers: 1, dropout: 0.2, l2: 0, learningRate: 0.01, batchSize: 16, window: 48, stride: 48, epochs: 40, patience: 5, clipNorm: 5, encoding: DEFAULT_TRAINING_ENCODING },
  custom: { units: 128, layers: 1, dropout: 0.2, l2: 0, learningRate: 0.01, batchSize: 16, window: 48, stride: 48, epochs: 40, patience: 5, clipNorm: 5, encoding: DEFAULT_TRAINING_ENCODING },
};

/** A preset with overrides applied and every knob checked; throws a clear error on a bad value. */
export function resolveHyperparameters(preset: PresetName, overrides: Partial<Hyperparameters> = {}): Hyperparameters {
  if (!PRESET_NAMES.includes(preset)) throw new Error(`unknown preset "${preset}" (expected ${PRESET_NAMES.join(', ')})`);
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<Hyperparameters>;
  const hp: Hyperparameters = { ...PRESETS[preset], ...defined };
  if (defined.window !== undefined && defined.stride === undefined) hp.stride = hp.window;
  validateHyperparameters(hp);
  return hp;
}

export type NumericKnob = Exclude<keyof Hyperparameters, 'encoding'>;

/** A knob's allowed values: the one range the trainer, the CLI, the contract and the form check. */
export interface KnobLimit {
  integer?: boolean;
  min: number;
  max: number;
  openMin?: boolean; // min itself not allowed
  openMax?: boolean; // max itself not allowed
}

export const KNOB_LIMITS: Record<NumericKnob, KnobLimit> = {
  units: { integer: true, min: 1, max: 2048 },
  layers: { integer: true, min: 1, max: 8 },
  batchSize: { integer: true, min: 1, max: 4096 },
  window: { integer: true, min: 2, max: 4096 },
  stride: { integer: true, min: 1, max: 4096 },
  epochs: { integer: true, min: 1, max: 100000 },
  patience: { integer: true, min: 1, max: 100000 },
  dropout: { min: 0, max: 1, openMax: true },
  l2: { min: 0, max: 1 },
  learningRate: { min: 0, max: 10, openMin: true },
  clipNorm: { min: 0, max: 1e6, openMin: true },
};

/** The run settings beside the knobs: the share of files held out for dev, the split and init
 *  seed, how often training plays a sample, and how often the sample panel runs. */
export const RUN_LIMITS = {
  devFraction: { min: 0, max: 0.5, openMin: true },
  seed: { integer: true, min: -2147483648, max: 2147483647 },
  sampleEvery: { integer: true, min: 0, max: 1000 },
  /** The sample panel every N epochs (0 = never; unset = on a time budget, eval/panel.ts). */
  panelEvery: { integer: true, min: 0, max: 1000 },
} satisfies Record<string, KnobLimit>;

/** Whether `v` is allowed by `limit`. */
export function withinLimit(v: number, limit: KnobLimit): boolean {
  if (!Number.isFinite(v) || (limit.integer && !Number.isInteger(v))) return false;
  return (limit.openMin ? v > limit.min : v >= limit.min) && (limit.openMax ? v < limit.max : v <= limit.max);
}

/** "an integer in [1, 2048]" / "in (0, 10]": the limit in words, for error messages. */
export function describeLimit(limit: KnobLimit): string {
  const range = `${limit.openMin ? '(' : '['}${limit.min}, ${limit.max}${limit.openMax ? ')' : ']'}`;
  return limit.integer ? `an integer in ${range}` : `in ${range}`;
}

export function validateHyperparameters(hp: Hyperparameters): void {
  for (const [name, limit] of Object.entries(KNOB_LIMITS) as [NumericKnob, KnobLimit][]) {
    if (!withinLimit(hp[name], limit)) throw new Error(`${name} must be ${describeLimit(limit)}, got ${hp[name]}`);
  }
  if (hp.encoding !== undefined && !isEncodingVersion(hp.encoding)) {
    throw new Error(`encoding must be one of ${ENCODING_VERSIONS.join(', ')}, got ${JSON.stringify(hp.encoding)}`);
  }
  if (hp.stride > hp.window) throw new Error(`stride (${hp.stride}) must not exceed window (${hp.window}): events would be skipped`);
}
