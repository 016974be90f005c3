// The "Must show" 1 and 2 on the team corpus (../shared/corpus), through the real CLI
// command in JSON mode. Run with `npm run test:shared`.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/corpus';
import type { FileReport } from '../../models/music/corpus';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = path.resolve(projectRoot, '../shared/corpus');
const cache = mkdtempSync(path.join(os.tmpdir(), 'licklab-shared-corpus-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(path.join(CORPUS, 'wjd')) || !existsSync(path.join(CORPUS, 'messy'))) {
    throw new Error(`team corpus not found at ${CORPUS} (expected wjd/ and messy/): these suites need ../shared/corpus beside the project`);
  }
});

async function corpusJson(dir: string): Promise<{ files: FileReport[]; totals: { ok: number; skipped: number; notes: number } }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    await run([dir, '--json', '--cache-dir', cache]);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

/** The share of a file's notes inside its beat grid: the others are pickup notes kept before bar 1 (their count is in the pickup warning). */
function inGridShare(f: FileReport): number {
  const warning = f.warnings?.find((w) => w.includes("before the grid's first beat kept")) ?? '';
  const pickup = Number(/^(\d+) note\(s\)/.exec(warning)?.[1] ?? 0);
  return f.notes > 0 ? 1 - pickup / f.notes : 1;
}

describe('licklab corpus ../shared/corpus/wjd --json', () => {
  it('imports >= 370 of 386 solos; beat-grid chords cover the solos; the 4 without a CSV have chordSource none', async () => {
    const report = await corpusJson(path.join(CORPUS, 'wjd'));
    expect(report.files.length).toBe(386);
    expect(report.totals.ok).toBeGreaterThanOrEqual(370);
    const beatFiles = new Set(readdirSync(path.join(CORPUS, 'wjd', 'beats')).map((f) => f.replace(/\.csv$/, '')));
    const withCsv = report.files.filter((f) => beatFiles.has(path.basename(f.path, '.mid')));
    const withoutCsv = report.files.filter((f) => !beatFiles.has(path.basename(f.path, '.mid')));
    expect(withCsv.length).toBe(382);
    expect(withoutCsv.length).toBe(4);
    for (const f of withoutCsv) {
      expect(f.status).toBe('ok');
      expect(f.chordSource).toBe('none');
      expect(f.warnings?.some((w) => w.startsWith('no chords'))).toBe(true);
    }
    for (const f of withCsv.filter((x) => x.status === 'ok')) {
      expect(f.chordSource, f.path).toBe('beats-csv');
      // The CSV annotates (a chord, or an explicit "NC") at least 90% of the note time inside the
      // grid. Notes played before its first beat are kept in pickup bars the grid says nothing about
      // (Scrapple From The Apple: 30 such notes, coverage 0.884), so the bound scales with the share
      // of notes inside the grid (by count, as the pickup warning gives it).
      const inGrid = inGridShare(f);
      expect(f.chordCoverage, f.path).toBeGreaterThanOrEqual(0.9 * inGrid);
      // Some solos (free jazz: Ornette Coleman, Orbits, Dolores...) are marked "NC" by the
      // annotators: that share is reported apart and is not a real chord.
      expect(f.realChordCoverage + (f.markedNoChord ?? 0), f.path).toBeCloseTo(f.chordCoverage, 2);
      if (!f.markedNoChord || f.markedNoChord < 0.005) expect(f.realChordCoverage, f.path).toBeGreaterThanOrEqual(0.9 * inGrid);
    }
    const realCoverage = withCsv.filter((f) => f.realChordCoverage >= 0.9 * inGridShare(f)).length;
    expect(realCoverage).toBeGreaterThanOrEqual(360);
  });
});

describe('licklab corpus ../shared/corpus/messy --json', () => {
  it('every file ok or skipped with a specific reason; HTML skipped as not MIDI; Nottingham chords from the chord track', async () => {
    const report = await corpusJson(path.join(CORPUS, 'messy'));
    expect(report.files.length).toBe(readdirSync(path.join(CORPUS, 'messy')).filter((f) => f.endsWith('.mid')).length);
    for (const f of report.files) {
      if (f.status === 'skipped') expect(f.reason, f.path).toMatch(/\w{4,}/);
      else expect(f.notes, f.path).toBeGreaterThan(0);
    }
    const html = report.files.find((f) => f.path.endsWith('html_saved_as.mid'))!;
    expect(html.status).toBe('skipped');
    expect(html.reason).toMatch(/^not a MIDI file/);
    const nottingham = report.files.filter((f) => path.basename(f.path).startsWith('nottingham_'));
    expect(nottingham.length).toBe(32);
    for (const f of nottingham) {
      expect(f.status, f.path).toBe('ok');
      expect(f.chordSource, f.path).toBe('midi-track');
      expect(f.chordCoverage, f.path).toBeGreaterThanOrEqual(0.9);
      expect(f.track, f.path).toMatch(/^0 /); // the melody is the first track, the chords the second
    }
    const takeFive = report.files.find((f) => f.path.endsWith('brubeck_dave-take_five.mid'))!;
    expect(takeFive).toMatchObject({ status: 'ok', meter: '5/4' });
    expect(takeFive.track).toMatch(/Lead/);
  });
});
