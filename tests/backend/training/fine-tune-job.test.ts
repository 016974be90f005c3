// A training run of the app that starts from another model (fine-tuning) or trains on one file:
// the run says where it starts and how it splits, the library records the lineage, and a start
// that cannot fine-tune (unknown model, another shape) is refused before anything runs.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../api/contract';
import type { HandlerContext } from '../../../backend/trainer/handlers';
import { clearCorpus, saveUploads } from '../../../backend/training/corpus-store';
import { TrainingJobs } from '../../../backend/training/job';
import { listModels } from '../../../backend/training/library';
import { FINE_TUNE_LR_FACTOR } from '../../../models/lstm/fine-tune';
import { PRESETS } from '../../../models/lstm/hyperparameters';
import { loadModelFolder } from '../../../models/lstm/model-io';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { readFileSync } from 'node:fs';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('fine-tune-job');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder() {
  const events: string[] = [];
  let resolveDone: (p: EventMap['train:done']) => void;
  const done = new Promise<EventMap['train:done']>((r) => (resolveDone = r));
  const ctx: HandlerContext = {
    emit(event, payload) {
      events.push(event);
      if (event === 'train:done') resolveDone(payload as EventMap['train:done']);
    },
  };
  return { events, ctx, done };
}
const upload = (names: string[]) =>
  saveUploads(
    names.map((n) => ({ name: n, data: readFileSync(path.join(DEFAULT_CORPUS_DIR, n)).toString('base64') })),
    env,
  );
const quick = { window: 16, batchSize: 8, epochs: 1 };

describe('training jobs that fine-tune or train on one file', () => {
  it('trains on one file by phrase and says so', async () => {
    clearCorpus(env);
    upload(['blues-01-B-74.mid']);
    const jobs = new TrainingJobs(env);
    const r = recorder();
    const info = await jobs.start({ preset: 'custom', hyperparameters: { ...quick, units: 8 }, sampleEvery: 0, panelEvery: 0 }, r.ctx);
    expect(info.splitNote).toMatch(/^One file, so it is split by phrase \(cut at its breaths\), not by overlapping window: \d+ phrases/);
    expect(info.devFiles).toBeGreaterThanOrEqual(1);
    expect(info.trainFiles).toBeGreaterThan(info.devFiles);
    expect(info.parent).toBeUndefined();
    const done = await r.done;
    expect(done.stopReason).toBe('completed');
    const saved = (await listModels(env)).models.find((m) => m.id === done.modelId)!;
    expect(saved.splitNote).toBe(info.splitNote);
    expect(saved.parent).toBeUndefined();
  }, 120_000);

  it('fine-tunes the default model: its shape, a lower learning rate, the lineage in the library', async () => {
    clearCorpus(env);
    upload(['blues-01-B-74.mid', 'blues-02-Gb-164.mid', 'blues-03-Db-260.mid', 'blues-04-Ab-120.mid']);
    const jobs = new TrainingJobs(env);
    const r = recorder();
    const info = await jobs.start(
      { preset: 'default', hyperparameters: quick, devFraction: 0.25, sampleEvery: 0, panelEvery: 0, startFrom: '@default' },
      r.ctx,
    );
    expect(info.parent).toMatchObject({ id: '@default', name: 'Default model (shipped)', units: 128, layers: 1 });
    expect(info.hyperparameters).toMatchObject({ units: 128, layers: 1, learningRate: PRESETS.default.learningRate * FINE_TUNE_LR_FACTOR });
    expect(info.modelId).toMatch(/ - default fine-tuned( \d+)?$/);
    expect(info.splitNote).toMatch(/^Split by file: 3 train files, 1 dev file .*Little dev data/);
    const done = await r.done;
    expect(done.suggestedName).toMatch(/ - default fine-tuned - 1 epoch( \d+)?$/);
    const saved = (await listModels(env)).models.find((m) => m.id === done.modelId)!;
    expect(saved.parent).toMatchObject({ id: '@default', name: 'Default model (shipped)' });
    expect(saved.parent!.startDevNatsPerNote).toBeGreaterThan(0);
    const { model, meta } = await loadModelFolder(path.join(dir, 'models', done.modelId!));
    model.dispose();
    expect(meta.parent).toEqual(saved.parent);

    // A model fine-tuned from that one names it.
    const r2 = recorder();
    const info2 = await jobs.start(
      { preset: 'default', hyperparameters: quick, devFraction: 0.25, sampleEvery: 0, panelEvery: 0, startFrom: done.modelId! },
      r2.ctx,
    );
    expect(info2.parent).toMatchObject({ id: done.modelId, name: done.modelId });
    await r2.done;
  }, 240_000);

  it('refuses an unknown model or another shape before anything runs, with the reason', async () => {
    const jobs = new TrainingJobs(env);
    const r = recorder();
    await expect(jobs.start({ preset: 'default', startFrom: 'nope' }, r.ctx)).rejects.toThrow(
      'cannot fine-tune "nope": there is no model "nope" in the library (it may have been renamed or deleted)',
    );
    await expect(jobs.start({ preset: 'default', hyperparameters: { units: 64 }, startFrom: '@default' }, r.ctx)).rejects.toThrow(
      /^cannot fine-tune "Default model \(shipped\)": it is a 1 x 128 network \(layers x units\), the run asks for units = 64/,
    );
    await expect(jobs.start({ preset: 'default', startFrom: '../etc' }, r.ctx)).rejects.toThrow(
      /cannot fine-tune "\.\.\/etc": .*cannot be a model name/,
    );
    expect(r.events).toEqual([]);
    expect(jobs.status()).toBeNull();
  });
});
