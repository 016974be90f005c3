// Files and folders -> a corpus of tunes with a per-file report. One bad file never stops the
// rest: each is parsed in a worker of the import pool (time and memory caps), two at a time.
// Results are cached by content hash (file + sidecars + importer version + track choice), failures
// too, so a file that hung or crashed the importer is remembered instead of retried every time.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeFolders } from '../make-folders';
import { CHART_SUFFIX, GRID_SUFFIX, MIDI_FILE, midiBaseName } from './corpus-files';
import { IMPORTER_VERSION, importMidiBytes, skipped, type FileReport, type ImportResult } from './import-file';
import { sharedImportPool, type ImportPool, type PoolResult } from './import-worker-pool';
import { packedJson, unpack, type Packed } from './import-packed';
import type { Tune } from './types';

export type { FileReport } from './import-file';

export interface Corpus {
  files: FileReport[];
  tunes: Tune[];
}

export interface ImportOptions {
  cacheDir?: string; // default: $LICKLAB_CACHE_DIR or ~/.cache/licklab/corpus
  cache?: boolean; // false: neither read nor write the cache
  track?: number | string; // solo track override (index or name), applied to every file
  tracks?: Record<string, number | string>; // per file (absolute path): the musician's pick, over `track`
  /** Where files are parsed: the shared worker pool (default), another pool, or 'inline' (this
   *  thread, no time or memory cap: only for callers that trust their files, e.g. our own assets). */
  pool?: ImportPool | 'inline';
  /** Only the files' reports are wanted (`licklab corpus`): a parsed file's notes stay in its cache
   *  entry instead of crossing to this thread and being read back (`tunes` is then empty). */
  reportsOnly?: boolean;
}

export function defaultCacheDir(): string {
  return process.env.LICKLAB_CACHE_DIR || path.join(os.homedir(), '.cache', 'licklab', 'corpus');
}

/** Expand folders (recursively) into MIDI files; explicit files are kept whatever their name.
 *  Symbolic links inside folders are not followed (a link can loop or leave the folder): each one
 *  named like a MIDI file is reported as skipped, with where it points, so it is not lost silently. */
