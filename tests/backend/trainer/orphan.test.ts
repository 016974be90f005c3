// No orphan trainer: when the process hosting it is killed without any cleanup (SIGKILL), the trainer
// notices its message channel closed and exits by itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('trainer process lifetime', () => {
  it('exits when its host is killed abruptly', async () => {
    const host = spawn(
      process.execPath,
      [path.join(root, 'bin/run-ts.js'), path.join(root, 'tests/backend/trainer/fixtures/host-that-dies.ts')],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let trainerPid = 0;
    try {
      trainerPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        host.stdout!.on('data', (d) => {
          out += d;
          const m = /trainer-pid (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        host.once('exit', (code) => reject(new Error(`the host exited early (code ${code}): ${out}`)));
      });
      expect(alive(trainerPid)).toBe(true);
      host.kill('SIGKILL');
      await vi.waitFor(() => expect(alive(trainerPid)).toBe(false), { timeout: 10_000, interval: 100 });
    } finally {
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
      if (trainerPid && alive(trainerPid)) process.kill(trainerPid, 'SIGKILL');
    }
  }, 30_000);
});
