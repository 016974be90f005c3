// Training knobs and the three presets. `coursera` is the course exercise's shape (1 x 64, Adam
// 0.01, windows of 30) kept for comparison; `default` is chosen by dev loss AND training time on
// this machine's backend (numbers below); `custom` starts from `default` and takes flags.

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
}

// Why `default` is 1 x 128, window 48, batch 16, Adam 0.01, dropout 0.2 — measured here (wasm, SIMD,
// 1 thread, 2 shared cores under load 4-9), default corpus (51 etudes, 16k train events; dev
// baselines: unigram 4.40, bigram 3.00 nats/note), 15 epochs, batch 32, best dev loss / s per epoch:
//   1 x 64,  lr 0.01,  dropout 0.1:  2.318 nats,  ~7 s   (still falling slowly)
//   1 x 128, lr 0.01,  dropout 0.2:  2.217 nats, ~17 s   (reaches 2.318 at epoch 11)
//   1 x 192, lr 0.005, dropout 0.3:  2.320 nats, ~16 s   (no better than 128 in this budget)
// On 80 WJD solos (49k train events) after 4 epochs: 64 units 3.38 in ~8 s/epoch, 128 units 3.49
// in ~27 s/epoch (bigram 4.06). Wasm cost is ~linear in events and ~2.5x per unit doubling, and
// a wasm step costs about the same per event at batch 16 or 32, so batch 16 doubles the updates
// per epoch on small corpora. 2 x 256 (~19 s per batch here) is out of reach on wasm.

export const PRESETS: Record<PresetName, Hyperparameters> = {
  coursera: { units: 64, layers: 1, dropout: 0, l2: 0, learningRate: 0.01, batchSize: 32, window: 30, stride: 30, epochs: 100, patience: 10, clipNorm: 5 },
  default: { units: 128, layers: 1, dropout: 0.2, l2: 0, learningRate: 0.01, batchSize: 16, window: 48, stride: 48, epochs: 40, patience: 5, clipNorm: 5 },
  custom: { units: 128, layers: 1, dropout: 0.2, l2: 0, learningRate: 0.01, batchSize: 16, window: 48, stride: 48, epochs: 40, patience: 5, clipNorm: 5 },
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

export function validateHyperparameters(hp: Hyperparameters): void {
  const int = (name: keyof Hyperparameters, min: number, max: number) => {
    const v = hp[name];
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer in [${min}, ${max}], got ${v}`);
  };
  const real = (name: keyof Hyperparameters, lo: number, hi: number, openLo: boolean, openHi = false) => {
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
  if (hp.stride > hp.window) throw new Error(`stride (${hp.stride}) must not exceed window (${hp.window}): events would be skipped`);
}
