// TrainerHost restart policy with a scripted fake child (no real process): gives up after repeated
// crashes until the next request, and dispose() rejects pending work without restarting.
import { describe, expect, it, vi } from 'vitest';
import type { BackendDown } from '../../../api/contract';
import { TrainerHost, type TrainerChild } from '../../../backend/trainer/trainer-host';

function fakeSpawner() {
  const children: Array<{ exit(code: number | null, signal: string | null): void; sent: unknown[] }> = [];
  let pid = 100;
  const spawn = (): TrainerChild => {
    let onMessage: (m: unknown) => void = () => {};
    const exitListeners: Array<(c: number | null, s: string | null) => void> = [];
    const sent: unknown[] = [];
    const myPid = pid++;
    let exited = false;
    const exit = (code: number | null, signal: string | null) => {
      if (exited) return;
      exited = true;
      exitListeners.forEach((l) => l(code, signal));
    };
    children.push({ exit, sent });
    setTimeout(() => onMessage({ kind: 'ready', pid: myPid }), 1);
    return {
      pid: myPid,
      send: (m) => void sent.push(m),
      onMessage: (l) => (onMessage = l),
      onExit: (l) => void exitListeners.push(l),
      kill: () => setTimeout(() => exit(null, 'SIGTERM'), 1),
    };
  };
  return { spawn, children };
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('TrainerHost restart policy', () => {
  it('stops restarting after too many crashes in the window, and relaunches on the next request', async () => {
    const fake = fakeSpawner();
    const host = new TrainerHost(fake.spawn, { maxCrashes: 2, restartDelayMs: 1 });
    const downs: BackendDown[] = [];
    host.on('backend:down', (d) => downs.push(d));
    await host.start();
    for (let i = 0; i < 3; i++) {
      fake.children[fake.children.length - 1].exit(1, null);
      await tick(20);
    }
    expect(downs.map((d) => d.restarting)).toEqual([true, true, false]);
    expect(downs[2].message).toContain('it stopped 3 times within a minute, so it is not restarted until the next request');
    expect(fake.children).toHaveLength(3);
    expect(host.pid).toBeUndefined();
    const request = host.request('backend:info');
    await tick(10);
    expect(fake.children).toHaveLength(4);
    expect(fake.children[3].sent).toEqual([{ kind: 'request', id: 1, channel: 'backend:info', payload: undefined }]);
    const rejected = expect(request).rejects.toThrow('the backend process was shut down; "backend:info" did not finish');
    await host.dispose();
    await rejected;
  });

  it('does not restart after dispose, and refuses new requests', async () => {
    const fake = fakeSpawner();
    const host = new TrainerHost(fake.spawn, { restartDelayMs: 1 });
    const downs: unknown[] = [];
    host.on('backend:down', (d) => downs.push(d));
    await host.start();
    await host.dispose();
    await tick(20);
    expect(fake.children).toHaveLength(1);
    expect(downs).toEqual([]);
    await expect(host.request('backend:info')).rejects.toThrow('the backend process has been shut down');
  });

  it('passes on only contract events; malformed messages and stray responses are dropped', async () => {
    let send: (m: unknown) => void = () => {};
    const host = new TrainerHost(() => {
      setTimeout(() => send({ kind: 'ready', pid: 7 }), 1);
      let exit: (code: number | null, signal: string | null) => void = () => {};
      return { pid: 7, send: () => {}, onMessage: (l) => (send = l), onExit: (l) => (exit = l), kill: () => exit(null, 'SIGTERM') };
    });
    const seen: string[] = [];
    host.on('train:checkpoint', (p) => seen.push(`checkpoint ${p.epoch}`));
    await host.start();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const event of ['__proto__', 'toString', 'constructor', 'ipc:anything']) send({ kind: 'event', event, payload: {} });
    send('not an object');
    send({ kind: 'response', id: 999, ok: true, result: 1 }); // nobody asked
    send({ kind: 'event', event: 'train:checkpoint', payload: { runId: 'r', epoch: 3, modelId: 'm' } });
    expect(seen).toEqual(['checkpoint 3']);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      'licklab: the backend process sent an unknown event "__proto__"',
      'licklab: the backend process sent an unknown event "toString"',
      'licklab: the backend process sent an unknown event "constructor"',
      'licklab: the backend process sent an unknown event "ipc:anything"',
      'licklab: ignoring a malformed message from the backend process: expected an object',
    ]);
    errors.mockRestore();
    await host.dispose();
  });
});