async function expand(paths: string[]): Promise<{ files: string[]; missing: FileReport[] }> {
  const files: string[] = [];
  const missing: FileReport[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && MIDI_FILE.test(e.name)) files.push(p);
      else if (e.isSymbolicLink() && MIDI_FILE.test(e.name)) missing.push(skipped(p, await linkReason(p)));
    }
  };
  for (const raw of paths) {
    const p = path.resolve(raw);
    let st;
    try {
      st = await stat(p);
    } catch {
      missing.push(skipped(p, (await lstat(p).catch(() => null))?.isSymbolicLink() ? await linkReason(p) : 'no such file or folder'));
      continue;
    }
    if (st.isDirectory()) await walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

async function linkReason(p: string): Promise<string> {
  const target = await readlink(p).catch(() => '?');
  const exists = await stat(p).then(
    () => true,
    () => false,
  );
  return exists
    ? `a symbolic link (to ${target}): links inside a folder are not followed; add the file it points to itself`
    : `a broken symbolic link (to ${target}, which does not exist)`;
}

/** Sidecars of `<dir>/<name>.mid`: `<dir>/<name>.chords.txt`, `<dir>/<name>.csv`, or `<dir>/../beats/<name>.csv` (WJD layout). */
export function sidecarPaths(file: string): { chart: string; csv: string[] } {
  const dir = path.dirname(file);
  const base = midiBaseName(path.basename(file));
  return {
    chart: path.join(dir, base + CHART_SUFFIX),
    csv: [path.join(dir, base + GRID_SUFFIX), path.join(dir, '..', 'beats', base + GRID_SUFFIX)],
  };
}

// The main thread reads each file, its sidecars and its cache entry while the workers parse (and
// write the new entries): synchronous calls for these small files cost a fraction of fs/promises'
// round trips through the thread pool (the main thread is what the import waits on).
function readIfExists(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const madeDirs = new Set<string>();

/** Make the cache folder once per process; false when it cannot be made (the import goes on uncached). */
async function cacheFolder(dir: string): Promise<boolean> {
  if (madeDirs.has(dir)) return true;
  try {
    await makeFolders(dir);
    madeDirs.add(dir);
    return true;
  } catch {
    return false;
  }
}

export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const abs = path.resolve(file);
  const id = midiBaseName(path.basename(abs));
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    return { report: skipped(abs, `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`) };
  }
  const side = sidecarPaths(abs);
  const chart = readIfExists(side.chart);
  let csv: string | undefined;
  for (const c of side.csv) if (csv === undefined) csv = readIfExists(c);
  const track = opts.tracks?.[abs] ?? opts.track;
  const useCache = opts.cache !== false;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const hash = createHash('sha256')
    .update(`${IMPORTER_VERSION}\0${track ?? ''}\0`)
    .update(bytes)
    .update(`\0chart:${chart ?? '-'}\0csv:${csv ?? '-'}`)
    .digest('hex');
  const cachePath = path.join(cacheDir, `${hash}.json`);
  let cached: string | undefined;
  try {
    if (useCache) cached = readFileSync(cachePath, 'utf8');
  } catch {
    // no entry yet (or an unreadable one): the file is parsed
  }
  if (cached !== undefined) {
    try {
      const hit = unpack(JSON.parse(cached) as Packed);
      hit.report.path = abs;
      hit.report.cached = true;
      if (hit.tune) {
        hit.tune.source = abs;
        hit.tune.id = id;
      }
      return hit;
    } catch {
      // a damaged cache entry is simply recomputed
    }
  }
  const cacheReady = useCache && (await cacheFolder(cacheDir));
  const job = {
    path: abs,
    id,
    bytes: new Uint8Array(bytes),
    side: { chart, csv },
    track,
    ...(cacheReady ? { cacheFile: cachePath } : {}),
    ...(opts.reportsOnly ? { reportOnly: true } : {}),
  };
  const pool = opts.pool ?? sharedImportPool();
  const result: PoolResult = pool === 'inline' ? importMidiBytes(job.path, job.id, job.bytes, job.side, job.track) : await pool.run(job);
  const retry = result.retry === true;
  const json = result.json; // the cache entry, made by the worker that parsed the file
  const written = result.written === true; // ... and written by it
  delete result.retry;
  delete result.json;
  delete result.written;
  // A failure of the importer itself (it could not start) says nothing about the file: not cached.
  if (cacheReady && !retry && !written) {
    try {
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, json ?? packedJson(result));
      renameSync(tmp, cachePath);
    } catch {
      // an unwritable cache only costs speed
    }
  }
  return result;
}

/** Import files and folders (recursively: the MIDI files corpus-files.ts names). Files go to the pool six at a
 *  time (two parsing, one queued behind each, two more being read), so a worker never waits for
 *  this thread; the report keeps the files' order. */
export async function importCorpus(paths: string[], opts: ImportOptions = {}): Promise<Corpus> {
  const { files, missing } = await expand(paths);
  const results: ImportResult[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      try {
        results[i] = await importFile(files[i], opts);
      } catch (err) {
        results[i] = { report: skipped(files[i], `import failed: ${err instanceof Error ? err.message : String(err)}`) };
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, lane));
  const reports: FileReport[] = [...missing];
  const tunes: Tune[] = [];
  for (const r of results) {
    reports.push(r.report);
    if (r.tune && !opts.reportsOnly) tunes.push(r.tune);
  }
  return { files: reports, tunes };
}

/** Totals for a report. */
export function corpusTotals(files: FileReport[]): { ok: number; skipped: number; notes: number } {
  const ok = files.filter((f) => f.status === 'ok');
  return { ok: ok.length, skipped: files.length - ok.length, notes: ok.reduce((a, f) => a + f.notes, 0) };
}
