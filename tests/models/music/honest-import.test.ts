// Honest import (issue 19): pickup notes before the beat grid's first beat are kept in a pickup
// bar, the solo part of a band file is chosen by what its notes do (a long lead line on a plain
// "Track 2" over a sparse late "French Horn"), every track is listed as a candidate, and a file
// that loses notes or is no solo is flagged, each flag and warning with plain words.
import { describe, expect, it } from 'vitest';
import { importMidiBytes } from '../../../models/music/import-file';
import { encodeTune, decodeEvents } from '../../../models/music/encode';
import { encodeTuneV2, decodeEventsV2 } from '../../../models/music/encode-v2';
import { explainWarning } from '../../../models/music/import-flags';
import { buildSmf, notes, type FixtureEvent } from './smf-fixture';
import { bandFile, filmThemeFile } from './band-fixture';

/** A 4/4 grid of two bars starting at `t0` s, one beat per 0.5 s, chords C7 then F7. */
function grid(t0: number): string {
  const rows = Array.from({ length: 8 }, (_, k) => {
    const chord = k === 0 ? 'C7' : k === 4 ? 'F7' : '';
    return `${k < 4 ? 1 : 2},40,${(k % 4) + 1},${chord},1,,${t0 + k * 0.5},${k === 0 ? '4/4' : ''}`;
  });
  return ['bar,bass_pitch,beat,chord,chorus_id,form,onset,signature', ...rows].join('\n');
}

describe('pickup notes before the beat grid', () => {
  it('keeps notes before the first beat in a whole pickup bar with no chord; both encodings round-trip it', () => {
    // the grid starts at 3.0 s; the soloist plays a pickup at 2.0 s and 2.5 s (beats 3 and 4 before bar 1)
    const perf: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 60 },
      ...notes(1000, [
        [62, 2.0, 0.4],
        [64, 2.5, 0.4],
        [67, 3.0, 0.4],
        [65, 3.5, 0.4],
        [60, 5.0, 0.9],
      ]),
    ];
    const { report, tune } = importMidiBytes('/x/p.mid', 'p', buildSmf(0, 1000, [perf]), { csv: grid(3.0) });
    expect(report.status).toBe('ok');
    expect(report.notes).toBe(5);
    expect(report.droppedNotes).toBe(0);
    expect(report.sourceNotes).toBe(5);
    expect(tune!.bars.slice(0, 3)).toEqual([
      { start: 0, beats: 4 },
      { start: 48, beats: 4 },
      { start: 96, beats: 4 },
    ]);
    expect(tune!.notes.map((n) => n.start)).toEqual([24, 36, 48, 60, 96]);
    // the grid's chords moved with bar 1; the pickup bar has none
    expect(tune!.chords.map((c) => [c.symbol, c.start])).toEqual([
      ['C7', 48],
      ['F7', 96],
    ]);
    const w = report.warnings!.find((x) => /before the grid's first beat kept/.test(x))!;
    expect(w).toBe("2 note(s) before the grid's first beat kept in 1 pickup bar(s) before bar 1 (no chord)");
    expect(explainWarning(w)).toMatch(/pickup bar before bar 1/);
    // the pickup notes sit on beats 3 and 4 over N.C. (root -1); the encodings give the notes back
    const v1 = encodeTune(tune!);
    expect(
      v1.events
        .filter((e) => e.pitch !== 0)
        .slice(0, 2)
        .map((e) => [e.beat, e.sub, e.root]),
    ).toEqual([
      [2, 0, -1],
      [3, 0, -1],
    ]);
    expect(decodeEvents(v1.events, v1.startTick).map((n) => [n.pitch, n.start])).toEqual(tune!.notes.map((n) => [n.pitch, n.start]));
    const v2 = encodeTuneV2(tune!);
    expect(decodeEventsV2(v2.events, v2.startTick).map((n) => [n.pitch, n.start])).toEqual(tune!.notes.map((n) => [n.pitch, n.start]));
  });

  it('a pickup longer than a bar gets as many whole bars as it needs; a note a hair early snaps onto beat 1', () => {
    const perf: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 60 },
      ...notes(1000, [
        [60, 0.5, 0.4], // 5 beats before the grid
        [62, 2.97, 0.4], // 0.06 beats early: beat 1 of bar 1
      ]),
    ];
    const { report, tune } = importMidiBytes('/x/q.mid', 'q', buildSmf(0, 1000, [perf]), { csv: grid(3.0) });
    expect(report.notes).toBe(2);
    expect(report.warnings).toContain("1 note(s) before the grid's first beat kept in 2 pickup bar(s) before bar 1 (no chord)");
    expect(tune!.notes.map((n) => n.start)).toEqual([36, 96]); // beat 4 of the first pickup bar; bar 1 starts at 96
    expect(tune!.chords[0]).toMatchObject({ symbol: 'C7', start: 96 });
  });
});

