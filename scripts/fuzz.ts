// `npm run fuzz [-- --count N --seed S --out DIR]`: imports seeded mutants of real MIDI files
// through the isolated importer (the same worker pool `licklab corpus` and the trainer use) and
// prints tried / imported / skipped (by reason) / crashed / over the time cap / lost reports and
// the slowest file. Seeds: the team corpus at ../shared/corpus when present, else the project's own
// default corpus. Exits 1 when any mutant crashed the importer, hit the time cap or lost its report.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS_DIR } from '../models/music/default-corpus';
import { ImportPool } from '../models/music/import-worker-pool';
import { mulberry32 } from '../models/random';
import { mutate } from './fuzz-mutate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

export interface FuzzOptions {
  count: number;
  seed: number;
  /** Time cap per file, ms. */
  timeLimitMs?: number;
  /** Seed folders (default: shared corpus when present, else the default corpus). */
  seedDirs?: string[];
  /** Write every mutant here (named by number and kind) for a second look or a corpus run. */
  outDir?: string;
}

export interface FuzzSummary {
  seeds: string[];
  seedFiles: number;
  tried: number;
  imported: number;
  skipped: number;
  reasons: Record<string, number>; // reason with its numbers blanked -> count
  crashed: string[];
  overTimeCap: string[];
  lost: number;
  slowest: { name: string; kind: string; ms: number; status: string };
  elapsedMs: number;
}

function midiFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...midiFiles(p));
    else if (e.isFile() && /\.(mid|midi)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

export function defaultSeedDirs(): string[] {
  try {
    if (readdirSync(SHARED_CORPUS).length) return [SHARED_CORPUS];
  } catch {
    // no team corpus on this machine
  }
  return [DEFAULT_CORPUS_DIR];
}

/** Reason -> a category: numbers and quoted bits blanked, so "track 3, byte 512" counts with "track 1, byte 40". */
const reasonKind = (reason: string) =>
  reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d[\d,.]*/g, 'N')
    .slice(0, 90);

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const seeds = opts.seedDirs ?? defaultSeedDirs();
  const files = seeds.flatMap(midiFiles).map((f) => new Uint8Array(readFileSync(f)));
  if (!files.length) throw new Error(`no MIDI files to mutate in ${seeds.join(', ')}`);
  if (opts.outDir) mkdirSync(opts.outDir, { recursive: true });
  const rand = mulberry32(opts.seed);
  const mutants = Array.from({ length: opts.count }, (_, n) => ({ n, ...mutate(files, rand, n) }));
  const pool = new ImportPool({ timeLimitMs: opts.timeLimitMs ?? 10_000 });
  const summary: FuzzSummary = {
    seeds,
    seedFiles: files.length,
    tried: 0,
    imported: 0,
    skipped: 0,
    reasons: {},
    crashed: [],
    overTimeCap: [],
    lost: 0,
    slowest: { name: '', kind: '', ms: -1, status: '' },
    elapsedMs: 0,
  };
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < mutants.length) {
      const m = mutants[next++];
      const name = `mutant-${String(m.n).padStart(4, '0')}-${m.kind.replace(/[^a-zA-Z]+/g, '-')}.mid`;
      if (opts.outDir) writeFileSync(path.join(opts.outDir, name), m.bytes);
      const t0 = performance.now();
      const result = await pool.run({ path: `/fuzz/${name}`, id: name, bytes: m.bytes, side: {} });
      const ms = performance.now() - t0;
      summary.tried++;
      const report = result?.report;
      if (!report || report.path !== `/fuzz/${name}`) {
        summary.lost++;
        continue;
      }
      if (ms > summary.slowest.ms)
        summary.slowest = { name, kind: m.kind, ms, status: report.status === 'ok' ? 'imported' : `skipped: ${report.reason}` };
      if (report.status === 'ok') summary.imported++;
      else {
        summary.skipped++;
        const reason = report.reason ?? '(no reason)';
        if (/time limit/.test(reason)) summary.overTimeCap.push(`${name}: ${reason}`);
        else if (/importer (crashed|thread exited|could not start)|memory limit/.test(reason)) summary.crashed.push(`${name}: ${reason}`);
        summary.reasons[reasonKind(reason)] = (summary.reasons[reasonKind(reason)] ?? 0) + 1;
      }
    }
  };
  await Promise.all([lane(), lane()]);
  await pool.close();
  summary.elapsedMs = performance.now() - started;
  return summary;
}

export function formatSummary(s: FuzzSummary): string {
  const lines = [
    `fuzz: ${s.tried} mutants of ${s.seedFiles} seed files (${s.seeds.join(', ')}) in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  tried ${s.tried}, imported ${s.imported}, skipped with a reason ${s.skipped}, crashed ${s.crashed.length}, over the time cap ${s.overTimeCap.length}, lost reports ${s.lost}`,
    `  slowest file: ${s.slowest.name} (${s.slowest.kind}) ${s.slowest.ms.toFixed(0)} ms, ${s.slowest.status.slice(0, 120)}`,
    '  skip reasons:',
    ...Object.entries(s.reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `    ${String(n).padStart(5)}  ${r}`),
    ...s.crashed.map((c) => `  CRASHED ${c}`),
    ...s.overTimeCap.map((c) => `  OVER THE TIME CAP ${c}`),
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'time-limit': { type: 'string', default: '10000' },
    },
  });
  const summary = await runFuzz({
    count: Number(values.count),
    seed: Number(values.seed),
    outDir: values.out,
    timeLimitMs: Number(values['time-limit']),
  });
  process.stdout.write(formatSummary(summary) + '\n');
  return summary.crashed.length || summary.overTimeCap.length || summary.lost ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
