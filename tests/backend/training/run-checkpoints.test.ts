// The app's training path with the sample panel: every epoch's panel figures and first take go out
// with train:epoch; the run keeps its best-dev, best-sample and starred checkpoints; the library
// lists them and switching one in changes the model folder the studio generates with.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../../api/contract';
import type { HostServices } from '../../../backend/host-services';
import type { HandlerContext } from '../../../backend/trainer/handlers';
import { saveUploads } from '../../../backend/training/corpus-store';
import { TrainingJobs } from '../../../backend/training/job';
import { createTrainingMainHandlers } from '../../../backend/training/main-handlers';
import {
  STARRABLE_BYTES,
  STARRABLE_EPOCHS,
  checkpointsDir,
  readCheckpointIndex,
  starrableEpochs,
} from '../../../backend/training/run-checkpoints';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('run-checkpoints');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(onEvent: (event: EventName, payload: unknown) => void = () => {}) {
  const events: { event: EventName; payload: unknown }[] = [];
  let resolveDone: (p: EventMap['train:done']) => void;
  const done = new Promise<EventMap['train:done']>((r) => (resolveDone = r));
  const ctx: HandlerContext = {
    emit(event, payload) {
      events.push({ event, payload });
      onEvent(event, payload);
      if (event === 'train:done') resolveDone(payload as EventMap['train:done']);
    },
  };
  return { ctx, done, of: <E extends EventName>(e: E) => events.filter((x) => x.event === e).map((x) => x.payload as EventMap[E]) };
}

describe('checkpoints by ear and by numbers', () => {
  it('sends the panel with each epoch, keeps three checkpoints, and the library switches between them', async () => {
    const names = readdirSync(DEFAULT_CORPUS_DIR)
      .filter((f) => f.endsWith('.mid'))
      .slice(0, 4);
    const files = names.flatMap((n) => [n, n.replace(/\.mid$/, '.chords.txt')]);
    saveUploads(
      files.map((n) => ({ name: n, data: readFileSync(path.join(DEFAULT_CORPUS_DIR, n)).toString('base64') })),
      env,
    );
    const jobs = new TrainingJobs(env);
    let starred: unknown = null;
    const r = recorder((event, payload) => {
      // The musician stars epoch 2 while listening (the run goes on).
      if (event === 'train:epoch' && (payload as EventMap['train:epoch']).record.epoch === 3) starred = jobs.star(2);
    });
    const info = await jobs.start(
      {
        preset: 'custom',
        hyperparameters: { units: 8, window: 16, batchSize: 8, dropout: 0, epochs: 4, patience: 4, learningRate: 0.03 },
        devFraction: 0.25,
        panelEvery: 1,
        sampleEvery: 0,
      },
      r.ctx,
    );
    const done = await r.done;
    expect(done.stopReason).toBe('completed');
    expect(starred).toEqual({ epoch: 2, modelId: info.modelId });
    expect(() => jobs.star(4)).toThrow(/no training is running/);

    const epochs = r.of('train:epoch');
    expect(epochs.map((e) => e.record.epoch)).toEqual([1, 2, 3, 4]);
    for (const e of epochs) {
      expect(e.record.sample!.score).toBeGreaterThan(0);
      expect(e.panelTake!.epoch).toBe(e.record.epoch);
      expect(e.panelTake!.label).toMatch(/^epoch \d panel take over /);
      expect(e.panelTake!.notes.length).toBeGreaterThan(0);
      expect(e.panelTake!.temperature).toBe(1);
    }
    expect(jobs.status()!.panelTakes).toHaveLength(4);
    expect(jobs.status()!.starredEpoch).toBe(2);
    expect(
      r
        .of('train:checkpoint')
        .filter((c) => c.kind === 'starred')
        .map((c) => c.epoch),
    ).toEqual([2]);

    const root = path.join(dir, 'models');
    const index = readCheckpointIndex(root, info.modelId)!;
    expect(index.inUse).toBe('best-dev');
    const bestSample = epochs.reduce((b, e) => (e.record.sample!.score > b.record.sample!.score ? e : b)).record.epoch;
    expect(index.kept.map((k) => [k.kind, k.epoch])).toEqual([
      ['best-dev', done.bestEpoch],
      ['best-sample', bestSample],
      ['starred', 2],
    ]);

    const h = createTrainingMainHandlers({ kind: 'browser' } as HostServices, env);
    const listed = (await h['models:list']()).models.find((m) => m.id === info.modelId)!;
    expect(listed.checkpoints!.map((c) => [c.kind, c.inUse])).toEqual([
      ['best-dev', true],
      ['best-sample', false],
      ['starred', false],
    ]);
    const weights = (where: string) => readFileSync(path.join(where, 'weights.bin'));
    const modelFolder = path.join(root, info.modelId);
    const kept = checkpointsDir(root, info.modelId);
    expect(weights(modelFolder).equals(weights(path.join(kept, 'best-dev')))).toBe(true);
    expect(weights(modelFolder).equals(weights(path.join(kept, 'starred')))).toBe(false);
    const switched = await h['models:use-checkpoint']({ id: info.modelId, kind: 'starred' });
    expect(switched.checkpoints!.find((c) => c.inUse)!.kind).toBe('starred');
    expect(switched.bestEpoch).toBe(2); // the model folder now holds epoch 2
    expect(weights(modelFolder).equals(weights(path.join(kept, 'starred')))).toBe(true);
    await h['models:use-checkpoint']({ id: info.modelId, kind: 'best-dev' });
    expect(weights(modelFolder).equals(weights(path.join(kept, 'best-dev')))).toBe(true);

    // Renaming carries the checkpoints along; deleting removes them.
    const renamed = await h['models:rename']({ id: info.modelId, name: 'panel run' });
    expect(renamed.checkpoints).toHaveLength(3);
    expect(existsSync(kept)).toBe(false);
    await h['models:delete']({ id: 'panel run' });
    expect(existsSync(checkpointsDir(root, 'panel run'))).toBe(false);
  }, 120_000);

  it('says clearly what cannot be starred or switched', async () => {
    const h = createTrainingMainHandlers({ kind: 'browser' } as HostServices, env);
    await expect(h['models:use-checkpoint']({ id: '@default', kind: 'starred' })).rejects.toThrow(/keeps no checkpoints/);
    expect(STARRABLE_EPOCHS).toBeGreaterThanOrEqual(4);
    // Small networks keep more epochs starrable (their epochs go by fast), within the memory budget.
    expect(starrableEpochs(200_000)).toBe(Math.floor(STARRABLE_BYTES / 800_000));
    expect(starrableEpochs(200_000)).toBeGreaterThan(50);
    expect(starrableEpochs(50_000_000)).toBe(STARRABLE_EPOCHS);
  });
});
