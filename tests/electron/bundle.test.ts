// The esbuild bundles Electron runs (built once here into a folder of their own): the preload
// requires nothing but electron, main listens for the drag-out message, and the bundled trainer
// (dist-electron/trainer.cjs, forked from plain Node) answers backend:info and generates and stores
// a take with the shipped model, and imports the default corpus through the bundled import worker
// thread (dist-electron/import-worker.cjs).
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAG_OUT_MESSAGE } from '../../api/drag-out-message';
import { TrainerHost, type TrainerChild } from '../../backend/trainer/trainer-host';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the project, so the bundle finds node_modules as dist-electron/ does.
const out = path.join(root, 'dist-electron', `.test-${process.pid}`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-bundle-takes-'));
let host: TrainerHost;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.js'), '--quiet', '--out', out], { cwd: root });
  host = new TrainerHost((): TrainerChild => {
    const child = fork(path.join(out, 'trainer.cjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, LICKLAB_DATA_DIR: dataDir },
    });
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
}, 60_000);

afterAll(async () => {
  await host?.dispose();
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron bundles', () => {
  it('the preload requires only electron; main handles drag-out', () => {
    const preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(readFileSync(path.join(out, 'main.cjs'), 'utf8')).toContain(DRAG_OUT_MESSAGE);
  });

  it('the bundled trainer answers backend:info', async () => {
    const info = await host.request('backend:info');
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
  });

  it('the bundled trainer generates and stores a take with the shipped model', async () => {
    const take = await host.request('take:generate', {
      source: { kind: 'form', form: 'blues' },
      bars: 4,
      temperature: 0.8,
      seed: 5,
      tempo: 150,
      swing: 0.5,
    });
    expect(take.notes.length).toBeGreaterThan(3);
    expect(readdirSync(path.join(dataDir, 'takes'))).toEqual([`${take.id}.json`]);
    const midi = await host.request('take:midi', { id: take.id });
    expect(Buffer.from(midi.base64, 'base64').subarray(0, 4).toString()).toBe('MThd');
  }, 60_000);

  it('the bundled trainer imports the corpus in the bundled import worker thread', async () => {
    expect(existsSync(path.join(out, 'import-worker.cjs'))).toBe(true);
    expect(readFileSync(path.join(out, 'trainer.cjs'), 'utf8')).toContain('import-worker.cjs');
    const report = await host.request('corpus:report');
    expect(report.totals.files).toBeGreaterThan(10);
    expect(report.totals.ok).toBe(report.totals.files);
  }, 60_000);
});
