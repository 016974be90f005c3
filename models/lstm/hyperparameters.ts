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

type NumericKnob = Exclude<keyof Hyperparameters, 'encoding'>;

export function validateHyperparameters(hp: Hyperparameters): void {
  const int = (name: NumericKnob, min: number, max: number) => {
    const v = hp[name];
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer in [${min}, ${max}], got ${v}`);
  };
  const real = (name: NumericKnob, lo: number, hi: number, openLo: boolean, openHi = false) => {
    const v = hp[name];
    const ok = Number.isFinite(v) && (openLo ? v > lo : v >= lo) && (openHi ? v < hi : v <= hi);
    if (!ok) throw new Error(`${name} must be in ${openLo ? '(' : '['}${lo}, ${hi}${openHi ? ')' : ']'}, got ${v}`);
  };
  int('units', 1, 2048);
  int('layers', 1, 8);
  int('batchSize', 1, 4096);
  int('window', 2, 4096);
  int('stride', 1, 4096);
  int('epochs', 1, 100000);
  int('patience', 1, 100000);
  real('dropout', 0, 1, false, true);
  real('l2', 0, 1, false);
  real('learningRate', 0, 10, true);
  real('clipNorm', 0, 1e6, true);
  if (hp.encoding !== undefined && !isEncodingVersion(hp.encoding)) {
    throw new Error(`encoding must be one of ${ENCODING_VERSIONS.join(', ')}, got ${JSON.stringify(hp.encoding)}`);
  }
  if (hp.stride > hp.window) throw new Error(`stride (${hp.stride}) must not exceed window (${hp.window}): events would be skipped`);
}
