// The training loop: a custom loop (tf.variableGrads + Adam) so targets stay sparse token ids, the
// loss is masked per event, gradients are clipped, and every batch can be cancelled or checked
// for NaN. The model that comes back always holds the best-dev weights seen.
// With `panel` (the solos the tunes were encoded from), a sample panel (eval/panel.ts) runs after
// every epoch or on a time budget: takes over the dev solos' changes, measured against them, saved
// as the epoch record's `sample`. Early stopping watches the dev loss, or the panel's score.
// The run trains in `hyperparameters.encoding` (every preset: v2); tunes given in v1 (untagged,
// as encodeTune makes them) are folded into it exactly (encodings.ts tuneIn).
// With `from` (fine-tune.ts) the network starts from a parent model's weights instead of a fresh
// initialisation; with one file the split is by phrase (split-plan.ts).
import * as tf from '@tensorflow/tfjs';
import { tuneIn } from '../music/encodings';
import { ENCODING_V1, type EncodedTune } from '../music/vocabulary';
import { fitBaselines } from './baselines';
import { chunk, makeBatch, makeWindows, prepareTune } from './batching';
import { resolveHyperparameters, type Hyperparameters, type PresetName } from './hyperparameters';
import { disposeBatch, natsPerNote, toTensors, type EvalSums } from './loss';
import { CancelledError, evaluate, step, summarize, yieldToEventLoop } from './train-steps';
import { buildModel } from './network';
import { playablePanelTake, runPanel, setUpPanel, type PanelOptions } from './eval/panel';
import { LstmStepper } from './stepper';
import { shuffleInPlace } from '../random';
import { checkSplit, seededRandom, type Split } from './split';
import { planSplit } from './split-plan';
import { copyWeights, type FineTuneStart } from './fine-tune';
import { fastTrainStepFor } from './fast/train-step';
import { STOP_ON, type BatchProgress, type EpochRecord, type StopOn, type StopReason, type TrainResult } from './training-types';

export type { PanelOptions } from './eval/panel';
export { evaluate } from './train-steps';

/** What onEpoch gets besides the record: the panel's takes, ready to play, when it ran. */
export interface EpochExtras {
  panelTakes?: ReturnType<typeof playablePanelTake>[];
}

export interface TrainOptions {
  preset?: PresetName; // default 'default'
  hyperparameters?: Partial<Hyperparameters>; // overrides on the preset
  devFraction?: number; // (0, 0.5], default 0.1
  seed?: number; // split, init, shuffling; default 1
  split?: Split; // an explicit split by source (then devFraction is ignored)
  splitNote?: string; // what the explicit split is (split-plan.ts), kept with the result
  signal?: AbortSignal; // checked between batches
  onProgress?: (p: BatchProgress) => void;
  /** After each finished epoch; `model` holds that epoch's weights (read them synchronously, e.g. to
   *  checkpoint or sample: training continues once this returns). */
  onEpoch?: (r: EpochRecord, model: tf.LayersModel, extras: EpochExtras) => void;
  panel?: PanelOptions;
  stopOn?: StopOn; // default 'dev-loss'
  evalBatchSize?: number; // rows per dev batch (inference only), default 128
  /** Start from this parent's weights (same shape and encoding as `hyperparameters`): fine-tuning. */
  from?: FineTuneStart;
}

export interface TrainOutput extends TrainResult {
  model: tf.LayersModel;
  /** The tunes as split, as given (the one file's phrases when the split is by phrase). */
  tunes: EncodedTune[];
}

