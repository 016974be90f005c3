// The trainer host against a real forked trainer process (plain Node + tsx): requests, crash
// detection, rejection of pending requests, automatic restart.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendDown, BackendReady } from '../../../api/contract';
import { nodeTrainerSpawner } from '../../../backend/trainer/node-spawner';
import { TrainerHost } from '../../../backend/trainer/trainer-host';

const hosts: TrainerHost[] = [];
function newHost(env: NodeJS.ProcessEnv = { ...process.env, LICKLAB_TEST: '1' }) {
  const host = new TrainerHost(nodeTrainerSpawner(env), { restartDelayMs: 50 });
  hosts.push(host);
  return host;
}
function nextEvent<T>(host: TrainerHost, event: 'backend:down' | 'backend:ready'): Promise<T> {
  return new Promise((resolve) => {
    const off = host.on(event, (payload) => {
      off();
      resolve(payload as T);
    });
  });
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

describe('TrainerHost with a forked trainer process', () => {
  it('answers backend:info from a process that really ran TensorFlow.js', async () => {
    const host = newHost();
    const info = await host.request('backend:info');
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(host.pid).toBeGreaterThan(0);
    expect(host.pid).not.toBe(process.pid);
  });

  it('rejects a bad payload with the validator message, and the process keeps serving', async () => {
    const host = newHost();
    await expect(host.call('debug:wait', { ms: 'soon' })).rejects.toThrow('the payload of "debug:wait".ms must be a finite number');
    await expect(host.call('no:such', undefined)).rejects.toThrow('no handler for "no:such"');
    await expect(host.request('debug:wait', { ms: 1 })).resolves.toEqual({ waitedMs: 1 });
  });

  it('does not register test channels outside test mode', async () => {
    const { LICKLAB_TEST: _ignored, ...env } = process.env;
    const host = newHost(env);
    await expect(host.call('debug:crash', undefined)).rejects.toThrow('no handler for "debug:crash"');
  });

  it('rejects pending requests when the process is killed, reports it, and restarts', async () => {
    const host = newHost();
    await host.start();
    const firstPid = host.pid!;
    const pending = host.request('debug:wait', { ms: 60_000 });
    const down = nextEvent<BackendDown>(host, 'backend:down');
    const ready = nextEvent<BackendReady>(host, 'backend:ready');
    await new Promise((r) => setTimeout(r, 100)); // let the request reach the child
    process.kill(firstPid, 'SIGKILL');
    await expect(pending).rejects.toThrow('the backend process stopped unexpectedly (signal SIGKILL); "debug:wait" did not finish');
    expect(await down).toMatchObject({
      signal: 'SIGKILL',
      restarting: true,
      message: 'the backend process stopped unexpectedly (signal SIGKILL)',
    });
    const back = await ready;
    expect(back.restarts).toBe(1);
    expect(back.pid).not.toBe(firstPid);
    const info = await host.request('backend:info');
    expect(info.name).toBeTruthy();
  });

  it('debug:crash kills the process; the request fails clearly and the next one works', async () => {
    const host = newHost();
    await expect(host.request('debug:crash')).rejects.toThrow(/stopped unexpectedly \(signal SIGKILL\)/);
    await expect(host.request('debug:wait', { ms: 0 })).resolves.toEqual({ waitedMs: 0 });
  });
});
