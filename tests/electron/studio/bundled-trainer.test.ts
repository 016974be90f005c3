// The Electron bundles carry the studio: the bundled trainer (dist-electron/trainer.cjs) generates
// and stores a take with the shipped model, and the main bundle listens for the drag-out message.
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainerHost, type TrainerChild } from '../../../electron/trainer/trainer-host';
import { DRAG_OUT_MESSAGE } from '../../../electron/takes/drag-out-message';

const root = path.resolve(import.meta.dirname, '../../..');
const out = path.join(root, 'dist-electron', `.test-studio-${process.pid}`);

describe('studio in the electron bundles', () => {
  it('the bundled trainer generates and stores a take; main handles drag-out', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-bundle-takes-'));
    execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.js'), '--quiet', '--out', out], { cwd: root });
    expect(readFileSync(path.join(out, 'main.cjs'), 'utf8')).toContain(DRAG_OUT_MESSAGE);
    const host = new TrainerHost((): TrainerChild => {
      const child = fork(path.join(out, 'trainer.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, LICKLAB_DATA_DIR: dataDir } });
      return {
        get pid() {
          return child.pid;
        },
        send: (m) => void child.send(m),
        onMessage: (l) => child.on('message', l),
        onExit: (l) => child.on('exit', l),
        kill: () => void child.kill(),
      };
    });
    try {
      const take = await host.request('take:generate', { source: { kind: 'form', form: 'blues' }, bars: 4, temperature: 0.8, seed: 5, tempo: 150, swing: 0.5 });
      expect(take.notes.length).toBeGreaterThan(3);
      expect(readdirSync(path.join(dataDir, 'takes'))).toEqual([`${take.id}.json`]);
      const midi = await host.request('take:midi', { id: take.id });
      expect(Buffer.from(midi.base64, 'base64').subarray(0, 4).toString()).toBe('MThd');
    } finally {
      await host.dispose();
      rmSync(out, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
