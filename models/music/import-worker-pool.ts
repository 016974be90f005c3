// Node-only: imports MIDI files in a small pool of worker threads, each with a heap cap, and each
// job with a time cap. A file that hangs the parser, blows up its heap or crashes the thread costs
// only its own report ("skipped: ... time limit"); the thread is replaced and the other files go on.
// Each thread has the next file queued behind the one it is on, so it never waits for this thread.
// Two workers are started on first use and reused (a worker per file would pay its
// start-up 386 times for the WJD); idle workers do not keep the process alive. The worker's code
// comes from import-worker-bundle.ts.
import { Worker } from 'node:worker_threads';
import { skipped, type ImportResult } from './import-file';
import type { ImportJob, ImportWorkerRole, JobMessage, ResultMessage } from './import-worker';
import { workerFile } from './import-worker-bundle';
import { unpack, type Packed } from './import-packed';

export type { ImportJob } from './import-worker';

export interface ImportPoolOptions {
  /** Worker threads (default 2). */
  size?: number;
  /** Time one file may take, in ms (default 20 s: the largest real files take well under 1 s). */
  timeLimitMs?: number;
  /** Old-generation heap of one worker, in MB (default 512). */
  memoryLimitMb?: number;
  /** A different worker entry (.ts; tests use fixture workers that hang or crash on purpose). */
  entry?: URL;
}

/** A pool result; `retry` marks a failure of the importer itself (it could not start), not of the file;
 *  `json` is the result as the worker packed it (import-packed.ts), ready to be a cache entry;
 *  `written` when the worker already wrote that entry to the job's cacheFile. */
export type PoolResult = ImportResult & { retry?: true; json?: string; written?: true };

export const IMPORT_POOL_DEFAULTS = { size: 2, timeLimitMs: 20_000, memoryLimitMb: 512 } as const;
/** Workers that die before they are ready, in a row, before the pool gives up on the queue. */
const MAX_FAILED_STARTS = 3;

interface Pending {
  job: ImportJob;
  resolve: (r: PoolResult) => void;
  /** Set when a thread died under this job after running other files first (the crash may be a
   *  previous file's late failure): the job runs again, on a fresh thread, as its first file, and
   *  only a crash there is blamed on it. A time or memory limit stop is final at once. */
  fresh?: true;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  /** Jobs this thread has begun so far. */
  runs: number;
  /** Set when the thread threw or ran out of heap: it takes no new job and is ended on its exit. */
  failure?: [reason: string, detail: string, crash: boolean];
  /** The file the thread is on, with its time limit running. */
  busy?: Pending & { seq: number; timer: NodeJS.Timeout };
  /** The file sent behind it, which the thread begins the moment it answers (no round trip through
   *  this thread between files); its time limit starts then. */
  next?: Pending & { seq: number };
}

export class ImportPool {
  private readonly size: number;
  private readonly timeLimitMs: number;
  private readonly memoryLimitMb: number;
  private readonly entry?: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private file?: string;
  private seq = 0;
  private failedStarts = 0;
  private closed = false;

