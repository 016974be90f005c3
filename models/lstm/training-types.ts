// Shapes that leave the trainer: per-epoch records (saved in licklab.json, charted by the UI,
// printed by `licklab train --json`) and batch progress events.
import type { Hyperparameters, PresetName } from './hyperparameters';
import type { Split } from './split';
import type { BaselineLosses } from './baselines';

/** One finished epoch. Losses are mean nats per event (note or rest), never summed; the
 *  `...NatsPerNote` fields are the same totals divided by the notes (rest events' nats included),
 *  the unit that compares encodings (absent in models saved before they were recorded). */
export interface EpochRecord {
  epoch: number; // 1-based
  trainLoss: number; // mean over the epoch's training batches (dropout on), nats/event
  devLoss: number; // mean over all dev events, inference mode, nats/event
  trainPerplexity: number; // exp(trainLoss)
  devPerplexity: number; // exp(devLoss)
  devAccuracy: number; // argmax pitch AND duration both right
  devPitchAccuracy: number;
  devDurAccuracy: number;
  unigramDevLoss: number; // same dev events, baselines fitted on the same train split
  bigramDevLoss: number;
  ms: number; // wall time of the epoch (training + dev evaluation)
  trainEvents: number; // events trained on in this epoch
  eventsPerSec: number; // training throughput
  trainNatsPerNote?: number; // the epoch's training total / its notes
  devNatsPerNote?: number; // the dev total / the dev notes
  unigramDevNatsPerNote?: number;
  bigramDevNatsPerNote?: number;
}

/** Sent after every training batch. */
export interface BatchProgress {
  type: 'batch';
  epoch: number;
  batch: number; // 1-based within the epoch
  batches: number; // batches per epoch
  trainLoss: number; // running mean over this epoch so far
  eventsPerSec: number; // this epoch so far
  epochEtaSec: number; // until this epoch's training batches end
  etaSec: number; // until the last allowed epoch ends (an upper bound: early stopping may end sooner)
}

export type StopReason = 'completed' | 'early-stopped' | 'cancelled' | 'diverged';

export interface CorpusSummary {
  tunes: number;
  sources: number;
  events: number;
  trainTunes: number;
  devTunes: number;
  trainEvents: number;
  devEvents: number;
  /** Notes (rest events excluded); events above are in the run's encoding. */
  notes?: number;
  trainNotes?: number;
  devNotes?: number;
}

export interface TrainTimings {
  totalMs: number;
  msPerEpoch: number; // mean over finished epochs
  msPerBatch: number; // mean training batch
}

export interface TrainResult {
  preset: PresetName;
  hyperparameters: Hyperparameters;
  seed: number;
  devFraction: number | null; // null when the split was given
  split: Split;
  corpus: CorpusSummary;
  baselines: BaselineLosses;
  history: EpochRecord[];
  bestEpoch: number | null; // null if no epoch finished
  bestDevLoss: number | null;
  bestDevNatsPerNote?: number | null; // the best epoch's dev loss per note
  stopReason: StopReason;
  error?: string; // set when stopReason is 'diverged'
  timings: TrainTimings;
}
