// The end of a training run, one way for the CLI and the app: train, then write the model folder
// (the best-dev weights, licklab.json with the history and the train files' n-gram index for the
// copying metrics), and say in one sentence why it stopped and what it kept.
import type { BackendInfo } from './backend';
import { metaFromResult } from './model-meta';
import { modelQuality, type ModelQuality } from './quality';
import { saveModelFolder } from './model-io';
import { noveltyIndexForSplit } from './generator';
import { train, type TrainOptions, type TrainOutput } from './train';
import type { TrainResult } from './training-types';
import type { EncodedTune } from '../music/vocabulary';

export interface SaveTarget {
  dir: string;
  /** Replace a model already at `dir`. */
  force: boolean;
  backend: BackendInfo;
  corpusExtra?: { dir?: string; filesOk?: number; filesSkipped?: number };
  /** Runs with the trained model before it is saved and disposed (e.g. to let checkpoint writes
   *  finish first, or to play the model's first sample). */
  beforeSave?: (result: TrainOutput) => void | Promise<void>;
}

export interface TrainAndSaveResult {
  result: TrainResult;
  /** Whether a model was written (false when no epoch finished). */
  saved: boolean;
  /** One sentence: why the run stopped and which epoch the model keeps. */
  message: string;
  /** Weak or not against the bigram baseline (quality.ts); null when no epoch finished. */
  quality: ModelQuality | null;
}

/** Why a run stopped, as a musician reads it. */
export function stopSentence(result: Pick<TrainResult, 'stopReason' | 'stopOn' | 'history' | 'hyperparameters'>): string {
  const on = result.stopOn === 'sample-score' ? 'sample score' : 'dev loss';
  return {
    completed: result.hyperparameters.epochs === 1 ? 'Finished its one epoch' : `Finished all ${result.hyperparameters.epochs} epochs`,
    'early-stopped': `Stopped early: no better ${on} for ${result.hyperparameters.patience} epochs`,
    cancelled: `Stopped during epoch ${result.history.length + 1} (${result.history.length} finished)`,
    diverged: 'Training diverged',
  }[result.stopReason];
}

/** The run in one sentence: why it stopped and the best epoch's dev loss per note (per event without per-note figures). */
export function runSummary(result: TrainResult): string {
  if (result.bestEpoch === null) return result.error ?? 'Stopped before the first epoch finished: there is no model to save.';
  const perNote = result.bestDevNatsPerNote;
  const loss =
    perNote !== undefined && perNote !== null ? `${perNote.toFixed(3)} nats/note` : `${result.bestDevLoss!.toFixed(3)} nats/event`;
  return `${stopSentence(result)}. Best dev loss ${loss} at epoch ${result.bestEpoch}.`;
}

/** Train on `tunes`, then save the best-dev model to `target.dir` (nothing is written when no epoch finished). */
export async function trainAndSave(tunes: EncodedTune[], options: TrainOptions, target: SaveTarget): Promise<TrainAndSaveResult> {
  const output = await train(tunes, options);
  const { model, tunes: splitTunes, ...result } = output;
  try {
    if (result.bestEpoch === null) return { result, saved: false, message: runSummary(result), quality: null };
    await target.beforeSave?.(output);
    // A split handed in (the app makes its own) leaves result.devFraction null: keep the fraction asked for.
    const meta = metaFromResult(
      { ...result, devFraction: result.devFraction ?? options.devFraction ?? null },
      target.backend,
      target.corpusExtra,
    );
    meta.ngramIndex = noveltyIndexForSplit(splitTunes, result.split);
    await saveModelFolder(target.dir, model, meta, { force: target.force });
    return { result, saved: true, message: runSummary(result), quality: modelQuality(result) };
  } finally {
    model.dispose();
  }
}
