// Main-side training handlers with a scripted trainer and fake dialogs: uploads then the trainer's
// report, dialogs only in Electron, chunked model uploads in order, and no renaming the model a
// running training writes to.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostServices } from '../../../backend/host-services';
import type { TrainerHost } from '../../../backend/trainer/trainer-host';
import { createTrainingMainHandlers } from '../../../backend/training/main-handlers';
import { exportBundle, stagingDir } from '../../../backend/training/library-transfer';
import { readManifest } from '../../../backend/training/corpus-store';
import { loadModelFolder } from '../../../models/lstm/model-io';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { addModelCopy, tempEnv } from './library-fixture';

const { dir, env } = tempEnv('main-handlers');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeTrainer(running: string | null = null) {
  const calls: { channel: string; payload: unknown }[] = [];
  const trainer = {
    async request(channel: string, payload: unknown) {
      calls.push({ channel, payload });
      if (channel === 'corpus:report')
        return { files: [], totals: { files: 0, ok: 0, skipped: 0, notes: 0, bars: 0 }, usesDefault: false, fake: true };
      if (channel === 'train:status') return running ? { running: true, info: { modelId: running } } : null;
      if (channel === 'models:check') {
        const { model } = await loadModelFolder(stagingDir((payload as { staging: string }).staging, env));
        model.dispose();
        return { ok: true };
      }
      throw new Error(`unexpected ${channel}`);
    },
  } as unknown as TrainerHost;
  return { trainer, calls };
}

describe('training main handlers', () => {
  it('saves uploads and answers with the trainer’s corpus report', async () => {
    const { trainer, calls } = fakeTrainer();
    const h = createTrainingMainHandlers({ kind: 'browser', trainer }, env);
    const data = readFileSync(path.join(DEFAULT_CORPUS_DIR, 'blues-01-B-74.mid')).toString('base64');
    const report = await h['corpus:upload']({ files: [{ name: 'x/blues.mid', data }] });
    expect(report).toMatchObject({ fake: true });
    expect(calls.map((c) => c.channel)).toEqual(['corpus:report']);
    expect(readManifest(env).entries.map((e) => e.kind)).toEqual(['default', 'uploads']);
  });

  it('opens dialogs only in the desktop app; a cancelled dialog changes nothing', async () => {
    const { trainer } = fakeTrainer();
    const browser = createTrainingMainHandlers({ kind: 'browser', trainer }, env);
    await expect(browser['corpus:add']({ folders: true })).rejects.toThrow(
      /needs the desktop app's file dialog; in the browser studio use the upload button/,
    );
    await expect(browser['models:import'](undefined)).rejects.toThrow(/desktop app/);
    const picked: string[][] = [[path.join(dir, 'elsewhere')], []];
    const host: HostServices = { kind: 'electron', trainer, showOpenDialog: async () => picked.shift()! };
    const electron = createTrainingMainHandlers(host, env);
    await electron['corpus:add']({ folders: true });
    expect(readManifest(env).entries.at(-1)).toEqual({ kind: 'picked', path: path.join(dir, 'elsewhere') });
    expect(await electron['models:import'](undefined)).toBeNull();
  });

  it('imports a chunked bundle upload once the last chunk arrives; chunks out of order drop the upload', async () => {
    const { trainer } = fakeTrainer();
    const h = createTrainingMainHandlers({ kind: 'browser', trainer }, env);
    const { bundle } = await exportBundle('@default', env);
    const b64 = Buffer.from(bundle).toString('base64');
    const size = 400_000;
    const total = Math.ceil(b64.length / size);
    expect(total).toBeGreaterThan(1);
    let last;
    for (let i = 0; i < total; i++)
      last = await h['models:upload']({ uploadId: 'up0001', index: i, total, data: b64.slice(i * size, (i + 1) * size) });
    expect(last!.model).toMatchObject({ id: 'licklab-default-model', preset: 'default' });
    await h['models:upload']({ uploadId: 'up0002', index: 0, total: 3, data: b64.slice(0, size) });
    await expect(h['models:upload']({ uploadId: 'up0002', index: 2, total: 3, data: 'AAAA' })).rejects.toThrow(
      /chunk 3 of 3 arrived out of order/,
    );
    await expect(h['models:upload']({ uploadId: 'up0002', index: 1, total: 3, data: 'AAAA' })).rejects.toThrow(/unknown: start again/);
    await expect(h['models:upload']({ uploadId: 'UP!', index: 0, total: 1, data: '' })).rejects.toThrow(/upload id/);
  });

  it('refuses to rename or delete the model a running training writes to', async () => {
    addModelCopy(env, 'busy');
    const { trainer } = fakeTrainer('busy');
    const h = createTrainingMainHandlers({ kind: 'browser', trainer }, env);
    await expect(h['models:rename']({ id: 'busy', name: 'other' })).rejects.toThrow(/being written by the training in progress/);
    await expect(h['models:delete']({ id: 'busy' })).rejects.toThrow(/being written by the training in progress/);
    const free = createTrainingMainHandlers({ kind: 'browser', trainer: fakeTrainer().trainer }, env);
    expect((await free['models:rename']({ id: 'busy', name: 'other' })).id).toBe('other');
    expect(await free['models:delete']({ id: 'other' })).toEqual({ deleted: 'other' });
    expect((await free['models:list'](undefined)).models.map((m) => m.id)).not.toContain('other');
  });
});
