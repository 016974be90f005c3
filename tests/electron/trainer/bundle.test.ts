// The esbuild bundle Electron runs as its utility process (dist-electron/trainer.cjs) really works:
// forked from plain Node it answers backend:info; the preload bundle requires nothing but electron.
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainerHost, type TrainerChild } from '../../../electron/trainer/trainer-host';

const root = path.resolve(import.meta.dirname, '../../..');
// Inside the project, so the bundle finds node_modules as dist-electron/ does.
const out = path.join(root, 'dist-electron', `.test-${process.pid}`);

describe('electron bundles', () => {
  it('builds, and the bundled trainer answers backend:info', async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.js'), '--quiet', '--out', out], { cwd: root });
    const preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    const host = new TrainerHost((): TrainerChild => {
      const child = fork(path.join(out, 'trainer.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
      const info = await host.request('backend:info');
      expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    } finally {
      await host.dispose();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
