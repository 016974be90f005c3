// The trainer host's time limits and crash bookkeeping: a request over its kind's limit is answered
// with that limit (the process stays if it still answers a status probe, and is restarted if it is
// stuck), and a crash during training ends the run with train:done (where it stopped, which
// checkpoint is kept), which train:status still returns after the restart.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDone, RunState } from '../../../api/channels/training';
import { nodeTrainerSpawner } from '../../../backend/trainer/node-spawner';
import { TrainerHost, type TrainerChild, type TrainerHostOptions } from '../../../backend/trainer/trainer-host';
import type { HostToTrainer } from '../../../backend/trainer/protocol';

const hosts: TrainerHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});
function host(spawn: () => TrainerChild, opts: TrainerHostOptions = {}): TrainerHost {
  const h = new TrainerHost(spawn, { restartDelayMs: 20, ...opts });
  hosts.push(h);
  return h;
}

/** An in-test trainer process: answers what `answer` returns (undefined = never), can emit and die. */
class FakeChild implements TrainerChild {
  static pids = 1000;
  readonly pid = FakeChild.pids++;
  killed = false;
  private onMsg: (m: unknown) => void = () => {};
  private onExitFn: (code: number | null, signal: string | null) => void = () => {};
  constructor(private readonly answer: (msg: HostToTrainer) => unknown) {
    setTimeout(() => this.onMsg({ kind: 'ready', pid: this.pid }));
  }
  send(msg: HostToTrainer): void {
    const result = this.answer(msg);
    if (result !== undefined)
      setTimeout(() => this.onMsg({ kind: 'response', id: msg.id, ok: true, result: result === 'null' ? null : result }));
  }
  onMessage(l: (m: unknown) => void): void {
    this.onMsg = l;
  }
  onExit(l: (code: number | null, signal: string | null) => void): void {
    this.onExitFn = l;
  }
  emit(event: string, payload: unknown): void {
    this.onMsg({ kind: 'event', event, payload });
  }
  die(signal = 'SIGKILL'): void {
    this.onExitFn(null, signal);
  }
  kill(): void {
    this.killed = true;
    setTimeout(() => this.die('SIGTERM'));
  }
}

describe('request time limits', () => {
  it('a request over its limit is answered with the limit; a process that still answers is kept', async () => {
    const h = host(nodeTrainerSpawner({ ...process.env, LICKLAB_TEST: '1' }), { timeLimitsMs: { 'debug:wait': 400 } });
    await h.start();
    const pid = h.pid;
    await expect(h.request('debug:wait', { ms: 3000 })).rejects.toThrow(
      '"debug:wait" got no answer from the backend process within 0.4 s (the time limit for this kind of request)',
    );
    await new Promise((r) => setTimeout(r, 300)); // the status probe is answered
    expect(h.pid).toBe(pid);
    await expect(h.request('debug:wait', { ms: 1 })).resolves.toEqual({ waitedMs: 1 });
  }, 60_000);

  it('has a limit for every kind of request, longest for corpus imports and training starts', () => {
    const h = host(() => new FakeChild(() => undefined));
    expect(h.timeLimitOf('train:status')).toBe(15_000);
    expect(h.timeLimitOf('corpus:report')).toBe(600_000);
    expect(h.timeLimitOf('take:delete')).toBe(60_000);
  });

  it('a process that answers neither the request nor the status probe is stuck: it is killed and restarted', async () => {
    const children: FakeChild[] = [];
    const h = host(
      () => {
        const c = new FakeChild((m) => (children.length > 1 ? (m.channel === 'train:status' ? 'null' : { ok: 1 }) : undefined));
        children.push(c);
        return c;
      },
      { timeLimitsMs: { 'take:list': 100 }, probeLimitMs: 100 },
    );
    const ready = new Promise((resolve) => h.on('backend:ready', resolve));
    await expect(h.call('take:list', undefined)).rejects.toThrow(/within 0.1 s/);
    await new Promise((r) => setTimeout(r, 400));
    expect(children[0].killed).toBe(true);
    await ready;
    await expect(h.call('take:list', undefined)).resolves.toEqual({ ok: 1 });
  });
});

describe('a crash during training', () => {
  const info = { runId: 'run-1', modelId: 'jazz-1' };
  const record = (epoch: number, devLoss: number) => ({ epoch, devLoss, trainLoss: devLoss + 0.1 });

  function crashAfter(child: FakeChild, epochs: number, checkpoint: number | null) {
    child.emit('train:started', info);
    for (let e = 1; e <= epochs; e++) child.emit('train:epoch', { runId: 'run-1', record: record(e, 2 - e / 10), best: true });
    if (checkpoint !== null) child.emit('train:checkpoint', { runId: 'run-1', epoch: checkpoint, modelId: 'jazz-1', kind: 'best-dev' });
    child.emit('train:checkpoint', { runId: 'run-1', epoch: epochs, modelId: 'jazz-1-score', kind: 'best-sample' });
    child.die();
  }

  it('ends the run with train:done saying where it stopped and which checkpoint is kept, also for train:status after the restart', async () => {
    const children: FakeChild[] = [];
    const h = host(() => {
      const c = new FakeChild((m) => (m.channel === 'train:status' ? 'null' : undefined));
      children.push(c);
      return c;
    });
    await h.start();
    const done = new Promise<RunDone>((resolve) => h.on('train:done', resolve));
    const order: string[] = [];
    h.on('backend:down', () => order.push('backend:down'));
    h.on('train:done', () => order.push('train:done'));
    crashAfter(children[0], 3, 2);
    expect(await done).toEqual({
      runId: 'run-1',
      stopReason: 'failed',
      bestEpoch: 2,
      bestDevLoss: 1.8,
      modelId: 'jazz-1',
      message:
        'The trainer stopped at epoch 4, after 3 finished epochs (signal SIGKILL); the checkpoint of epoch 2 is kept in the library as "jazz-1"',
    });
    expect(order).toEqual(['backend:down', 'train:done']);
    const status = (await h.request('train:status')) as RunState;
    expect(children).toHaveLength(2);
    expect(status).toMatchObject({ running: false, checkpointEpoch: 2, info, done: { runId: 'run-1', bestEpoch: 2 } });
    expect(status.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
  });

  it('says that nothing was kept when no checkpoint was saved, and ignores a run that ended', async () => {
    const children: FakeChild[] = [];
    const h = host(() => {
      const c = new FakeChild(() => undefined);
      children.push(c);
      return c;
    });
    await h.start();
    const dones: RunDone[] = [];
    h.on('train:done', (d) => dones.push(d));
    children[0].emit('train:started', info);
    children[0].die();
    await new Promise((r) => setTimeout(r, 100));
    expect(dones.map((d) => d.message)).toEqual([
      'The trainer stopped before the first epoch finished (signal SIGKILL); no checkpoint had been saved, so nothing was kept',
    ]);
    await new Promise((r) => setTimeout(r, 100)); // restarted
    children[1].emit('train:started', { ...info, runId: 'run-2' });
    children[1].emit('train:done', {
      runId: 'run-2',
      stopReason: 'completed',
      bestEpoch: 1,
      bestDevLoss: 1,
      modelId: 'x',
      message: 'done',
    });
    children[1].die();
    await new Promise((r) => setTimeout(r, 100));
    expect(dones.map((d) => d.runId)).toEqual(['run-1', 'run-2']); // run-2's own done, no second one from the host
  });
});
