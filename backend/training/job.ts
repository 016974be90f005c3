// One training run at a time in the trainer process: checks everything before it starts (clear
// errors for bad knobs and empty or unsplittable corpora), then trains in the background, pushing
// train:* events, checkpointing the best-dev weights as it goes and saving the final model (the
// best epoch's weights) to the library. Stop aborts within one batch and still saves the best.
// The sample panel runs inside train(); its first take per epoch goes out with train:epoch, and
// the best-sample-score and starred epochs are kept as checkpoints too (run-checkpoints.ts).
import { describeBackend, initBackend } from '../../models/lstm/backend';
import { fitBaselines } from '../../models/lstm/baselines';
import { RUN_LIMITS, describeLimit, resolveHyperparameters, withinLimit } from '../../models/lstm/hyperparameters';
import { metaFromResult } from '../../models/lstm/model-meta';
import { planSplit } from '../../models/lstm/split-plan';
import { improves } from '../../models/lstm/history';
import { weakWarning } from '../../models/lstm/quality';
import { trainAndSave } from '../../models/lstm/train-and-save';
import { summarize } from '../../models/lstm/train-steps';
import type { EpochRecord, TrainResult } from '../../models/lstm/training-types';
import { tuneIn } from '../../models/music/encodings';
import { ENCODING_V1 } from '../../models/music/vocabulary';
import type { HandlerContext } from '../trainer/handlers';
import type { RunDone, RunInfo, RunState, SampleTake, TrainStartPayload } from '../../api/channels/training';
import { freeModelId, modelsRoot, runModelName } from './library';
import { Checkpointer } from './checkpointer';
import { startingPoint } from './fine-tune-start';
import { loadWorkingTunes } from './corpus-report';
import { learnSample, panelSample } from './learn-sample';
import { RunCheckpoints } from './run-checkpoints';
import path from 'node:path';

type Env = Record<string, string | undefined>;
const PROGRESS_INTERVAL_MS = 100;

export class TrainingJobs {
  private run: { ctl: AbortController; state: RunState; kept: RunCheckpoints | null } | null = null;
  private starting = false;
  constructor(private readonly env: Env = process.env) {}

  status(): RunState | null {
    return this.run?.state ?? null;
  }

  stop(): { stopping: boolean } {
    if (!this.run?.state.running) return { stopping: false };
    this.run.ctl.abort();
    return { stopping: true };
  }

  /** Keep an epoch of the running training as its starred checkpoint. */
  star(epoch: number): { epoch: number; modelId: string } {
    if (!this.run?.state.running || !this.run.kept) throw new Error('no training is running: an epoch can be starred only while it trains');
    this.run.kept.star(epoch);
    return { epoch, modelId: this.run.state.info.modelId };
  }

  async start(payload: TrainStartPayload, ctx: HandlerContext): Promise<RunInfo> {
    if (this.run?.state.running || this.starting) throw new Error('a training run is already in progress; stop it first');
    // Set before the first await: a second Start (a double click) must not slip in while the corpus loads.
    this.starting = true;
    try {
      return await this.begin(payload, ctx);
    } finally {
      this.starting = false;
    }
  }

