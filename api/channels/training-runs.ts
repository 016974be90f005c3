// The training dashboard's run and library records, as the trainer and the main process send them
// to the renderer: a run's info, progress state and end, its samples and kept checkpoints, and the
// model library's entries (with a fine-tuned model's parent). The channels: training.ts.
import type { Hyperparameters, PresetName } from '../../models/lstm/hyperparameters';
import type { ModelQuality } from '../../models/lstm/quality';
import type { BatchProgress, EpochRecord, ParentModel, StopReason } from '../../models/lstm/training-types';
import type { Bar, ChordSpan, Note } from '../../models/music/types';

/** The checkpoints a run keeps: by dev loss, by sample score, and the epoch the musician starred. */
export type CheckpointKind = 'best-dev' | 'best-sample' | 'starred';
export const CHECKPOINT_KINDS: readonly CheckpointKind[] = ['best-dev', 'best-sample', 'starred'];
export interface CheckpointRow {
  kind: CheckpointKind;
  epoch: number;
  devLoss: number;
  score: number | null; // the epoch's sample score, when the panel ran then
  inUse: boolean; // the one the model folder holds (what the studio generates with)
}
export interface SampleTake {
  epoch: number;
  label: string; // "epoch 4" or "best (epoch 3)"
  notes: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  tempo: number;
  seed: number;
  temperature: number;
}
export interface RunInfo {
  runId: string;
  modelId: string; // the library folder the run writes to (checkpoints, then the final model)
  preset: PresetName;
  hyperparameters: Hyperparameters;
  devFraction: number;
  seed: number;
  trainFiles: number;
  devFiles: number;
  trainEvents: number;
  devEvents: number;
  baselines: { unigramDevLoss: number; bigramDevLoss: number };
  backend: string;
  fallbackReason?: string;
  startedAt: string;
  /** Set when the run fine-tunes another model (its weights and vocabulary). */
  parent?: ParentModel;
  /** What the split is (by file, or by phrase for one file) and how little dev data it holds. */
  splitNote?: string;
}
export interface RunDone {
  runId: string;
  stopReason: StopReason | 'failed';
  bestEpoch: number | null;
  bestDevLoss: number | null;
  /** Set when a model was saved to the library. */
  modelId: string | null;
  message: string;
  error?: string;
  /** The name the training panel offers for the saved model (corpus, preset, epochs), e.g. "wjd - solos - 12 epochs". */
  suggestedName?: string;
  /** The saved model's quality (weak or not), as the library shows it. */
  quality?: ModelQuality | null;
}
export interface RunState {
  info: RunInfo;
  running: boolean;
  history: EpochRecord[];
  samples: SampleTake[];
  progress: BatchProgress | null;
  /** The epoch whose best-dev checkpoint is on disk (kept if the trainer crashes). */
  checkpointEpoch: number | null;
  /** The first take of each epoch's sample panel (over a dev solo's changes), to hear by clicking. */
  panelTakes?: SampleTake[];
  starredEpoch?: number | null;
  done: RunDone | null;
}

export interface LibraryModel {
  id: string;
  name: string;
  readOnly: boolean; // the shipped default
  active: boolean;
  /** Set when the folder cannot be read as a model: only id/name are meaningful then. */
  problem?: string;
  createdAt: string;
  preset: string;
  hyperparameters: Partial<Hyperparameters>;
  backend: string;
  corpus: { label: string; files: number; tunes: number; events: number; trainTunes: number; devTunes: number };
  bestEpoch: number | null;
  bestDevLoss: number | null;
  baselines: { unigramDevLoss: number; bigramDevLoss: number } | null;
  history: EpochRecord[];
  stopReason: string;
  note?: string;
  /** The model it was fine-tuned from (absent: trained from a fresh network): its lineage. */
  parent?: ParentModel;
  splitNote?: string;
  /** The run's kept checkpoints (absent for models trained before them, or imported). */
  checkpoints?: CheckpointRow[];
  /** Weak when its best dev loss is not clearly below the bigram baseline (models/lstm/quality.ts);
   *  null when it cannot be judged (no finished epoch or no baseline). */
  quality?: ModelQuality | null;
}
export interface LibraryList {
  models: LibraryModel[];
  activeId: string;
}
export interface ModelBundle {
  format: 'licklab-model-bundle';
  formatVersion: 1;
  name: string;
  files: { 'model.json': string; 'licklab.json': string; 'weights.bin': string /* base64 */ };
}
