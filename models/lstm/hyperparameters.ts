// Training knobs and the presets. `coursera` is the course exercise's shape (1 x 64, Adam 0.01,
// windows of 30) kept for comparison; `default` suits the bundled default corpus and corpora of its
// size, `solos` real solo collections (both chosen by best dev loss per note AND training time on
// this machine, numbers below); `custom` starts from `default` and takes flags.
// Every preset trains in DEFAULT_TRAINING_ENCODING (v2); `encoding` picks v1 for comparison.
import { DEFAULT_TRAINING_ENCODING, isEncodingVersion, ENCODING_VERSIONS, type EncodingVersion } from '../music/encodings';

export type PresetName = 'coursera' | 'default' | 'solos' | 'custom';
/** Every preset, in the order the CLI, the contract and the form offer them. */
export const PRESET_NAMES: readonly PresetName[] = ['coursera', 'default', 'solos', 'custom'];

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

// Measured with `licklab train --seed 1 --panel-every 0` (v2), best dev loss in nats per NOTE, the
// epoch it came at / epochs run (early stopping), and wall time of the whole run on the native
// backend (tfjs-node, LSTM recurrence on the wasm kernels) with 2 cores shared by other jobs (load
// 5-19 over the hour, so times vary by up to 2x; per-epoch times side by side are in the text).
//
// `default`: the default corpus (180 etudes, 69k notes, 78k v2 events; 162 train / 18 dev files; dev
// baselines: unigram 7.189, bigram 6.458 nats/note), patience 5:
//   1 x 128, dropout 0.2:             4.946 (8/13)   252 s, 19.5 s/epoch
//   2 x 128, dropout 0.2:             4.963 (9/14)   344 s, 26.8 s/epoch
//   1 x 256, dropout 0.3:             4.918 (7/12)   192 s, 15.2 s/epoch (measured when load fell)
// The generated etudes reward capacity little (all three overfit after epoch 7-9); 1 x 128 stays:
// 37% of the 1 x 256 weights (741 kB shipped vs 2.0 MB) and a faster sampler for 0.03 nats. On the 51
// etudes of the first default corpus (v1, per event) a second layer bought 0.03 for 2-5x the time.
//
// `solos`: the 386 WJD solos (175k notes, 199k v2 events; 347 train / 39 dev files; dev baselines:
// unigram 7.370, bigram 6.576 nats/note):
//   default (1 x 128, dropout 0.2, Adam 0.01, window 48, batch 16):    5.357 (7/12)   275 s, 26 s/epoch
//   1 x 256, dropout 0.1, Adam 0.005, window 64, batch 32, patience 4: 5.334 (9/13)   870 s, 69 s/epoch
//   2 x 256, dropout 0.3, Adam 0.005, window 64, batch 32, patience 3: 5.317 (12/14)  497 s, 35 s/epoch (capped at 14)
//   `solos` as defined (same, epochs 40, patience 4):                 5.317 (12/16)  818 s, 49 s/epoch
// (v1 for comparison, default shape: 5.541 nats/note (7/12), 761 s.) The default shape stops
// improving at epoch 7 with train and dev together (5.21 / 5.36): too small and too fast (lr 0.01)
// for real solos. A wider layer with little dropout overfits from epoch 9; two layers of 256 with
// dropout 0.3 and Adam 0.005 keep learning (train / dev 5.24 / 5.32 at epoch 10) and reach the best
// dev loss, 0.04 nats/note below default, for ~3x the whole run's time (1.3-2x per epoch at the
// loads measured) and 4.1 MB of weights: fine for a
// corpus the musician trains once. The ~100k-note line between the presets lies between the two
// corpora measured (69k, 175k), not measured more finely.

const DEFAULT_KNOBS: Hyperparameters = Object.freeze({
  units: 128,
  layers: 1,
  dropout: 0.2,
  l2: 0,
  learningRate: 0.01,
  batchSize: 16,
  window: 48,
  stride: 48,
  epochs: 40,
  patience: 5,
  clipNorm: 5,
  encoding: DEFAULT_TRAINING_ENCODING,
});

export const PRESETS: Record<PresetName, Hyperparameters> = {
  coursera: {
    units: 64,
    layers: 1,
    dropout: 0,
    l2: 0,
    learningRate: 0.01,
    batchSize: 32,
    window: 30,
    stride: 30,
    epochs: 100,
    patience: 10,
    clipNorm: 5,
    encoding: DEFAULT_TRAINING_ENCODING,
  },
  default: DEFAULT_KNOBS,
  solos: {
    units: 256,
    layers: 2,
    dropout: 0.3,
    l2: 0,
    learningRate: 0.005,
    batchSize: 32,
    window: 64,
    stride: 64,
    epochs: 40,
    patience: 4,
    clipNorm: 5,
    encoding: DEFAULT_TRAINING_ENCODING,
  },
  custom: DEFAULT_KNOBS, // the form's starting point, changed knob by knob
};

/** One line per preset for the training form: what it is and which corpus size it suits. */
export const PRESET_NOTES: Record<PresetName, string> = {
  coursera: 'the course exercise (1 × 64, no dropout, windows of 30), for comparison: it memorises small corpora',
  default: 'corpora up to ~100k notes, like the default corpus (69k): 1 × 128, dropout 0.2, window 48',
  solos:
    'real solo collections of ~100k notes and more, like the 386 WJD solos (175k): 2 × 256, dropout 0.3, window 64, Adam 0.005; slower',
  custom: 'your own knobs, starting from the default preset',
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

/** The fine-tune learning rate is the preset's times this (default preset: Adam 0.01 -> 0.005).
 *  Measured fine-tuning the default model on the first 5 WJD solos (by file name) of Parker, Coltrane
 *  and Miles Davis, seeds 1-3 (9 splits, best dev nats/note): x0.5 beat x0.2 on 8 of 9 (by up to
 *  0.08) and reached its best in about half the epochs (4-12 against 10-27); x1 (the preset's own
 *  rate) was within 0.055 of x0.5 either way (better on 6, worse on 2). A fine-tune starts lower
 *  than the preset, as is usual, and at 0.5 that costs next to nothing. */
export const FINE_TUNE_LR_FACTOR = 0.5;

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