  constructor(opts: ImportPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? IMPORT_POOL_DEFAULTS.size);
    this.timeLimitMs = opts.timeLimitMs ?? IMPORT_POOL_DEFAULTS.timeLimitMs;
    this.memoryLimitMb = opts.memoryLimitMb ?? IMPORT_POOL_DEFAULTS.memoryLimitMb;
    this.entry = opts.entry;
  }

  /** The file's result; never rejects: a hang, a crash or an exhausted heap is a skipped report. */
  async run(job: ImportJob): Promise<PoolResult> {
    if (this.closed) return { report: skipped(job.path, 'import stopped: the importer was shut down') };
    if (!this.file) {
      try {
        this.file = await workerFile(this.entry);
      } catch (err) {
        return {
          report: skipped(job.path, `the importer could not start (${err instanceof Error ? err.message : String(err)})`),
          retry: true,
        };
      }
    }
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting are reported as not imported. */
  async close(): Promise<void> {
    this.closed = true;
    this.failQueue('import stopped: the importer was shut down');
    await Promise.all(this.slots.splice(0).map((s) => this.retire(s, 'import stopped: the importer was shut down')));
  }

  private failQueue(reason: string, retry?: true): void {
    for (const q of this.queue.splice(0)) q.resolve({ report: skipped(q.job.path, reason), ...(retry ? { retry } : {}) });
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length && !this.closed;) {
      const slot = this.slotFor(this.queue[i]);
      if (!slot) {
        i++;
        continue;
      }
      const pending = { ...this.queue.splice(i, 1)[0], seq: ++this.seq };
      const msg: JobMessage = { seq: pending.seq, job: pending.job };
      slot.worker.postMessage(msg);
      if (slot.busy) slot.next = pending;
      else this.begin(slot, pending);
    }
  }

  /** The thread is on this file now: its time limit runs. */
  private begin(slot: Slot, pending: Pending & { seq: number }): void {
    const limit = `${+(this.timeLimitMs / 1000).toFixed(3)} s`;
    const timer = setTimeout(
      () =>
        void this.fail(
          slot,
          `import stopped after ${limit} (the time limit per file): the file keeps the importer busy`,
          'time limit',
          false,
        ),
      this.timeLimitMs,
    );
    slot.busy = { ...pending, timer };
    slot.runs++;
    slot.worker.ref();
  }

  /** A thread for this job: an idle one, a new one if the pool has room, else one to queue behind
   *  (one file deep). A job to rerun takes only an idle thread that has run nothing yet (an idle
   *  used one is replaced to make room). */
  private slotFor(p: Pending): Slot | undefined {
    const usable = this.slots.filter((s) => !s.dead && !s.failure);
    const idle = usable.filter((s) => !s.busy);
    const slot = p.fresh ? idle.find((s) => s.runs === 0) : idle[0];
    if (slot) return slot;
    if (this.slots.length < this.size) return this.spawn();
    if (p.fresh && idle.length) {
      void this.retire(idle[0], 'import stopped: the importer was replaced');
      return this.spawn();
    }
    return p.fresh ? undefined : usable.find((s) => !s.next);
  }

  private spawn(): Slot {
    const role: ImportWorkerRole = this.entry ? 'custom' : 'default';
    const worker = new Worker(this.file!, {
      workerData: { licklabImportWorker: role },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb, maxYoungGenerationSizeMb: Math.min(64, this.memoryLimitMb) },
    });
    const slot: Slot = { worker, ready: false, dead: false, runs: 0 };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (msg: ResultMessage) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.failedStarts = 0;
        return;
      }
      const busy = slot.busy;
      if (!busy || busy.seq !== msg.seq) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      const next = slot.next;
      slot.next = undefined;
      if (next) this.begin(slot, next);
      else worker.unref();
      // A report-only job's notes are not read back (they went to the cache entry, if any).
      const result = msg.report ? { report: msg.report } : unpack(JSON.parse(msg.json!) as Packed);
      busy.resolve({ ...result, json: msg.json, ...(msg.written ? { written: true as const } : {}) });
      this.dispatch();
    });
    // A thread that throws or runs out of heap exits next; its failure is settled on 'exit', after
    // Node has delivered the messages it posted before it died (a file's answer sent just before a
    // stray throw must reach its file, not be overtaken by the error).
    worker.on('error', (err: Error & { code?: string }) => {
      slot.failure ??=
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? [`import stopped: the file needs more than ${this.memoryLimitMb} MB (the memory limit per file)`, err.message, false]
          : [`import stopped: the importer crashed on this file (${err.message})`, err.message, true];
      setTimeout(() => void this.fail(slot, ...slot.failure!), 2000).unref(); // in case no 'exit' follows
    });
    worker.on('exit', (code) => {
      const failure = slot.failure ?? [`import stopped: the importer thread exited (code ${code}) on this file`, `exit code ${code}`, true];
      void this.fail(slot, ...failure);
    });
    return slot;
  }

  /** Ends a worker: its job (if any) gets `reason` (on a `crash`, only when the job was the thread's
   *  first: else it runs again on a fresh thread), or, when the worker never got ready, a retryable
   *  "could not start" (the file is not to blame); the file queued behind it goes back to the queue,
   *  and a new worker takes the queue. */
  private async fail(slot: Slot, reason: string, detail: string, crash: boolean): Promise<void> {
    if (slot.dead) return;
    const started = slot.ready;
    if (!started) this.failedStarts++;
    const again: Pending[] = [];
    const busy = slot.busy;
    if (busy && started && crash && slot.runs > 1) {
      slot.busy = undefined;
      clearTimeout(busy.timer);
      again.push({ job: busy.job, resolve: busy.resolve, fresh: true });
    }
    if (slot.next) again.push({ job: slot.next.job, resolve: slot.next.resolve }); // it never began: not its fault
    slot.next = undefined;
    this.queue.unshift(...again);
    await this.retire(slot, started ? reason : `the importer could not start (${detail})`, !started);
    if (this.failedStarts >= MAX_FAILED_STARTS) this.failQueue(`the importer could not start (${detail})`, true);
    else this.dispatch();
  }

  private async retire(slot: Slot, reason: string, retry = false): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const { busy, next } = slot;
    slot.busy = slot.next = undefined;
    if (busy) clearTimeout(busy.timer);
    for (const p of [busy, next]) if (p) p.resolve({ report: skipped(p.job.path, reason), ...(retry ? { retry: true as const } : {}) });
    await slot.worker.terminate().catch(() => undefined);
  }
}

let shared: ImportPool | undefined;

/** The process-wide pool `licklab corpus`, the trainer and the fuzzer import through. */
export function sharedImportPool(): ImportPool {
  shared ??= new ImportPool();
  return shared;
}
