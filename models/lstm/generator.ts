// A loaded model ready to improvise: the stepper, the novelty index and the dev reference
// histograms, with generate + metrics in one call. Shared by the CLI, the studio and the trainer process.
// Metrics and novelty read notes as v1 events (their histograms and n-grams were made that way): a
// v2 take is measured through the v1 events of its notes, so takes of v1 and v2 models compare.
import type * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../music/default-corpus';
import { computeMetrics, referenceHistograms, type TakeMetrics } from './metrics';
import type { LicklabMeta } from './model-meta';
import { buildNgramIndex, NoveltyIndex, type NgramIndexData, type ReferenceHistograms } from './novelty';
import { generate, type GenerateOptions, type Take } from './sample';
import { LstmStepper, extractStepperWeights, type StepperWeights } from './stepper';
import { readStepperWeights } from './stepper-weights-file';
import { encodeTune } from '../music/encode';
import { encodingOfTune, vocabularyFor } from '../music/encodings';
import { ENCODING_V1, type EncodedEvent, type EncodedTune } from '../music/vocabulary';
import { performLine } from '../music/dynamics';
import type { Note } from '../music/types';

export interface Generator {
  stepper: LstmStepper;
  meta: LicklabMeta;
  novelty: NoveltyIndex | null;
  reference: ReferenceHistograms | null;
  /** Why novelty is null (no index stored and no corpus to rebuild it from). */
  noveltyUnavailable?: string;
}

export interface TakeWithMetrics {
  take: Take;
  metrics: TakeMetrics;
  /** The take's notes as played: dynamics shaped by rule and humanized (models/music/dynamics).
   *  `take.notes` stay the model's line on the grid (what metrics and the encoding read). */
  performed: Note[];
}

/** Loads training tunes (encoded) from corpus paths; injectable so tests need no MIDI import. */
export type TuneLoader = (paths: string[]) => Promise<EncodedTune[]>;

async function defaultLoader(paths: string[]): Promise<EncodedTune[]> {
  const { loadTrainingCorpus } = await import('./training-corpus');
  return (await loadTrainingCorpus(paths)).tunes;
}

/** The novelty index and dev histograms of a model: stored in licklab.json, else rebuilt from its
 *  recorded train/dev split when the corpus folder (or the bundled default corpus) still holds the
 *  training files, else unavailable (with why). */
export async function resolveNovelty(
  meta: LicklabMeta,
  loader: TuneLoader = defaultLoader,
  defaultCorpusDir: string = DEFAULT_CORPUS_DIR,
): Promise<{ novelty: NoveltyIndex | null; reference: ReferenceHistograms | null; reason?: string }> {
  const stored = meta.ngramIndex as NgramIndexData | undefined;
  if (stored) {
    try {
      const novelty = new NoveltyIndex(stored);
      return { novelty, reference: stored.dev ?? null };
    } catch (err) {
      return { novelty: null, reference: null, reason: `the stored n-gram index is unreadable (${(err as Error).message})` };
    }
  }
  const dir = corpusFolderOf(meta, defaultCorpusDir);
  if (!dir) {
    const recorded = meta.corpus?.dir;
    return {
      novelty: null,
      reference: null,
      reason: `the model has no n-gram index and its training corpus${recorded ? ` (${recorded})` : ''} is not available`,
    };
  }
  const tunes = await loader([dir]);
  // Match by file name: a corpus folder that moved (the bundled corpus on another machine) still counts.
  const byName = (list: string[]) => new Set(list.map((s) => path.basename(s)));
  const train = byName(meta.split.train);
  const dev = byName(meta.split.dev);
  const split = {
    train: tunes.filter((t) => train.has(path.basename(t.source))).map((t) => t.source),
    dev: tunes.filter((t) => dev.has(path.basename(t.source))).map((t) => t.source),
  };
  if (split.train.length === 0)
    return { novelty: null, reference: null, reason: `none of the model's training files are in ${dir} any more` };
  const data = noveltyIndexForSplit(tunes, split);
  return { novelty: new NoveltyIndex(data), reference: data.dev && data.dev.notes > 0 ? data.dev : null };
}

/** The recorded corpus folder if it is still there, else the bundled default corpus when it holds
 *  the model's training files (a default model built on another machine), else null. */
