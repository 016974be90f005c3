// The isolated import: real worker threads that hang, fill their heap, exit or throw cost only
// their own file's report (with the limit named); the pool replaces the thread and every other
// file is imported. Through importCorpus a failed file is remembered by content (the cache) and
// not imported again.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCorpus } from '../../../models/music/corpus';
import { ImportPool } from '../../../models/music/import-worker-pool';
import { buildSmf, notes } from './smf-fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-pool-'));
const pools: ImportPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(tmp, { recursive: true, force: true });
});

const fixture = new URL('./fixtures/misbehaving-import-worker.ts', import.meta.url);
const good = (pitch: number) =>
  buildSmf(0, 96, [
    notes(96, [
      [pitch, 0, 1],
      [pitch + 2, 1, 1],
      [pitch + 4, 2, 2],
    ]),
  ]);
const job = (name: string, bytes = good(60)) => ({ path: `/x/${name}`, id: name, bytes, side: {} });

function pool(opts: ConstructorParameters<typeof ImportPool>[0]): ImportPool {
  const p = new ImportPool(opts);
  pools.push(p);
  return p;
}

describe('import worker pool', () => {
  it('imports real files in the default worker, in parallel, each result for its own file', async () => {
    const p = pool({});
    const results = await Promise.all([60, 62, 64, 65, 67].map((pitch, i) => p.run(job(`f${i}.mid`, good(pitch)))));
    expect(results.map((r) => [r.report.path, r.report.status, r.tune?.notes[0].pitch])).toEqual([
      ['/x/f0.mid', 'ok', 60],
      ['/x/f1.mid', 'ok', 62],
      ['/x/f2.mid', 'ok', 64],
      ['/x/f3.mid', 'ok', 65],
      ['/x/f4.mid', 'ok', 67],
    ]);
    const bad = await p.run(job('junk.mid', new TextEncoder().encode('not midi')));
    expect(bad.report.reason).toMatch(/^not a MIDI file/);
  });

  it('a hang, an exhausted heap, an exit and a stray throw each cost only their own report', async () => {
    const p = pool({ entry: fixture, timeLimitMs: 2500 });
    const names = ['a.mid', 'hang.mid', 'b.mid', 'c.mid', 'exit.mid', 'd.mid', 'throw.mid', 'e.mid'];
    const results = await Promise.all(names.map((n) => p.run(job(n))));
    const byName = Object.fromEntries(results.map((r) => [path.basename(r.report.path), r]));
    for (const n of ['a.mid', 'b.mid', 'c.mid', 'd.mid', 'e.mid']) expect(byName[n].report.status).toBe('ok');
    expect(byName['hang.mid'].report.reason).toBe('import stopped after 2.5 s (the time limit per file): the file keeps the importer busy');
    expect(byName['exit.mid'].report.reason).toBe('import stopped: the importer thread exited (code 7) on this file');
    // throw.mid's own job had answered; a good file sent to that thread before it died is run again
    expect(results.every((r) => !r.retry)).toBe(true);
    expect(byName['throw.mid'].report.status).toBe('ok');
    expect((await p.run(job('after.mid'))).report.status).toBe('ok');
    // The heap cap, in a pool of its own with a generous time cap (V8 collects hard before it gives up).
    const small = pool({ entry: fixture, timeLimitMs: 60_000, memoryLimitMb: 48 });
    const [oom, next] = await Promise.all([small.run(job('oom.mid')), small.run(job('f.mid'))]);
    expect(oom.report.reason).toBe('import stopped: the file needs more than 48 MB (the memory limit per file)');
    expect(next.report.status).toBe('ok');
  }, 120_000);

  it('a file that kills its thread is run once more on a fresh one before it is blamed', async () => {
    const p = pool({ entry: fixture, timeLimitMs: 5000 });
    // Every other file throws after it answered: a rerun must not land on a thread about to throw.
    const names = Array.from({ length: 24 }, (_, i) => (i % 2 ? `x${i}.mid` : 'throw.mid'));
    const results = await Promise.all(names.map((n) => p.run(job(n))));
    expect(results.map((r) => r.report.reason ?? r.report.status)).toEqual(names.map(() => 'ok'));
  }, 60_000);

  it('a worker that cannot start is reported as a failure of the importer, to retry, not of the file', async () => {
    const broken = path.join(tmp, 'broken-worker.ts');
    writeFileSync(broken, 'throw new Error("no luck starting");\n');
    const p = pool({ entry: new URL(`file://${broken}`) });
    const results = await Promise.all([p.run(job('a.mid')), p.run(job('b.mid')), p.run(job('c.mid')), p.run(job('d.mid'))]);
    for (const r of results) {
      expect(r.retry).toBe(true);
      expect(r.report.reason).toMatch(/^the importer could not start \(.*no luck starting/);
    }
  }, 60_000);

  it('through importCorpus, a file that hung is remembered by content and not imported again', async () => {
    const dir = path.join(tmp, 'corpus');
    const cacheDir = path.join(tmp, 'cache');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'hang.mid'), good(70));
    writeFileSync(path.join(dir, 'ok.mid'), good(72));
    const p = pool({ entry: fixture, timeLimitMs: 1500 });
    const first = await importCorpus([dir], { cacheDir, pool: p });
    expect(first.files.map((f) => [path.basename(f.path), f.status, f.cached])).toEqual([
      ['hang.mid', 'skipped', undefined],
      ['ok.mid', 'ok', undefined],
    ]);
    const again = await importCorpus([dir], { cacheDir, pool: p });
    expect(again.files.map((f) => [path.basename(f.path), f.status, f.cached, f.reason])).toEqual([
      ['hang.mid', 'skipped', true, 'import stopped after 1.5 s (the time limit per file): the file keeps the importer busy'],
      ['ok.mid', 'ok', true, undefined],
    ]);
  }, 60_000);
});

describe('corpus folders', () => {
  it('says so for symbolic links named like MIDI files instead of skipping them without a word', async () => {
    const dir = path.join(tmp, 'links');
    mkdirSync(dir);
    writeFileSync(path.join(tmp, 'real.mid'), good(60));
    writeFileSync(path.join(dir, 'own.mid'), good(62));
    symlinkSync(path.join(tmp, 'real.mid'), path.join(dir, 'link.mid'));
    symlinkSync(path.join(tmp, 'gone.mid'), path.join(dir, 'dangling.mid'));
    const corpus = await importCorpus([dir], { cache: false, pool: 'inline' });
    const byName = Object.fromEntries(corpus.files.map((f) => [path.basename(f.path), f]));
    expect(byName['own.mid'].status).toBe('ok');
    expect(byName['link.mid'].reason).toBe(
      `a symbolic link (to ${path.join(tmp, 'real.mid')}): links inside a folder are not followed; add the file it points to itself`,
    );
    expect(byName['dangling.mid'].reason).toBe(`a broken symbolic link (to ${path.join(tmp, 'gone.mid')}, which does not exist)`);
    // A link given by name is followed like any file.
    expect((await importCorpus([path.join(dir, 'link.mid')], { cache: false, pool: 'inline' })).files[0].status).toBe('ok');
  });
});
