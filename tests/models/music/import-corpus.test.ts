// importCorpus over folders: chord-chart sidecars, bad files reported and skipped, the cache (also
// when its folder cannot be made), and how chord coverage counts a written N.C.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCorpus, importFile, corpusTotals } from '../../../models/music/corpus';
import { importFolder, melody, PPQ } from './import-fixture';
import { buildSmf, notes } from './smf-fixture';

const { tmp, write } = importFolder('licklab-import-corpus-');
const cacheDir = path.join(tmp, 'cache');

describe('importCorpus', () => {
  it("an uncreatable cache folder (under /proc, where Node's recursive mkdir never returns) only costs the cache", async () => {
    write('procache/a.mid', buildSmf(1, PPQ, [notes(PPQ, melody)]));
    const { files } = await importCorpus([path.join(tmp, 'procache')], {
      cacheDir: process.platform === 'linux' ? '/proc/licklab-test/cache' : path.join(tmp, 'c2'),
    });
    expect(files.map((f) => f.status)).toEqual(['ok']);
  }, 10000);
  it('uses a chord chart sidecar, reports unknown chords by bar, keeps going past bad files, caches', async () => {
    write('set/blues.mid', buildSmf(1, PPQ, [[{ tick: 0, kind: 'tempo', bpm: 150 }], notes(PPQ, melody)]));
    write('set/blues.chords.txt', 'title: Test blues\n| C7 | Qx7 F7 |\n');
    write('set/broken.mid', '<html>oops</html>');
    write('set/notes.txt', 'not imported: not a MIDI name');
    const first = await importCorpus([path.join(tmp, 'set'), path.join(tmp, 'missing')], { cacheDir });
    expect(first.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['missing', 'skipped'],
      ['blues.mid', 'ok'],
      ['broken.mid', 'skipped'],
    ]);
    const blues = first.files[1];
    expect(blues.chordSource).toBe('chart');
    expect(blues.warnings?.some((w) => w.includes('chart bar 2: unknown chord "Qx7"'))).toBe(true);
    expect(first.tunes[0].title).toBe('Test blues');
    expect(first.tunes[0].chords.map((c) => c.symbol)).toEqual(['C7', 'Qx7', 'F7']);
    expect(corpusTotals(first.files)).toEqual({ ok: 1, skipped: 2, notes: 8 });
    const again = await importFile(path.join(tmp, 'set/blues.mid'), { cacheDir });
    expect(again.report.cached).toBe(true);
    expect(again.tune).toEqual(first.tunes[0]);
    // a changed sidecar is a different cache entry
    write('set/blues.chords.txt', '| F7 |\n');
    const changed = await importFile(path.join(tmp, 'set/blues.mid'), { cacheDir });
    expect(changed.report.cached).toBeUndefined();
    expect(changed.tune!.chords[0].symbol).toBe('F7');
  });
});

describe('chord coverage', () => {
  it('counts an N.C. the chart writes as annotated, apart from real chords; a missing source covers nothing', async () => {
    write('nc/free.mid', buildSmf(1, PPQ, [[{ tick: 0, kind: 'tempo', bpm: 150 }], notes(PPQ, melody)]));
    write('nc/free.chords.txt', '| C7 | NC |\n');
    const { report } = await importFile(path.join(tmp, 'nc/free.mid'), { cacheDir });
    // melody: 4 beats in bar 1 (over C7), 2 beats in bar 2 (over the written N.C.)
    expect(report).toMatchObject({ chordSource: 'chart', chordCoverage: 1, markedNoChord: 0.333, realChordCoverage: 0.667 });
    write('nc/bare.mid', buildSmf(1, PPQ, [[{ tick: 0, kind: 'tempo', bpm: 150 }], notes(PPQ, melody)]));
    const bare = await importFile(path.join(tmp, 'nc/bare.mid'), { cacheDir });
    expect(bare.report).toMatchObject({ chordSource: 'none', chordCoverage: 0, realChordCoverage: 0 });
    expect(bare.report.markedNoChord).toBeUndefined();
  });
});