  private async begin(payload: TrainStartPayload, ctx: HandlerContext): Promise<RunInfo> {
    resolveHyperparameters(payload.preset, payload.hyperparameters ?? {}); // bad knobs are refused before any work
    const devFraction = payload.devFraction ?? 0.1;
    if (!withinLimit(devFraction, RUN_LIMITS.devFraction))
      throw new Error(`the dev fraction must be ${describeLimit(RUN_LIMITS.devFraction)}, got ${devFraction}`);
    const seed = payload.seed ?? 1;
    const sampleEvery = payload.sampleEvery ?? 2;
    const { tunes: corpusTunes, solos, report, dirs } = await loadWorkingTunes(this.env);
    // One file splits by phrase (its phrases become the run's tunes); the parent loads last, once all else is checked.
    const plan = planSplit(corpusTunes, devFraction, seed);
    const { tunes, split } = plan;
    const backend = await initBackend();
    const { hp, from } = await startingPoint(payload, this.env);
    const inSet = (names: string[]) => {
      const set = new Set(names);
      // Baselines in the run's own encoding, so they compare with its losses (event for event).
      return tunes.filter((t) => set.has(t.source) && t.events.length > 0).map((t) => tuneIn(t, hp.encoding ?? ENCODING_V1));
    };
    const baselines = fitBaselines(inSet(split.train), inSet(split.dev));
    const corpus = summarize(tunes, split);
    const corpusDir = dirs.length === 1 ? dirs[0] : undefined;
    // Named by corpus and preset, not by a time stamp; the panel offers a name with the epochs when it ends.
    const runLabel = from ? `${payload.preset} fine-tuned` : payload.preset;
    const modelId = freeModelId(runModelName(corpusDir, runLabel), this.env);
    const info: RunInfo = {
      runId: Math.random().toString(36).slice(2, 10),
      modelId,
      preset: payload.preset,
      hyperparameters: hp,
      devFraction,
      seed,
      trainFiles: split.train.length,
      devFiles: split.dev.length,
      trainEvents: corpus.trainEvents,
      devEvents: corpus.devEvents,
      baselines: { unigramDevLoss: baselines.unigramDevLoss, bigramDevLoss: baselines.bigramDevLoss },
      backend: describeBackend(backend),
      ...(backend.fallbackReason ? { fallbackReason: backend.fallbackReason } : {}),
      startedAt: new Date().toISOString(),
      ...(from ? { parent: from.parent } : {}),
      splitNote: plan.note,
    };
    const state: RunState = {
      info,
      running: true,
      history: [],
      samples: [],
      progress: null,
      checkpointEpoch: null,
      done: null,
      panelTakes: [],
      starredEpoch: null,
    };
    const ctl = new AbortController();
    this.run = { ctl, state, kept: null };
    ctx.emit('train:started', info);

    const dir = path.join(modelsRoot(this.env), modelId);
    const corpusExtra = { dir: corpusDir, filesOk: report.totals.ok, filesSkipped: report.totals.skipped };
    const partial = (history: EpochRecord[], best: EpochRecord, note: string): TrainResult => ({
      preset: payload.preset,
      hyperparameters: hp,
      seed,
      devFraction,
      split,
      corpus,
      baselines,
      history: [...history],
      bestEpoch: best.epoch,
      bestDevLoss: best.devLoss,
      stopReason: 'cancelled',
      error: note,
      ...(from ? { parent: from.parent } : {}),
      splitNote: plan.note,
      timings: {
        totalMs: history.reduce((s, r) => s + r.ms, 0),
        msPerEpoch: history.reduce((s, r) => s + r.ms, 0) / history.length,
        msPerBatch: 0,
      },
    });
    const checkpointer = new Checkpointer(dir, hp, (epoch) => {
      state.checkpointEpoch = epoch;
      ctx.emit('train:checkpoint', { runId: info.runId, epoch, modelId });
    });
    const kept = new RunCheckpoints(
      modelsRoot(this.env),
      modelId,
      hp,
      (record, note) => metaFromResult(partial(state.history, record, note), backend, corpusExtra),
      (kind, epoch) => {
        if (kind === 'starred') state.starredEpoch = epoch;
        ctx.emit('train:checkpoint', { runId: info.runId, epoch, modelId, kind });
      },
    );
    this.run.kept = kept;
    let best = null as EpochRecord | null;
    let bestSample: SampleTake | undefined;
    let bestScore = -Infinity;
    let lastProgress = 0;

    const finish = (done: RunDone, sample?: SampleTake) => {
      state.running = false;
      state.done = done;
      if (sample) state.samples.push(sample);
      ctx.emit('train:done', { ...done, ...(sample ? { sample } : {}) });
    };

    void (async () => {
      try {
        const { result, saved, message, quality } = await trainAndSave(
          tunes,
          {
            preset: payload.preset,
            hyperparameters: hp,
            seed,
            split,
            splitNote: plan.note,
            from,
            devFraction,
            signal: ctl.signal,
            panel: { solos, every: payload.panelEvery ?? 'auto' },
            stopOn: payload.stopOn ?? 'dev-loss',
            onProgress: (p) => {
              state.progress = p;
              const now = Date.now();
              // The first and last batch of every epoch always go out: the UI sees each epoch start and end.
              if (p.batch === 1 || p.batch === p.batches || now - lastProgress >= PROGRESS_INTERVAL_MS) {
                lastProgress = now;
                ctx.emit('train:progress', { ...p, runId: info.runId });
              }
            },
            onEpoch: (record, model, extras) => {
              state.history.push(record);
              const isBestScore = record.sample !== undefined && record.sample.score > bestScore;
              if (isBestScore) bestScore = record.sample!.score;
              kept.epoch(record, model, isBestScore);
              const first = extras.panelTakes?.[0];
              const panelTake = first ? panelSample(first, record.epoch) : undefined;
              if (panelTake) state.panelTakes!.push(panelTake);
              const isBest = improves(record.devLoss, best?.devLoss ?? null);
              if (isBest) {
                best = record;
                const note = `checkpoint saved during training after epoch ${record.epoch} (the best so far); the run did not finish`;
                checkpointer.capture(model, metaFromResult(partial(state.history, record, note), backend, corpusExtra));
              }
              let sample: SampleTake | undefined;
              if (sampleEvery > 0 && record.epoch % sampleEvery === 0) {
                try {
                  sample = learnSample(model, record.epoch, `epoch ${record.epoch}`);
                  state.samples.push(sample);
                } catch (err) {
                  console.error(`licklab trainer: no sample at epoch ${record.epoch}: ${(err as Error).message}`);
                }
              }
              ctx.emit('train:epoch', {
                runId: info.runId,
                record,
                best: isBest,
                ...(sample ? { sample } : {}),
                ...(panelTake ? { panelTake } : {}),
              });
            },
          },
          {
            dir,
            force: true,
            backend,
            corpusExtra,
            beforeSave: async (trained) => {
              await checkpointer.drain(); // a checkpoint still being written must not land over the final model
              try {
                bestSample = learnSample(trained.model, trained.bestEpoch!, `best (epoch ${trained.bestEpoch})`);
              } catch {
                bestSample = undefined;
              }
            },
          },
        );
        await checkpointer.drain();
        const outcome = { runId: info.runId, stopReason: result.stopReason, ...(result.error ? { error: result.error } : {}) };
        if (!saved) {
          finish({ ...outcome, bestEpoch: null, bestDevLoss: null, modelId: null, message });
          return;
        }
        await kept
          .finish(dir, result.history.find((r) => r.epoch === result.bestEpoch) ?? null)
          .catch((err: Error) => console.error(`licklab trainer: the run's checkpoints were not all kept: ${err.message}`));
        finish(
          {
            ...outcome,
            bestEpoch: result.bestEpoch,
            bestDevLoss: result.bestDevLoss,
            modelId,
            message: [message, `Saved to the library as "${modelId}".`, weakWarning(quality)].filter(Boolean).join(' '),
            suggestedName: freeModelId(runModelName(corpusDir, runLabel, result.history.length), this.env),
            quality,
          },
          bestSample,
        );
      } catch (err) {
        await checkpointer.drain().catch(() => undefined);
        const kept =
          checkpointer.savedEpoch !== null
            ? ` The checkpoint of epoch ${checkpointer.savedEpoch} is kept in the library as "${modelId}".`
            : '';
        const error = (err as Error).message;
        finish({
          runId: info.runId,
          stopReason: 'failed',
          bestEpoch: (best as EpochRecord | null)?.epoch ?? null,
          bestDevLoss: (best as EpochRecord | null)?.devLoss ?? null,
          modelId: checkpointer.savedEpoch !== null ? modelId : null,
          message: `Training failed: ${error}.${kept}`,
          error,
        });
      } finally {
        checkpointer.dispose();
        kept.dispose();
        from?.model.dispose();
      }
    })();
    return info;
  }
}
