import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/corpus';
import { CliError } from '../../cli/cli-error';
import { buildSmf, notes } from '../models/music/smf-fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-cli-corpus-'));
const cache = path.join(tmp, 'cache');
const dir = path.join(tmp, 'solos');

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  const line: [number, number, number][] = [
    [67, 0, 0.66],
    [69, 0.66, 0.34],
    [71, 1, 1],
    [72, 2, 2],
  ];
  writeFileSync(
    path.join(dir, 'a.mid'),
    buildSmf(1, 480, [
      [{ tick: 0, kind: 'tempo', bpm: 160 }],
      [{ tick: 0, kind: 'name', text: 'Tenor' }, ...notes(480, line)],
      notes(480, [[40, 0, 4]], 1),
    ]),
  );
  writeFileSync(path.join(dir, 'a.chords.txt'), '| G7 |\n');
  writeFileSync(path.join(dir, 'b.mid'), '<!DOCTYPE html><html></html>');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function capture(args: string[]) {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    const code = await run(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('licklab corpus', () => {
  it('--json prints exactly one object with files and totals', async () => {
    const { code, out } = await capture([dir, '--json', '--cache-dir', cache]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['files', 'totals']);
    expect(report.totals).toEqual({ ok: 1, skipped: 1, notes: 4 });
    const [a, b] = report.files;
    expect(a).toMatchObject({
      path: path.join(dir, 'a.mid'),
      status: 'ok',
      notes: 4,
      bars: 1,
      chordCoverage: 1,
      chordSource: 'chart',
      meter: '4/4',
      tempo: 160,
    });
    expect(a.track).toContain('Tenor');
    expect(b).toMatchObject({ path: path.join(dir, 'b.mid'), status: 'skipped', notes: 0, bars: 0, chordCoverage: 0, chordSource: 'none' });
    expect(b.reason).toMatch(/^not a MIDI file/);
  });

  it('prints a table by default and honours --track', async () => {
    const { out } = await capture([path.join(dir, 'a.mid'), '--track', '1', '--no-cache']);
    expect(out).toMatch(/status\s+notes\s+bars\s+meter\s+bpm\s+chords\s+track\s+file/);
    expect(out).toContain('chart 100%');
    expect(out).toContain('1 ok, 0 skipped, 1 notes'); // track 1 is the bass line: one note
    const byName = await capture([path.join(dir, 'a.mid'), '--track', 'tenor', '--json', '--no-cache']);
    expect(JSON.parse(byName.out).files[0].notes).toBe(4);
  });

  it('reports on the default corpus without paths', async () => {
    const { code, out } = await capture(['--json', '--cache-dir', cache]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.totals.ok).toBeGreaterThanOrEqual(40);
    expect(report.totals.skipped).toBe(0);
  });

  it('rejects unknown flags and returns 1 when nothing imports', async () => {
    await expect(run(['--bogus'])).rejects.toBeInstanceOf(CliError);
    expect((await capture([path.join(tmp, 'empty-dir-that-is-not-there'), '--json'])).code).toBe(1);
    mkdirSync(path.join(tmp, 'empty'));
    await expect(run([path.join(tmp, 'empty')])).rejects.toThrow(/no MIDI files/);
  });
});