describe('the solo part of a band file', () => {
  const band = bandFile();
  it('is the long lead line on "Track 2", not the sparse late "French Horn"; every track is a candidate', () => {
    const { report, tune } = importMidiBytes('/x/band.mid', 'band', band.bytes, {});
    expect(report.status).toBe('ok');
    expect(report.track).toMatch(/"Track 2"/);
    expect(report.trackChosenBy).toBe('notes');
    expect(report.sourceNotes).toBe(band.leadNotes);
    expect(tune!.notes.length).toBe(report.notes);
    const names = report.candidates!.map((c) => c.name);
    expect(names[0]).toBe('Track 2');
    expect(new Set(names)).toEqual(new Set(['Track 2', 'French Horn', 'Piano', 'Bass', 'Drums']));
    const horn = report.candidates!.find((c) => c.name === 'French Horn')!;
    const lead = report.candidates![0];
    expect(horn.notes).toBe(band.hornNotes);
    expect(lead.notes).toBe(band.leadNotes);
    expect(horn.coverage).toBeLessThan(0.3); // it enters at bar 49 of 64
    expect(lead.coverage).toBeGreaterThan(0.9);
    expect(report.candidates!.find((c) => c.name === 'Drums')!.drums).toBe(true);
    expect(report.flags).toBeUndefined(); // 11 double-stop notes of 429 lost: under the few percent
  });

  it('the musician can pick the horn by index or name: then the file is flagged as a part that plays little', () => {
    const first = importMidiBytes('/x/band.mid', 'band', band.bytes, {});
    const hornIndex = first.report.candidates!.find((c) => c.name === 'French Horn')!.index;
    for (const pick of [hornIndex, 'horn']) {
      const { report } = importMidiBytes('/x/band.mid', 'band', band.bytes, {}, pick);
      expect(report.track).toMatch(/"French Horn"/);
      expect(report.trackChosenBy).toBe('user');
      expect(report.notes).toBe(band.hornNotes);
      expect(report.flags?.map((f) => f.kind)).toEqual(['part-of-tune']);
      expect(report.flags![0].text).toMatch(/plays in only 25% of the tune/);
    }
  });
});

describe('flags', () => {
  it('a piano theme of block chords is flagged: notes lost and not a solo, with the figures', () => {
    const { report } = importMidiBytes('/x/theme.mid', 'theme', filmThemeFile(), {});
    expect(report.status).toBe('ok');
    expect(report.sourceNotes).toBe(320);
    expect(report.droppedNotes).toBe(256);
    expect(report.flags!.map((f) => f.kind)).toEqual(['lost-notes', 'not-a-solo']);
    expect(report.flags![0].text).toMatch(/^256 of the part's 320 notes \(80%\)/);
    expect(report.flags![1].text).toMatch(/80% of the notes/);
    for (const w of report.warnings!) expect(explainWarning(w)).not.toMatch(/^The importer noted this/);
  });
});
