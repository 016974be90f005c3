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
  ms: number; // wall time of the epoch (training + dev evaluation + the sample panel when it ran)
  trainEvents: number; // events trained on in this epoch
  eventsPerSec: number; // training throughput
  trainNatsPerNote?: number; // the epoch's training total / its notes
  devNatsPerNote?: number; // the dev total / the dev notes
  unigramDevNatsPerNote?: number;
  bigramDevNatsPerNote?: number;
  /** The sample panel's figures at this epoch (eval/panel.ts); absent when the panel did not run
   *  this epoch, and in every epoch of models saved before the panel existed ("no sample history"). */
  sample?: EpochSample;
}

/** Figures of a set of lines over the panel's bars (sample-stats.ts and copying.ts define them). */
export interface SampleFigures {
  chordToneStrong: number | null; // chord tones among notes on strong beats
  stepShare: number | null; // intervals of at most 2 semitones
  notesPerBar: number | null;
  restShare: number | null; // silences among notes + silences
  offBeatShare: number | null; // onsets off the beat
  longestCopiedRun: number | null; // notes copied verbatim from the training files, mean over lines of each line's longest run
  ngram8Share: number | null; // 8-note n-grams found in the training files
}

/** The sample panel of one epoch: takes over the dev solos' own changes (fixed seeds, temperature
 *  1) measured against those solos. `dev` holds the real dev solos' figures over the same bars
 *  (the same every epoch): the reference, including how much real players "copy" the training files. */
export interface EpochSample extends SampleFigures {
  score: number; // "sounds like the dev set", 0..1 (formula: eval/panel-score.ts)
  intervalJS: number | null; // Jensen-Shannon distances (bits) to the dev solos' histograms
  durationJS: number | null;
  ioiJS: number | null;
  longestCopiedRunMax: number | null; // the longest run of any take
  takes: number;
  notes: number; // notes in all takes
  bars: number; // bars of the panel (all takes)
  ms: number; // wall time of the panel (generation + figures)
  dev: SampleFigures;
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
  panelMs?: number; // the sample panels, summed (a share of totalMs)
}

/** What early stopping watches: the dev loss (default) or the sample panel's score. */
export type StopOn = 'dev-loss' | 'sample-score';
export const STOP_ON: readonly StopOn[] = ['dev-loss', 'sample-score'];

/** How the sample panel ran: its size and schedule, or why it could not. */
export type PanelInfo =
  { takes: number; bars: number; seed: number; every: number | 'auto'; budget: number; devSolos: number } | { unavailable: string };

/** The model a fine-tune run started from (its weights and vocabulary): the lineage the library shows. */
export interface ParentModel {
  id: string; // its library id ('@default' for the shipped default model) or its folder
  name: string;
  encodingVersion: string;
  units: number;
  layers: number;
  preset: string;
  bestDevNatsPerNote: number | null; // on its own dev set
  corpus?: string; // the name of the folder it was trained on
  /** Its dev loss on THIS run's dev set before any fine-tuning (what epoch 1 starts from). */
  startDevNatsPerNote?: number;
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
  stopOn?: StopOn;
  /** The epoch with the best sample score (null: no panel ran); the weights kept are the best-dev epoch's. */
  bestSampleEpoch?: number | null;
  panel?: PanelInfo;
  /** Set when the run started from another model's weights (fine-tuning). */
  parent?: ParentModel;
  /** What the split is (by file, or by phrase for one file) and how little dev data there is. */
  splitNote?: string;
}
