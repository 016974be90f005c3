// licklab corpus says what went wrong (issue 19): each flag and warning with plain words under its
// file, the solo part of a band file and its candidates, --track to take another part of one file,
// and the JSON carrying the importer's FileReport fields unchanged.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/corpus';
import { CliError } from '../../cli/cli-error';
import { bandFile } from '../models/music/band-fixture';
import { buildSmf, notes } from '../models/music/smf-fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-cli-honest-'));
const dir = path.join(tmp, 'files');
const band = path.join(dir, 'band.mid');
const pickup = path.join(dir, 'pickup.mid');
const band0 = bandFile();

/** A 4/4 beat grid of two bars from `t0` s, one beat per 0.5 s, chords C7 then F7. */
function grid(t0: number): string {
  const rows = Array.from({ length: 8 }, (_, k) => {
    const chord = k === 0 ? 'C7' : k === 4 ? 'F7' : '';
    return `${k < 4 ? 1 : 2},40,${(k % 4) + 1},${chord},1,,${t0 + k * 0.5},${k === 0 ? '4/4' : ''}`;
  });
  return ['bar,bass_pitch,beat,chord,chorus_id,form,onset,signature', ...rows].join('\n');
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(band, band0.bytes);
  // two pickup notes at 2.0 and 2.5 s, before the grid's first beat at 3.0 s
  const line: [number, number, number][] = [
    [62, 2.0, 0.4],
    [64, 2.5, 0.4],
    [67, 3.0, 0.4],
    [65, 3.5, 0.4],
    [60, 5.0, 0.9],
  ];
  writeFileSync(pickup, buildSmf(0, 1000, [[{ tick: 0, kind: 'tempo', bpm: 60 }, ...notes(1000, line)]]));
  writeFileSync(path.join(dir, 'pickup.csv'), grid(3.0));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function capture(args: string[]) {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    return { code: await run([...args, '--no-cache']), out };
  } finally {
    spy.mockRestore();
  }
}

describe('licklab corpus: flags, warnings explained, parts', () => {
  it('explains each warning under its file', async () => {
    const { code, out } = await capture([pickup]);
    expect(code).toBe(0);
    expect(out).toContain("warning: 2 note(s) before the grid's first beat kept in 1 pickup bar(s) before bar 1 (no chord)");
    expect(out).toContain(
      'what it means: The solo starts before the first beat the beat grid marks. Those 2 notes were kept in a pickup bar',
    );
    // one part only: no candidates table
    expect(out).not.toContain('solo part:');
    const brief = await capture([pickup, '--brief']);
    expect(brief.out).not.toContain('what it means');
    expect(brief.out).toContain('(1 warning)');
  });

  it('shows the part taken from a band file and its candidates; --track takes another, and its flag says why', async () => {
    const { out } = await capture([band]);
    expect(out).toMatch(/solo part: track 0 "Track 2" \(ch 1\), chosen by what its notes do\./);
    expect(out).toMatch(/track\s+name\s+notes\s+coverage\s+polyphony/);
    expect(out).toMatch(new RegExp(`\\b0\\s+Track 2\\s+${band0.leadNotes}\\s+\\d+%\\s+\\d+%  <- solo`));
    expect(out).toMatch(new RegExp(`\\b1\\s+French Horn\\s+${band0.hornNotes}\\s+\\d+%\\s+0%\\n`));
    expect(out).toMatch(/4\s+Drums \(drums\)/);

    const horn = await capture([band, '--track', 'horn']);
    expect(horn.out).toMatch(/solo part: track 1 "French Horn" \(ch 2\), as picked with --track\./);
    expect(horn.out).toMatch(/1\s+French Horn.*<- solo/);
    expect(horn.out).toContain('[part plays little]');
    expect(horn.out).toMatch(/flag, part plays little: The part taken as the solo plays in only \d+% of the tune/);
  });

  it('--json carries the FileReport fields unchanged', async () => {
    const auto = JSON.parse((await capture([band, '--json'])).out).files[0];
    expect(auto).toMatchObject({ trackIndex: 0, trackChosenBy: 'notes', sourceNotes: band0.leadNotes });
    expect(auto.droppedNotes).toBe(band0.leadNotes - auto.notes);
    expect(auto.candidates.map((c: { index: number }) => c.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(auto.candidates[0]).sort()).toEqual(
      ['channel', 'coverage', 'drums', 'index', 'meanPitch', 'name', 'notes', 'notesPerSecond', 'polyphony'].sort(),
    );
    const picked = JSON.parse((await capture([band, '--json', '--track', '1'])).out).files[0];
    expect(picked).toMatchObject({ trackIndex: 1, trackChosenBy: 'user', sourceNotes: band0.hornNotes, notes: band0.hornNotes });
    expect(picked.flags).toEqual([expect.objectContaining({ kind: 'part-of-tune' })]);
    expect(picked.flags[0].text).toMatch(/^The part taken as the solo plays in only \d+% of the tune/);
  });

  it('--track names a part of one file: a folder or several paths are refused', async () => {
    await expect(run([dir, '--track', '1', '--no-cache'])).rejects.toThrow(
      new CliError(`--track picks the solo part of one MIDI file; ${dir} is a folder: name the one file`, 2),
    );
    await expect(run([band, pickup, '--track', '1', '--no-cache'])).rejects.toThrow(/2 paths were given: name the one file/);
    const drums = await capture([band, '--track', '4', '--json']);
    expect(drums.code).toBe(1);
    expect(JSON.parse(drums.out).files[0].reason).toBe('track 4 "Drums" is drums (channel 10)');
  });
});