export async function train(givenTunes: EncodedTune[], options: TrainOptions = {}): Promise<TrainOutput> {
  const preset = options.preset ?? 'default';
  const hp = resolveHyperparameters(preset, options.hyperparameters);
  const encoding = hp.encoding ?? ENCODING_V1;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const devFraction = options.split ? null : (options.devFraction ?? 0.1);
  const plan = options.split ? null : planSplit(givenTunes, devFraction!, seed);
  const tunes = (plan?.tunes ?? givenTunes).map((t) => tuneIn(t, encoding));
  const split = plan?.split ?? checkSplit(tunes, options.split!);
  const trainSet = new Set(split.train);
  const devSet = new Set(split.dev);
  const trainTunes = tunes.filter((t) => trainSet.has(t.source) && t.events.length > 0);
  const devTunes = tunes.filter((t) => devSet.has(t.source) && t.events.length > 0);
  const baselines = fitBaselines(trainTunes, devTunes);
  const stopOn = options.stopOn ?? 'dev-loss';
  if (!STOP_ON.includes(stopOn)) throw new Error(`stopOn must be one of ${STOP_ON.join(', ')}, got ${JSON.stringify(stopOn)}`);
  const { panel, schedule, info: panelInfo } = setUpPanel(options.panel, split, encoding);
  if (stopOn === 'sample-score' && !panel) {
    throw new Error(
      `cannot stop on the sample score: ${'unavailable' in panelInfo ? `the sample panel cannot run (${panelInfo.unavailable})` : 'the sample panel is off'}`,
    );
  }

  const trainPrep = trainTunes.map(prepareTune);
  const devPrep = devTunes.map(prepareTune);
  const trainWindows = makeWindows(trainPrep, hp.window, hp.stride);
  // Dev is scored once per event (non-overlapping windows of the same length as training).
  const devWindows = makeWindows(devPrep, hp.window, hp.window);

  const model = buildModel(hp, seed);
  let parent = options.from?.parent;
  if (options.from) {
    try {
      copyWeights(options.from.model, model, options.from.parent.name);
    } catch (err) {
      model.dispose();
      throw err;
    }
    // Where fine-tuning starts on this run's dev set: the parent as it is.
    const start = await evaluate(model, devPrep, devWindows, hp.window, options.evalBatchSize);
    parent = { ...options.from.parent, startDevNatsPerNote: natsPerNote(start.lossSum, start.notes) };
  }
  const optimizer = tf.train.adam(hp.learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  // The whole step on the wasm kernels when it covers this network (else null: the tfjs step).
  const fast = fastTrainStepFor(model, { learningRate: hp.learningRate, clipNorm: hp.clipNorm, l2: hp.l2, seed });
  const rand = seededRandom(seed + 7919);
  const history: EpochRecord[] = [];
  let best: { epoch: number; loss: number; perNote: number; weights: tf.Tensor[] } | null = null;
  let bestScore: { epoch: number; score: number } | null = null;
  let sinceBestScore = 0;
  let stopReason: StopReason = 'completed';
  let error: string | undefined;
  let sinceBest = 0;
  let batchMsTotal = 0;
  let batchCount = 0;
  const started = performance.now();

  try {
    epochs: for (let epoch = 1; epoch <= hp.epochs; epoch++) {
      const epochStart = performance.now();
      let lossSum = 0;
      let events = 0;
      let notes = 0;
      const order = shuffleInPlace([...trainWindows], rand);
      const batches = chunk(order, hp.batchSize);
      for (let b = 0; b < batches.length; b++) {
        if (options.signal) await yieldToEventLoop();
        if (options.signal?.aborted) {
          stopReason = 'cancelled';
          break epochs;
        }
        const batchStart = performance.now();
        const batch = makeBatch(trainPrep, batches[b], hp.window);
        let stats: Float32Array | Int32Array | Uint8Array;
        if (fast) stats = fast.step(batch);
        else {
          const t = toTensors(batch);
          try {
            stats = await step(model, optimizer, vars, t, hp);
          } finally {
            disposeBatch(t);
          }
        }
        const [loss, norm] = stats;
        if (!Number.isFinite(loss) || !Number.isFinite(norm)) {
          stopReason = 'diverged';
          error =
            `training diverged at epoch ${epoch}, batch ${b + 1}: the ${Number.isFinite(loss) ? `gradient norm became ${norm}` : `loss became ${loss}`}. ` +
            `Try a lower learning rate (now ${hp.learningRate}). ${best ? `Kept the best model (epoch ${best.epoch}).` : 'No epoch had finished, so there is no model to keep.'}`;
          break epochs;
        }
        lossSum += loss * batch.events;
        events += batch.events;
        notes += batch.notes;
        batchMsTotal += performance.now() - batchStart;
        batchCount++;
        const elapsed = (performance.now() - epochStart) / 1000;
        const perBatch = elapsed / (b + 1);
        const epochEtaSec = perBatch * (batches.length - b - 1);
        const doneEpochsMs = history.reduce((s, r) => s + r.ms, 0);
        const epochEstimate = history.length ? doneEpochsMs / history.length / 1000 : perBatch * batches.length;
        options.onProgress?.({
          type: 'batch',
          epoch,
          batch: b + 1,
          batches: batches.length,
          trainLoss: lossSum / events,
          eventsPerSec: events / Math.max(elapsed, 1e-9),
          epochEtaSec,
          etaSec: epochEtaSec + epochEstimate * (hp.epochs - epoch),
        });
      }
      const trainMs = performance.now() - epochStart;
      fast?.syncToModel();
      let dev: EvalSums;
      try {
        // A cancel during a long dev pass drops this unfinished epoch and keeps the best one.
        dev = await evaluate(model, devPrep, devWindows, hp.window, options.evalBatchSize, options.signal);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        stopReason = 'cancelled';
        break;
      }
      const devLoss = dev.lossSum / dev.events;
      const trainLoss = lossSum / events;
      let sample: EpochRecord['sample'];
      const extras: EpochExtras = {};
      if (panel && schedule && Number.isFinite(devLoss) && schedule.due(epoch, performance.now() - epochStart)) {
        const ran = runPanel(panel, LstmStepper.fromModel(model));
        schedule.ran(ran.sample.ms);
        sample = ran.sample;
        extras.panelTakes = ran.takes.map((t) => playablePanelTake(panel, t));
      }
      const record: EpochRecord = {
        epoch,
        trainLoss,
        devLoss,
        trainPerplexity: Math.exp(trainLoss),
        devPerplexity: Math.exp(devLoss),
        devAccuracy: dev.bothCorrect / dev.events,
        devPitchAccuracy: dev.pitchCorrect / dev.events,
        devDurAccuracy: dev.durCorrect / dev.events,
        unigramDevLoss: baselines.unigramDevLoss,
        bigramDevLoss: baselines.bigramDevLoss,
        ms: performance.now() - epochStart,
        trainEvents: events,
        eventsPerSec: events / (trainMs / 1000),
        trainNatsPerNote: natsPerNote(lossSum, notes),
        devNatsPerNote: natsPerNote(dev.lossSum, dev.notes),
        unigramDevNatsPerNote: baselines.unigramDevNatsPerNote,
        bigramDevNatsPerNote: baselines.bigramDevNatsPerNote,
        ...(sample ? { sample } : {}),
      };
      if (!Number.isFinite(devLoss)) {
        stopReason = 'diverged';
        error = `training diverged at epoch ${epoch}: the dev loss became ${devLoss}. ${best ? `Kept the best model (epoch ${best.epoch}).` : 'There is no earlier model to keep.'}`;
        break;
      }
      history.push(record);
      if (!best || devLoss < best.loss) {
        if (best) tf.dispose(best.weights);
        best = { epoch, loss: devLoss, perNote: record.devNatsPerNote!, weights: model.getWeights().map((w) => w.clone()) };
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (sample && (!bestScore || sample.score > bestScore.score)) {
        bestScore = { epoch, score: sample.score };
        sinceBestScore = 0;
      } else if (bestScore) {
        sinceBestScore++;
      }
      options.onEpoch?.(record, model, extras);
      fast?.loadFromModel(); // training goes on from whatever the model holds now
      if ((stopOn === 'dev-loss' ? sinceBest : sinceBestScore) >= hp.patience && epoch < hp.epochs) {
        stopReason = 'early-stopped';
        break;
      }
    }
    if (best) model.setWeights(best.weights);
  } finally {
    if (best) tf.dispose(best.weights);
    optimizer.dispose();
    fast?.dispose();
  }
  const totalMs = performance.now() - started;
  return {
    model,
    tunes: plan?.byPhrase ? plan.tunes : givenTunes,
    ...(parent ? { parent } : {}),
    ...(plan || options.splitNote ? { splitNote: plan?.note ?? options.splitNote } : {}),
    preset,
    hyperparameters: hp,
    seed,
    devFraction,
    split,
    corpus: summarize(tunes, split),
    baselines,
    history,
    bestEpoch: best?.epoch ?? null,
    bestDevLoss: best?.loss ?? null,
    bestDevNatsPerNote: best?.perNote ?? null,
    stopReason,
    error,
    timings: {
      totalMs,
      msPerEpoch: history.length ? history.reduce((s, r) => s + r.ms, 0) / history.length : 0,
      msPerBatch: batchCount ? batchMsTotal / batchCount : 0,
      ...(schedule ? { panelMs: schedule.totalMs } : {}),
    },
    stopOn,
    bestSampleEpoch: bestScore?.epoch ?? null,
    panel: panelInfo,
  };
}
