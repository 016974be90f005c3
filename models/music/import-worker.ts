// The worker thread side of the isolated import (import-worker-pool.ts): receives one file's bytes
// and sidecars, answers its ImportResult. Whatever the file does to this thread (a hang, a heap
// blown past its cap, a crash), only this thread pays; the pool reports the file and goes on.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { importMidiBytes, skipped, type FileReport, type ImportResult, type Sidecars } from './import-file';
import { packedJson } from './import-packed';

export interface ImportJob {
  path: string;
  id: string;
  bytes: Uint8Array;
  side: Sidecars;
  track?: number | string;
  /** Where the result's cache entry goes: the worker writes it (tmp + rename), so the main thread,
   *  which every file waits on, does not (386 writes were a quarter of its time on the WJD solos). */
  cacheFile?: string;
  /** Send back only the report (and the packed JSON, for the cache): the caller wants no notes. */
  reportOnly?: boolean;
}

export interface JobMessage {
  seq: number;
  job: ImportJob;
}

/** A result goes back as its packed JSON (import-packed.ts): one string to copy, and the cache entry;
 *  `written` when the worker wrote that entry to the job's cacheFile; a report-only job that was
 *  written sends its report alone. */
export type ResultMessage = { seq: number; json?: string; written?: true; report?: FileReport } | { ready: true };

/** One job -> its result; an unexpected exception becomes a skipped report, never a dead thread. */
export function runImportJob(job: ImportJob): ImportResult {
  try {
    return importMidiBytes(job.path, job.id, job.bytes, job.side, job.track);
  } catch (err) {
    return { report: skipped(job.path, `import failed: ${err instanceof Error ? err.message : String(err)}`) };
  }
}

/** Write a cache entry whole (tmp + rename); false when it cannot be written (the cache only costs speed). */
function writeEntry(file: string, json: string): boolean {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(tmp, json);
    renameSync(tmp, file);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

/** Serves jobs on this worker's port with `run` (the fixture workers of the tests wrap runImportJob). */
export function serveImportJobs(run: (job: ImportJob) => ImportResult = runImportJob): void {
  parentPort?.on('message', ({ seq, job }: JobMessage) => {
    const result = run(job);
    const json = packedJson(result);
    const written = job.cacheFile !== undefined && writeEntry(job.cacheFile, json);
    // The packed JSON goes back only when the caller still needs it: to read the notes, or to write
    // the cache entry this thread could not.
    const reply: ResultMessage = {
      seq,
      ...(written && job.reportOnly ? {} : { json }),
      ...(written ? { written: true as const } : {}),
      ...(job.reportOnly ? { report: result.report } : {}),
    };
    parentPort!.postMessage(reply);
  });
  const ready: ResultMessage = { ready: true };
  parentPort?.postMessage(ready);
}

/** workerData of a pool worker: 'default' serves with runImportJob, 'custom' leaves it to its entry. */
export type ImportWorkerRole = 'default' | 'custom';

// Started by the pool as its default worker (not imported by a test runner's own thread): serve.
if ((workerData as { licklabImportWorker?: ImportWorkerRole } | null)?.licklabImportWorker === 'default') serveImportJobs();