function corpusFolderOf(meta: LicklabMeta, defaultCorpusDir: string): string | null {
  const recorded = meta.corpus?.dir;
  if (recorded && existsSync(recorded)) return recorded;
  const train = meta.split?.train ?? [];
  if (train.length && existsSync(defaultCorpusDir) && train.every((s) => existsSync(path.join(defaultCorpusDir, path.basename(s)))))
    return defaultCorpusDir;
  return null;
}

/** What the trainer stores as licklab.json `ngramIndex` at save time: the n-gram index of the
 *  train tunes plus the dev tunes' reference histograms (tunes are matched to the split by source). */
export function noveltyIndexForSplit(givenTunes: readonly EncodedTune[], split: { train: string[]; dev: string[] }): NgramIndexData {
  const train = new Set(split.train);
  const dev = new Set(split.dev);
  const tunes = givenTunes.map(v1Tune);
  return buildNgramIndex(
    tunes.filter((t) => train.has(t.source)),
    referenceHistograms(tunes.filter((t) => dev.has(t.source))),
  );
}

/** A tune as v1 events of its notes (as it is when untagged). */
function v1Tune(t: EncodedTune): EncodedTune {
  const encoding = encodingOfTune(t);
  return encoding === ENCODING_V1 ? t : { id: t.id, source: t.source, events: vocabularyFor(encoding).toV1(t.events) };
}

export async function generatorFromModel(model: tf.LayersModel, meta: LicklabMeta, loader?: TuneLoader): Promise<Generator> {
  return generatorFromWeights(extractStepperWeights(model), meta, loader);
}

async function generatorFromWeights(weights: StepperWeights, meta: LicklabMeta, loader?: TuneLoader): Promise<Generator> {
  const stepper = new LstmStepper(weights);
  if (meta.encodingVersion !== undefined && stepper.vocabulary.version !== meta.encodingVersion) {
    throw new Error(`the network's shape is that of ${stepper.vocabulary.version} but licklab.json says ${meta.encodingVersion}`);
  }
  const n = await resolveNovelty(meta, loader);
  return { stepper, meta, novelty: n.novelty, reference: n.reference, ...(n.reason ? { noveltyUnavailable: n.reason } : {}) };
}

/** Load a model folder and prepare it for generation: the stepper's weights are read from the files
 *  (stepper-weights-file.ts, the checks of model-io without TensorFlow.js, which sampling never needs). */
export async function loadGenerator(dir: string, loader?: TuneLoader): Promise<Generator> {
  const { meta, weights } = await readStepperWeights(dir);
  return generatorFromWeights(weights, meta, loader);
}

/** Generate one take, measure it and perform it (dynamics; `humanize` 0..1, seeded by the take's
 *  seed). `maxCopiedRun` uses the model's novelty index. */
export function generateTake(
  gen: Generator,
  options: Omit<GenerateOptions, 'novelty'>,
  performance: { humanize?: number } = {},
): TakeWithMetrics {
  if (options.maxCopiedRun !== undefined && !gen.novelty) {
    throw new Error(`cannot cap copied runs: ${gen.noveltyUnavailable ?? 'no n-gram index'}`);
  }
  const take = generate(gen.stepper, { ...options, novelty: gen.novelty });
  const measured = v1EventsOfTake(take, options);
  const metrics = computeMetrics(measured.events, {
    novelty: gen.novelty,
    reference: gen.reference,
    noveltyMissingReason: gen.noveltyUnavailable,
    bars: options.bars,
    startTick: measured.startTick,
  });
  const performed = performLine(take.notes, { chords: options.chords, humanize: performance.humanize ?? 0, seed: take.seed });
  return { take, metrics, performed };
}

/** The events metrics read: a v1 take's own, else the v1 events of its notes over its chords and bars. */
function v1EventsOfTake(take: Take, options: Pick<GenerateOptions, 'chords' | 'bars'>): { events: EncodedEvent[]; startTick: number } {
  if ((take.encoding ?? ENCODING_V1) === ENCODING_V1) return { events: take.events, startTick: take.startTick };
  const enc = encodeTune({
    id: 'take',
    source: 'take',
    title: 'take',
    notes: take.notes,
    chords: options.chords,
    bars: options.bars,
    tempo: 120,
    chordSource: 'none',
  });
  return { events: enc.events, startTick: take.notes.length ? enc.startTick : take.startTick };
}
