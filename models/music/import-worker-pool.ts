// Node-only: imports MIDI files in a small pool of worker threads, each with a heap cap, and each
// job with a time cap. A file that hangs the parser, blows up its heap or crashes the thread costs
// only its own report ("skipped: ... time limit"); the thread is replaced and the other files go on.
// Two workers are started on first use and reused (a worker per file would pay its start-up 386
// times for the WJD); idle workers do not keep the process alive. The worker runs from a CommonJS
// bundle: import-worker.cjs beside the compiled code (dist-electron/ in the app, dist-cli/ for the
// command line), else from the sources one esbuild makes at first use (loading the TypeScript
// through tsx's hooks in a new thread costs ~2 s, the bundle ~0.1 s), kept in the temp folder for
// the next run.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { skipped, type ImportResult } from './import-file';
import type { ImportJob, ImportWorkerRole, JobMessage, ResultMessage } from './import-worker';
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
  /** Jobs sent to this thread so far. */
  runs: number;
  /** Set when the thread threw or ran out of heap: it takes no new job and is ended on its exit. */
  failure?: [reason: string, detail: string, crash: boolean];
  busy?: Pending & { seq: number; timer: NodeJS.Timeout };
}

const bundles = new Map<string, Promise<string>>();

/** A key for the sources a bundle is made of (this folder and models/): names, sizes, times. */
function sourcesKey(entry: string): string {
  const own = statSync(entry);
  const hash = createHash('sha256').update(`${entry}\0${own.size}\0${own.mtimeMs}\0`);
  const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && dir !== modelsDir) walk(p);
      else if (e.isFile() && e.name.endsWith('.ts')) {
        const st = statSync(p);
        hash.update(`${p}\0${st.size}\0${st.mtimeMs}\0`);
      }
    }
  };
  walk(modelsDir);
  walk(path.join(modelsDir, 'music'));
  return hash.digest('hex').slice(0, 16);
}

/** Bundles of older sources, unused for a day (a process started before still may use a fresh one). */
function removeStaleBundles(keep: string): void {
  const dir = path.dirname(keep);
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!/^licklab-import-worker-[0-9a-f]{16}\.cjs$/.test(name) || file === keep) continue;
    try {
      if (Date.now() - statSync(file).atimeMs > 24 * 3600_000) rmSync(file, { force: true });
    } catch {
      // another process removed it first
    }
  }
}

/** The worker as one CommonJS file: beside compiled code (an Electron bundle, the compiled CLI), or
 *  bundled with esbuild (tsx's own dependency) into the temp folder, reused by later runs until a
 *  source file changes. */
function workerFile(entry?: URL): Promise<string> {
  const here = import.meta.url;
  if (!entry && !here.endsWith('.ts')) {
    // In a packaged app the bundles live in app.asar; the worker file is unpacked beside it (build.asarUnpack).
    const bundled = fileURLToPath(new URL('./import-worker.cjs', here));
    return Promise.resolve(bundled.replace(/([\\/]app\.asar)([\\/])/, '$1.unpacked$2'));
  }
  const source = fileURLToPath(entry ?? new URL('./import-worker.ts', here));
  let built = bundles.get(source);
  if (!built) {
    built = (async () => {
      const out = path.join(os.tmpdir(), `licklab-import-worker-${sourcesKey(source)}.cjs`);
      if (existsSync(out)) return out;
      const esbuild = createRequire(here)('esbuild') as typeof import('esbuild');
      const tmp = `${out}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      try {
        await esbuild.build({
          entryPoints: [source],
          outfile: tmp,
          bundle: true,
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          logLevel: 'silent',
          banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
          define: { 'import.meta.url': '__importMetaUrl' },
        });
        renameSync(tmp, out);
      } finally {
        rmSync(tmp, { force: true });
      }
      removeStaleBundles(out);
      return out;
    })();
    bundles.set(source, built);
    built.catch(() => bundles.delete(source));
  }
  return built;
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
      const { job, resolve, fresh } = this.queue.splice(i, 1)[0];
      const seq = ++this.seq;
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
      slot.busy = { seq, job, resolve, fresh, timer };
      slot.runs++;
      slot.worker.ref();
      const msg: JobMessage = { seq, job };
      slot.worker.postMessage(msg);
    }
  }

  /** An idle thread for this job, started if the pool has room; a job to rerun takes only a thread
   *  that has run nothing yet (an idle used one is replaced to make room). */
  private slotFor(p: Pending): Slot | undefined {
    const idle = this.slots.filter((s) => !s.busy && !s.dead && !s.failure);
    const slot = p.fresh ? idle.find((s) => s.runs === 0) : idle[0];
    if (slot) return slot;
    if (this.slots.length < this.size) return this.spawn();
    if (p.fresh && idle.length) {
      void this.retire(idle[0], 'import stopped: the importer was replaced');
      return this.spawn();
    }
    return undefined;
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
      worker.unref();
      // A report-only job's notes are not read back (they went to the cache entry, if any).
      const result = msg.report ? { report: msg.report } : unpack(JSON.parse(msg.json) as Packed);
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
   *  "could not start" (the file is not to blame); a new worker takes the queue. */
  private async fail(slot: Slot, reason: string, detail: string, crash: boolean): Promise<void> {
    if (slot.dead) return;
    const started = slot.ready;
    if (!started) this.failedStarts++;
    const busy = slot.busy;
    if (busy && started && crash && slot.runs > 1) {
      slot.busy = undefined;
      clearTimeout(busy.timer);
      this.queue.unshift({ job: busy.job, resolve: busy.resolve, fresh: true });
    }
    await this.retire(slot, started ? reason : `the importer could not start (${detail})`, !started);
    if (this.failedStarts >= MAX_FAILED_STARTS) this.failQueue(`the importer could not start (${detail})`, true);
    else this.dispatch();
  }

  private async retire(slot: Slot, reason: string, retry = false): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.resolve({ report: skipped(busy.job.path, reason), ...(retry ? { retry: true as const } : {}) });
    }
    await slot.worker.terminate().catch(() => undefined);
  }
}

let shared: ImportPool | undefined;

/** The process-wide pool `licklab corpus`, the trainer and the fuzzer import through. */
export function sharedImportPool(): ImportPool {
  shared ??= new ImportPool();
  return shared;
}
