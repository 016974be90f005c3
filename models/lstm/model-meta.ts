// licklab.json: everything needed to trust, compare and reuse a saved model (see notes/contracts.md).
// `encodingVersion` names the vocabulary the network reads and writes (v1 or v2); every version
// this build knows loads (vocabularyFor), and `vocabulary` records its sizes.
import path from 'node:path';
import { ENCODING_VERSIONS, isEncodingVersion, vocabularyFor, type VocabularySummary } from '../music/encodings';
import { ENCODING_V1, ENCODING_VERSION, type EncodingVersion } from '../music/vocabulary';
import type { BackendInfo } from './backend';
import type { BaselineLosses } from './baselines';
import type { Hyperparameters, PresetName } from './hyperparameters';
import type { Split } from './split';
import type { CorpusSummary, EpochRecord, ParentModel, StopReason, TrainResult, TrainTimings } from './training-types';

export const MODEL_FORMAT = 'licklab-model';
export const MODEL_FORMAT_VERSION = 1;

export type { VocabularySummary } from '../music/encodings';

export interface LicklabMeta {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  encodingVersion: string;
  vocabulary: VocabularySummary;
  preset: PresetName;
  hyperparameters: Hyperparameters;
  seed: number;
  devFraction: number | null;
  corpus: CorpusSummary & { dir?: string; filesOk?: number; filesSkipped?: number };
  split: Split;
  baselines: BaselineLosses;
  history: EpochRecord[];
  bestEpoch: number | null;
  bestDevLoss: number | null;
  stopReason: StopReason;
  error?: string;
  backend: BackendInfo;
  timings: TrainTimings;
  createdAt: string; // ISO time
  ngramIndex?: unknown; // novelty index, added by generation
  /** The model this one was fine-tuned from (absent: trained from a fresh network). */
  parent?: ParentModel;
  /** What the split was (by file, or by phrase for one file) and how little dev data it held. */
  splitNote?: string;
}

/** The summary of a vocabulary (default: this module's constants' version, v1). */
export function currentVocabulary(version: EncodingVersion = ENCODING_VERSION): VocabularySummary {
  return vocabularyFor(version).summary();
}

/** The encoding a run trained in (its hyperparameters' `encoding`; v1 when they name none). */
export function encodingOfRun(result: Pick<TrainResult, 'hyperparameters'>): EncodingVersion {
  return result.hyperparameters?.encoding ?? ENCODING_V1;
}

/** Files inside the corpus folder are recorded relative to it (corpus.dir holds the folder), so the
 *  split stays readable when the corpus or the model moves to another machine. */
export function relativeSplit(split: Split, dir?: string): Split {
  if (!dir) return split;
  const rel = (file: string) => {
    const r = path.relative(dir, file);
    return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file;
  };
  return { train: split.train.map(rel), dev: split.dev.map(rel) };
}

/** The metadata of a training run, ready for saveModelFolder. */
export function metaFromResult(
  result: TrainResult,
  backend: BackendInfo,
  corpusExtra: { dir?: string; filesOk?: number; filesSkipped?: number } = {},
): LicklabMeta {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    encodingVersion: encodingOfRun(result),
    vocabulary: currentVocabulary(encodingOfRun(result)),
    preset: result.preset,
    hyperparameters: result.hyperparameters,
    seed: result.seed,
    devFraction: result.devFraction,
    corpus: { ...result.corpus, ...corpusExtra },
    split: relativeSplit(result.split, corpusExtra.dir),
    baselines: result.baselines,
    history: result.history,
    bestEpoch: result.bestEpoch,
    bestDevLoss: result.bestDevLoss,
    stopReason: result.stopReason,
    ...(result.error ? { error: result.error } : {}),
    ...(result.parent ? { parent: result.parent } : {}),
    ...(result.splitNote ? { splitNote: result.splitNote } : {}),
    backend,
    timings: result.timings,
    createdAt: new Date().toISOString(),
  };
}

/** Check a parsed licklab.json; returns a reason when it cannot be used by this build. */
export function metaProblem(meta: unknown): string | null {
  if (!meta || typeof meta !== 'object') return 'licklab.json is not a JSON object';
  const m = meta as Partial<LicklabMeta>;
  if (m.format !== MODEL_FORMAT)
    return `licklab.json has format ${JSON.stringify(m.format)}, not "${MODEL_FORMAT}": this is not a LickLab model`;
  if (typeof m.formatVersion !== 'number') return 'licklab.json has no formatVersion';
  if (m.formatVersion > MODEL_FORMAT_VERSION)
    return `the model folder format is version ${m.formatVersion}, newer than this LickLab reads (${MODEL_FORMAT_VERSION}); update LickLab`;
  if (!isEncodingVersion(m.encodingVersion)) {
    return `the model was trained on encoding ${JSON.stringify(m.encodingVersion)}, which this LickLab does not know (it reads ${ENCODING_VERSIONS.map((v) => `"${v}"`).join(', ')}); update LickLab or retrain it with \`licklab train\``;
  }
  if (!m.split || !Array.isArray(m.split.train) || !Array.isArray(m.split.dev)) return 'licklab.json has no train/dev split';
  if (!Array.isArray(m.history)) return 'licklab.json has no loss history';
  return null;
}
