// The worker thread side of the isolated import (import-worker-pool.ts): receives one file's bytes
// and sidecars, answers its ImportResult. Whatever the file does to this thread (a hang, a heap
// blown past its cap, a crash), only this thread pays; the pool reports the file and goes on.
import { parentPort, workerData } from 'node:worker_threads';
import { importMidiBytes, skipped, type ImportResult, type Sidecars } from './import-file';
import { packedJson } from './import-packed';

export interface ImportJob {
  path: string;
  id: string;
  bytes: Uint8Array;
  side: Sidecars;
  track?: number | string;
}

export interface JobMessage {
  seq: number;
  job: ImportJob;
}

/** A result goes back as its packed JSON (import-packed.ts): one string to copy, and the cache entry. */
export type ResultMessage = { seq: number; json: string } | { ready: true };

/** One job -> its result; an unexpected exception becomes a skipped report, never a dead thread. */
export function runImportJob(job: ImportJob): ImportResult {
  try {
    return importMidiBytes(job.path, job.id, job.bytes, job.side, job.track);
  } catch (err) {
    return { report: skipped(job.path, `import failed: ${err instanceof Error ? err.message : String(err)}`) };
  }
}

/** Serves jobs on this worker's port with `run` (the fixture workers of the tests wrap runImportJob). */
export function serveImportJobs(run: (job: ImportJob) => ImportResult = runImportJob): void {
  parentPort?.on('message', ({ seq, job }: JobMessage) => {
    const reply: ResultMessage = { seq, json: packedJson(run(job)) };
    parentPort!.postMessage(reply);
  });
  const ready: ResultMessage = { ready: true };
  parentPort?.postMessage(ready);
}

/** workerData of a pool worker: 'default' serves with runImportJob, 'custom' leaves it to its entry. */
export type ImportWorkerRole = 'default' | 'custom';

// Started by the pool as its default worker (not imported by a test runner's own thread): serve.
if ((workerData as { licklabImportWorker?: ImportWorkerRole } | null)?.licklabImportWorker === 'default') serveImportJobs();
