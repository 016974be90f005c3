// Performance timing: notes placed in beats through a beat-grid CSV (WJD style), its chords taken,
// and a grid that starts on a pickup beat.
import { describe, expect, it } from 'vitest';
import { importMidiBytes } from '../../../models/music/import-file';
import { encodeTune } from '../../../models/music/encode';
import { buildSmf, notes, type FixtureEvent } from './smf-fixture';

describe('MIDI import through a beat grid', () => {
  it('places performance-timed notes through a beat-grid CSV and takes its chords', () => {
    // rubato: beat k at these seconds; a note on each beat and one halfway through beat 5
    const onsets = [1, 1.5, 2.1, 2.6, 3.0, 3.6, 4.1, 4.5];
    const csv = ['bar,bass_pitch,beat,chord,chorus_id,form,onset,signature']
      .concat(
        onsets.map(
          (t, k) =>
            `${k < 4 ? 0 : 1},40,${(k % 4) + 1},${k === 0 ? 'C-7' : k === 4 ? 'F79b' : k === 6 ? 'Zq7' : ''},1,,${t},${k === 0 ? '4/4' : ''}`,
        ),
      )
      .join('\n');
    // MIDI at 60 bpm, PPQ 1000: 1 tick = 1 ms
    const perf: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 60 },
      ...notes(1000, [
        [60, 1.0, 0.4],
        [62, 2.1, 0.4],
        [63, 3.0, 0.2],
        [65, 3.3, 0.2],
        [67, 4.5, 0.3],
      ]),
    ];
    const { report, tune } = importMidiBytes('/x/w.mid', 'w', buildSmf(0, 1000, [perf]), { csv });
    expect(report.chordSource).toBe('beats-csv');
    expect(tune!.notes.map((n) => n.start)).toEqual([0, 24, 48, 54, 84]);
    expect(tune!.chords.map((c) => [c.symbol, c.start])).toEqual([
      ['Cm7', 0],
      ['F7b9', 48],
      ['Zq7', 72],
    ]);
    expect(report.warnings?.some((w) => /bar 1: unknown chord "Zq7"/.test(w))).toBe(true);
    expect(tune!.bars.slice(0, 2)).toEqual([
      { start: 0, beats: 4 },
      { start: 48, beats: 4 },
    ]);
  });

  it('a beat grid that starts with a pickup on beat 3 puts the pickup notes on beats 3 and 4 of a whole bar', () => {
    // bar 0 has beats 3 and 4 only (a pickup), then a full bar 1 with the chord on its downbeat
    const rows: [number, number, number][] = [
      [0, 3, 2.0],
      [0, 4, 2.5],
      [1, 1, 3.0],
      [1, 2, 3.5],
      [1, 3, 4.0],
      [1, 4, 4.5],
    ];
    const csv = ['bar,bass_pitch,beat,chord,chorus_id,form,onset,signature']
      .concat(rows.map(([bar, beat, t]) => `${bar},40,${beat},${bar === 1 && beat === 1 ? 'Bb7' : ''},1,,${t},${t === 2.0 ? '4/4' : ''}`))
      .join('\n');
    const perf: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 60 },
      ...notes(1000, [
        [65, 2.0, 0.4],
        [67, 2.5, 0.4],
        [70, 3.0, 0.9],
      ]),
    ];
    const { report, tune } = importMidiBytes('/x/p.mid', 'p', buildSmf(0, 1000, [perf]), { csv });
    expect(tune!.bars.slice(0, 2)).toEqual([
      { start: 0, beats: 4 },
      { start: 48, beats: 4 },
    ]);
    expect(tune!.notes.map((n) => n.start)).toEqual([24, 36, 48]);
    expect(tune!.chords.map((c) => [c.symbol, c.start])).toEqual([['Bb7', 48]]);
    expect(report.tempo).toBe(120);
    const events = encodeTune(tune!).events;
    expect(events.filter((e) => e.pitch !== 0).map((e) => [e.beat, e.sub])).toEqual([
      [2, 0],
      [3, 0],
      [0, 0],
    ]);
  });
});
