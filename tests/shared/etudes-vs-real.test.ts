// The generated default corpus against real jazz solos (the team's WJD corpus), both imported by
// the project's own importer and measured the same way (tests/shared/line-figures.ts). Nothing of
// the real corpus is stored: both sides are computed here. Run with `npm run test:shared`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCorpus } from '../../models/music/corpus';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';
import { compareFigures, formatComparison, lineFigures } from './line-figures';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WJD = path.resolve(projectRoot, '../shared/corpus/wjd');
const cache = mkdtempSync(path.join(os.tmpdir(), 'licklab-etudes-vs-real-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe.skipIf(!existsSync(WJD))('default corpus etudes vs real solos (WJD)', () => {
  it('plays like real solos: chord tones on strong beats, steps, notes per bar, rhythm histograms', async () => {
    const real = lineFigures((await importCorpus([WJD], { cacheDir: cache })).tunes);
    const generated = lineFigures((await importCorpus([DEFAULT_CORPUS_DIR], { cacheDir: cache })).tunes);
    const c = compareFigures(real, generated);
    console.log(formatComparison(c, real, generated));
    expect(real.tunes).toBeGreaterThan(300);
    expect(generated.tunes).toBeGreaterThanOrEqual(150);
    expect(Math.abs(generated.chordToneStrong - real.chordToneStrong)).toBeLessThanOrEqual(0.06);
    expect(Math.abs(generated.stepShare - real.stepShare)).toBeLessThanOrEqual(0.06);
    expect(Math.abs(generated.notesPerBar / real.notesPerBar - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(generated.leapShare - real.leapShare)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(generated.shortNoteShare - real.shortNoteShare)).toBeLessThanOrEqual(0.08);
    expect(Math.abs(generated.restShare - real.restShare)).toBeLessThanOrEqual(0.08);
    expect(c.durationJS).toBeLessThan(0.05);
    expect(c.ioiJS).toBeLessThan(0.1);
    expect(c.intervalJS).toBeLessThan(0.05);
  });
});
