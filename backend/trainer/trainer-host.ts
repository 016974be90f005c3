// Talks to the trainer process: typed requests, progress events, crash detection and automatic
// restart. The same class serves Electron (utilityProcess) and plain Node (child_process.fork);
// only the spawner differs (electron/main/utility-spawner.ts, backend/trainer/node-spawner.ts).
// Every request has a time limit by kind; a request that overruns it is answered with that limit,
// and a process that then does not answer a status probe either is stuck: it is restarted. A crash
// during training ends the run with a train:done that says where it stopped and what is kept.
import type { EventMap, EventName, PayloadArgs, ResultOf, TrainerChannel } from '../../api/contract';
import { isEventName } from '../../api/contract';
import type { RunState } from '../../api/channels/training';
import type { HostToTrainer } from './protocol';
import { parseTrainerMessage } from './protocol';
import { RunWatch } from './run-watch';

/** The few things the host needs from a child process, whichever API started it. */
export interface TrainerChild {
  readonly pid: number | undefined;
  send(msg: HostToTrainer): void;
  onMessage(listener: (msg: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}
export type TrainerSpawner = () => TrainerChild;

export interface TrainerHostOptions {
  /** Give up restarting after this many crashes within `crashWindowMs` (until the next request). */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Delay before an automatic restart (grows with each crash in the window). */
  restartDelayMs?: number;
  /** How long the process may take to say it is ready. */
  startTimeoutMs?: number;
  /** Time limits per channel (ms), over REQUEST_TIME_LIMITS_MS. */
  timeLimitsMs?: Record<string, number>;
  /** How long the status probe after an overrun may take before the process counts as stuck. */
  probeLimitMs?: number;
}

/** How long a request may take, by kind: imports and training starts read a whole corpus, a status
 *  answers at once. Channels not listed get `default`. */
export const REQUEST_TIME_LIMITS_MS: Record<string, number> = {
  default: 60_000,
  'backend:info': 120_000,
  'corpus:report': 600_000,
  'train:start': 600_000,
  'take:generate': 120_000,
  'take:sweep': 300_000,
  'models:check': 120_000,
  'train:status': 15_000,
  'train:stop': 30_000,
  'take:list': 30_000,
};

interface Pending {
  channel: string;
  resolve(result: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

type Listener = (payload: never) => void;

export function describeStop(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
}

export class TrainerHost {
  private child: TrainerChild | null = null;
  private ready: Promise<TrainerChild> | null = null;
  private pending = new Map<number, Pending>();
  private listeners = new Map<string, Set<Listener>>();
  private crashTimes: number[] = [];
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private restarts = 0;
  private disposed = false;
  private probing = false;
  private readonly runs = new RunWatch();
  private readonly opts: Required<TrainerHostOptions>;

  constructor(
    private readonly spawn: TrainerSpawner,
    opts: TrainerHostOptions = {},
  ) {
    this.opts = {
      maxCrashes: 5,
      crashWindowMs: 60_000,
      restartDelayMs: 250,
      startTimeoutMs: 30_000,
      probeLimitMs: 10_000,
      ...opts,
      timeLimitsMs: { ...REQUEST_TIME_LIMITS_MS, ...opts.timeLimitsMs },
    };
  }

  /** The time limit of a channel's requests, ms. */
  timeLimitOf(channel: string): number {
    return this.opts.timeLimitsMs[channel] ?? this.opts.timeLimitsMs.default ?? REQUEST_TIME_LIMITS_MS.default;
  }

  /** The running process id (undefined while stopped). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process if it is not running; resolves once it is ready for requests. */
  async start(): Promise<void> {
    await this.ensureRunning();
  }

  request<C extends TrainerChannel>(channel: C, ...args: PayloadArgs<C>): Promise<ResultOf<C>> {
    return this.call(channel, args[0]) as Promise<ResultOf<C>>;
  }

  /** Untyped form for routers that already validated `channel` and `payload` against the contract. */
  async call(channel: string, payload: unknown, limitMs = this.timeLimitOf(channel)): Promise<unknown> {
    if (this.disposed) throw new Error('the backend process has been shut down');
    const child = await this.ensureRunning();
    const id = this.nextId++;
    const result = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(
          new Error(
            `"${channel}" got no answer from the backend process within ${limitMs / 1000} s (the time limit for this kind of request)`,
          ),
        );
        void this.probe(child);
      }, limitMs);
      this.pending.set(id, { channel, resolve, reject, timer });
      try {
        child.send({ kind: 'request', id, channel, payload });
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new Error(`could not send "${channel}" to the backend process: ${(err as Error).message}`));
      }
    });
    // A process started after a crash knows nothing of the run the crash ended: the host does.
    return channel === 'train:status' ? this.runs.status(result as RunState | null) : result;
  }

  /** After an overrun: a process that cannot answer a status request either is stuck, and restarted. */
  private async probe(child: TrainerChild): Promise<void> {
    if (this.probing || child !== this.child) return;
    this.probing = true;
    try {
      await this.call('train:status', undefined, this.opts.probeLimitMs);
    } catch (err) {
      if (child === this.child && /got no answer/.test((err as Error).message)) {
        console.error(`licklab: the backend process answers nothing for ${this.opts.probeLimitMs / 1000} s; restarting it`);
        child.kill();
      }
    } finally {
      this.probing = false;
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Stops the process for good (no restart); pending requests are rejected. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = null;
    this.ready = null;
    this.rejectPending('the backend process was shut down');
    if (child) {
      const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
      child.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
  }

  private emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: EventMap[E]) => void)(payload);
      } catch (err) {
        console.error(`licklab: a listener for ${event} failed:`, err);
      }
    }
  }

  private ensureRunning(): Promise<TrainerChild> {
    if (this.ready) return this.ready;
    if (this.restartTimer) {
      // A request arrived while a crash restart was scheduled: restart now.
      clearTimeout(this.restartTimer);
      this.restartTimer = null;
      this.restarts++;
    }
    return this.launch();
  }

  private launch(): Promise<TrainerChild> {
    const child = this.spawn();
    this.child = child;
    let isReady = false;
    const ready = new Promise<TrainerChild>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the backend process did not start within ${this.opts.startTimeoutMs / 1000} s`));
        child.kill();
      }, this.opts.startTimeoutMs);
      child.onMessage((raw) => {
        const msg = parseTrainerMessage(raw);
        if (typeof msg === 'string') return console.error(`licklab: ignoring a malformed message from the backend process: ${msg}`);
        if (msg.kind === 'ready') {
          isReady = true;
          clearTimeout(timer);
          resolve(child);
          this.emit('backend:ready', { pid: msg.pid, restarts: this.restarts });
        } else if (msg.kind === 'response') {
          const pending = this.pending.get(msg.id);
          if (!pending) return;
          this.pending.delete(msg.id);
          clearTimeout(pending.timer);
          if (msg.ok) pending.resolve(msg.result);
          else pending.reject(new Error(msg.error));
        } else if (isEventName(msg.event)) {
          this.runs.onEvent(msg.event, msg.payload);
          this.emit(msg.event, msg.payload as never);
        } else {
          console.error(`licklab: the backend process sent an unknown event "${msg.event}"`);
        }
      });
      child.onExit((code, signal) => {
        clearTimeout(timer);
        if (!isReady) reject(new Error(`the backend process stopped while starting (${describeStop(code, signal)})`));
        this.onExit(child, code, signal);
      });
    });
    ready.catch(() => {}); // callers see the rejection; a crash before anyone waits is handled by onExit
    this.ready = ready;
    return ready;
  }

  private rejectPending(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`${message}; "${p.channel}" did not finish`));
    }
  }

  private onExit(child: TrainerChild, code: number | null, signal: string | null): void {
    if (child !== this.child) return; // an old process we already replaced
    this.child = null;
    this.ready = null;
    if (this.disposed) return;
    const message = `the backend process stopped unexpectedly (${describeStop(code, signal)})`;
    this.rejectPending(message);
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.opts.crashWindowMs), now];
    const restarting = this.crashTimes.length <= this.opts.maxCrashes;
    this.emit('backend:down', {
      message: restarting
        ? message
        : `${message}; it stopped ${this.crashTimes.length} times within a minute, so it is not restarted until the next request`,
      exitCode: code,
      signal,
      restarting,
    });
    const interrupted = this.runs.onCrash(describeStop(code, signal));
    if (interrupted) this.emit('train:done', interrupted);
    if (!restarting) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.disposed || this.ready) return;
      this.restarts++;
      this.launch().catch(() => {}); // a failed restart is another exit, handled above
    }, this.opts.restartDelayMs * this.crashTimes.length);
  }
}
