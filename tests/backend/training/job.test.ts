// Training runs in the trainer process (here in-process): clear errors before anything starts,
// events for every stage, best-dev checkpoints, the final model in the library, Stop within a batch.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../../api/contract';
import type { HandlerContext } from '../../../backend/trainer/handlers';
import { clearCorpus, saveUploads } from '../../../backend/training/corpus-store';
import { TrainingJobs } from '../../../backend/training/job';
import { freeModelId, listModels } from '../../../backend/training/library';
import { loadModelFolder } from '../../../models/lstm/model-io';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('job');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder() {
  const events: { event: EventName; payload: unknown }[] = [];
  let resolveDone: (p: EventMap['train:done']) => void;
  const done = new Promise<EventMap['train:done']>((r) => (resolveDone = r));
  const ctx: HandlerContext = {
    emit(event, payload) {
      events.push({ event, payload });
      if (event === 'train:done') resolveDone(payload as EventMap['train:done']);
    },
  };
  return { events, ctx, done, of: <E extends EventName>(e: E) => events.filter((x) => x.event === e).map((x) => x.payload as EventMap[E]) };
}

const upload = (names: string[]) =>
  saveUploads(
    names.map((n) => ({ name: n, data: readFileSync(path.join(DEFAULT_CORPUS_DIR, n)).toString('base64') })),
    env,
  );
const tiny = { units: 8, window: 16, batchSize: 8, dropout: 0 };

describe('training jobs', () => {
  it('refuses an empty corpus, bad knobs and a bad dev fraction before starting (one file: fine-tune-job.test.ts)', async () => {
    const jobs = new TrainingJobs(env);
    const r = recorder();
    clearCorpus(env);
    await expect(jobs.start({ preset: 'custom', hyperparameters: tiny }, r.ctx)).rejects.toThrow(/the corpus is empty/);
    upload(['blues-01-B-74.mid', 'blues-02-Gb-164.mid', 'blues-03-Db-260.mid', 'blues-04-Ab-120.mid']);
    await expect(jobs.start({ preset: 'custom', hyperparameters: { ...tiny, window: 1 } }, r.ctx)).rejects.toThrow(
      /window must be an integer in \[2, 4096\], got 1/,
    );
    await expect(jobs.start({ preset: 'custom', hyperparameters: { ...tiny, dropout: 1 } }, r.ctx)).rejects.toThrow(
      /dropout must be in \[0, 1\)/,
    );
    await expect(jobs.start({ preset: 'custom', hyperparameters: tiny, devFraction: 0.9 }, r.ctx)).rejects.toThrow(
      /dev fraction must be in \(0, 0\.5\], got 0\.9/,
    );
    expect(r.events).toEqual([]);
    expect(jobs.status()).toBeNull();
  });

  it('refuses a second Start sent while the first is still loading the corpus (a double click)', async () => {
    const jobs = new TrainingJobs(env);
    const r = recorder();
    const first = jobs.start({ preset: 'custom', hyperparameters: { ...tiny, epochs: 1 }, devFraction: 0.25, sampleEvery: 0 }, r.ctx);
    const second = jobs.start({ preset: 'custom', hyperparameters: { ...tiny, epochs: 1 }, devFraction: 0.25, sampleEvery: 0 }, r.ctx);
    await expect(second).rejects.toThrow(/already in progress/);
    await first;
    await r.done;
    expect(r.of('train:started')).toHaveLength(1);
  });

  it('runs three epochs with events, samples, checkpoints and the final model in the library', async () => {
    const jobs = new TrainingJobs(env);
    const r = recorder();
    const info = await jobs.start({ preset: 'custom', hyperparameters: { ...tiny, epochs: 3 }, devFraction: 0.25, sampleEvery: 2 }, r.ctx);
    expect(info).toMatchObject({ preset: 'custom', trainFiles: 3, devFiles: 1 });
    await expect(jobs.start({ preset: 'custom' }, r.ctx)).rejects.toThrow(/already in progress/);
    const done = await r.done;
    expect(done).toMatchObject({ stopReason: 'completed', modelId: info.modelId });
    expect(done.message).toMatch(/Finished all 3 epochs\. Best dev loss \d+\.\d{3} nats\/note at epoch \d+\. Saved to the library as/);
    expect(done.sample?.label).toMatch(/^best \(epoch \d\)$/);
    const epochs = r.of('train:epoch');
    expect(epochs.map((e) => e.record.epoch)).toEqual([1, 2, 3]);
    expect(epochs.map((e) => !!e.sample)).toEqual([false, true, false]);
    expect(epochs[1].sample!.notes.length).toBeGreaterThan(0);
    expect(epochs[1].sample!.bars).toHaveLength(4);
    expect(r.of('train:progress').length).toBeGreaterThan(0);
    expect(r.of('train:checkpoint').length).toBeGreaterThan(0);
    expect(r.of('train:started')).toEqual([info]);
    const saved = (await listModels(env)).models.find((m) => m.id === info.modelId)!;
    expect(saved.history).toHaveLength(3);
    expect(saved.note).toBeUndefined(); // the final save replaced the checkpoint note
    expect(saved.bestDevLoss).toBe(done.bestDevLoss);
    // Named by corpus and preset, not a time stamp; a name with the epochs is offered; weak or not as the library says.
    expect(info.modelId).toMatch(/^[\w.]+( [\w.]+)* - custom( \d+)?$/);
    expect(info.modelId).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(done.suggestedName).toMatch(/ - custom - 3 epochs( \d+)?$/);
    expect(done.suggestedName).toBe(freeModelId(done.suggestedName!, env));
    expect(done.quality).toEqual(saved.quality);
    expect(done.quality).not.toBeNull();
    if (done.quality!.weak) expect(done.message).toContain(`Weak model: ${done.quality!.reason}.`);
    else expect(done.message).not.toContain('Weak model');
    const { model, meta } = await loadModelFolder(path.join(dir, 'models', info.modelId));
    model.dispose();
    expect(meta.devFraction).toBe(0.25);
    expect(meta.ngramIndex).toBeTruthy();
    expect(jobs.status()).toMatchObject({ running: false, done: { stopReason: 'completed' } });
  });

  it('Stop ends the run within a batch and saves the best epoch so far', async () => {
    const jobs = new TrainingJobs(env);
    const r = recorder();
    let stopAt = 0;
    const info = await jobs.start(
      { preset: 'custom', hyperparameters: { ...tiny, batchSize: 2, epochs: 500, patience: 500 }, sampleEvery: 0 },
      {
        emit(event, payload) {
          r.ctx.emit(event, payload);
          // Stop in the middle of epoch 2.
          const p = payload as EventMap['train:progress'];
          if (event === 'train:progress' && p.epoch === 2 && !stopAt) {
            stopAt = p.batch;
            setTimeout(() => jobs.stop(), 0);
          }
        },
      },
    );
    const done = await r.done;
    expect(done.stopReason).toBe('cancelled');
    expect(done.bestEpoch).toBe(1);
    expect(done.message).toMatch(/^Stopped during epoch 2 \(1 finished\)\./);
    const last = r
      .of('train:progress')
      .filter((p) => p.epoch === 2)
      .at(-1)!;
    expect(last.batch).toBeLessThan(last.batches); // mid-epoch
    expect((await listModels(env)).models.some((m) => m.id === info.modelId && m.history.length === 1)).toBe(true);
    expect(jobs.stop()).toEqual({ stopping: false });
  });
});
