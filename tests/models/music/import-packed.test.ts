// Packed results: what a worker sends back and what the cache keeps are the same string, and it
// reads back to the very result the importer made (notes, report, bars and chords alike).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCorpus, importFile } from '../../../models/music/corpus';
import { importMidiBytes } from '../../../models/music/import-file';
import { pack, packedJson, unpack } from '../../../models/music/import-packed';
import { ImportPool } from '../../../models/music/import-worker-pool';
import { buildSmf, notes } from './smf-fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-packed-'));
const pool = new ImportPool({});
afterAll(async () => {
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

const bytes = buildSmf(0, 96, [
  notes(96, [
    [60, 0, 1],
    [64, 1, 0.5],
    [67, 1.5, 0.5],
    [71, 2, 2],
  ]),
]);

describe('packed import results', () => {
  it('unpack(pack(r)) is r, and the packed notes are a quarter of the properties', () => {
    const r = importMidiBytes('/x/a.mid', 'a', bytes, {});
    expect(r.tune!.notes.length).toBe(4);
    expect(unpack(pack(r))).toEqual(r);
    expect(pack(r).tune!.notes).toEqual(r.tune!.notes.flatMap((n) => [n.pitch, n.start, n.dur, n.velocity]));
    expect(unpack(JSON.parse(packedJson(r)))).toEqual(r);
  });

  it('a worker result carries its packed JSON, which reads back to the inline result', async () => {
    const inline = importMidiBytes('/x/a.mid', 'a', bytes, {});
    const pooled = await pool.run({ path: '/x/a.mid', id: 'a', bytes, side: {} });
    expect(pooled.json).toBe(packedJson(inline));
    const { json: _json, ...rest } = pooled;
    expect(rest).toEqual(inline);
  });

  it('the cache entry is the worker string, and a cached read equals the first', async () => {
    const file = path.join(tmp, 'tune.mid');
    writeFileSync(file, bytes);
    const cacheDir = path.join(tmp, 'cache');
    const first = await importFile(file, { cacheDir, pool });
    expect('json' in first).toBe(false);
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    expect(unpack(JSON.parse(readFileSync(path.join(cacheDir, entries[0]), 'utf8')))).toEqual(first);
    const second = await importFile(file, { cacheDir, pool });
    expect(second.report.cached).toBe(true);
    expect(second.tune).toEqual(first.tune);
  });

  it('reports only: no notes come back, the worker writes the full entry, and a later import reads the notes from it', async () => {
    const dir = path.join(tmp, 'reports-only');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.mid'), bytes);
    const cacheDir = path.join(tmp, 'cache-ro');
    const first = await importCorpus([dir], { cacheDir, pool, reportsOnly: true });
    expect(first.tunes).toEqual([]);
    expect(first.files.map((f) => [f.status, f.notes])).toEqual([['ok', 4]]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await importCorpus([dir], { cacheDir, pool });
    expect(again.files[0].cached).toBe(true);
    const inline = importMidiBytes(path.join(dir, 'a.mid'), 'a', bytes, {});
    expect(again.tunes[0].notes).toEqual(inline.tune!.notes);
  });
});
