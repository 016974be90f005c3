// `npm run fuzz` as a test: >= 500 seeded mutants of real MIDI files (../shared/corpus when present,
// else the project's default corpus) through the isolated importer, with 0 crashes, 0 files over
// the time cap and 0 lost reports; then the real `licklab corpus` on a folder mixing mutants and
// good files, where every file gets its line and every good file is imported.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';
import { defaultSeedDirs, formatSummary, runFuzz, SHARED_CORPUS } from '../../scripts/fuzz';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fuzzing the MIDI importer', () => {
  it('500 seeded mutants: 0 crashed, 0 over the time cap, 0 lost reports', async () => {
    const summary = await runFuzz({ count: 500, seed: 1 });
    console.log(formatSummary(summary));
    expect(summary.tried).toBe(500);
    expect(summary.imported + summary.skipped).toBe(500);
    expect(summary.crashed).toEqual([]);
    expect(summary.overTimeCap).toEqual([]);
    expect(summary.lost).toBe(0);
    expect(summary.slowest.ms).toBeGreaterThan(0);
    // The mutations do reach the parser: many mutants are refused, for many different reasons.
    expect(summary.skipped).toBeGreaterThan(100);
    expect(Object.keys(summary.reasons).length).toBeGreaterThan(8);
  });

  it('licklab corpus on mutants mixed with good files reports every file and imports every good one', async () => {
    const dir = path.join(tmp, 'mixed');
    await runFuzz({ count: 120, seed: 2, outDir: dir });
    const seeds =
      defaultSeedDirs()[0] === SHARED_CORPUS
        ? [path.join(SHARED_CORPUS, 'wjd', 'midi'), path.join(SHARED_CORPUS, 'messy')]
        : [DEFAULT_CORPUS_DIR];
    const good: string[] = [];
    for (const seedDir of seeds) {
      for (const f of readdirSync(seedDir)
        .filter((n) => /\.mid$/.test(n) && n !== 'html_saved_as.mid')
        .slice(0, 20)) {
        copyFileSync(path.join(seedDir, f), path.join(dir, `good-${f}`));
        good.push(`good-${f}`);
      }
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'bin/licklab.js'), 'corpus', dir, '--json', '--no-cache'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as { files: { path: string; status: string; reason?: string }[] };
    expect(report.files).toHaveLength(readdirSync(dir).length);
    const byName = new Map(report.files.map((f) => [path.basename(f.path), f]));
    for (const g of good) expect(byName.get(g), g).toMatchObject({ status: 'ok' });
    for (const f of report.files) if (f.status === 'skipped') expect(f.reason, f.path).toMatch(/\w/);
    expect(report.files.filter((f) => /time limit|importer (crashed|thread exited)/.test(f.reason ?? ''))).toEqual([]);
  });
});
