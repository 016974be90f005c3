import { describe, expect, it } from 'vitest';
import { importMidiBytes } from '../../../models/music/import-file';
import { melody, PPQ } from './import-fixture';
import { buildSmf, notes, type FixtureEvent } from './smf-fixture';

describe('MIDI import', () => {
  it('type 0: splits channels, ignores drums, finds the solo and the chord channel, follows tempo changes', () => {
    const chords = notes(
      PPQ,
      [
        [48, 0, 4],
        [52, 0, 4],
        [55, 0, 4],
        [53, 4, 4],
        [57, 4, 4],
        [60, 4, 4],
      ],
      1,
    );
    const drums = notes(
      PPQ,
      [
        [36, 0, 0.5],
        [38, 1, 0.5],
        [36, 2, 0.5],
        [38, 3, 0.5],
      ],
      9,
    );
    const meta: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 100 },
      { tick: 2 * PPQ, kind: 'tempo', bpm: 180 },
    ];
    const bytes = buildSmf(0, PPQ, [[...meta, ...notes(PPQ, melody, 0), ...chords, ...drums]]);
    const { report, tune } = importMidiBytes('/x/t0.mid', 't0', bytes, {});
    expect(report.status).toBe('ok');
    expect(report.chordSource).toBe('midi-track');
    expect(report.warnings).toContain('no time signature: assuming 4/4');
    expect(tune!.notes.map((n) => [n.pitch, n.start, n.dur])).toEqual([
      [72, 0, 12],
      [74, 12, 6],
      [76, 18, 6],
      [77, 24, 24],
      [79, 48, 4],
      [77, 52, 4],
      [76, 56, 4],
      [74, 60, 12],
    ]);
    expect(tune!.chords.map((c) => [c.symbol, c.start, c.end])).toEqual([
      ['C', 0, 48],
      ['F', 48, 96],
    ]);
    expect(tune!.tempo).toBe(100);
    expect(report.chordCoverage).toBe(1);
  });

  it('type 1: many tracks, meter change, picks the monophonic lead over a bass and a pad', () => {
    const lead = [{ tick: 0, kind: 'name' as const, text: 'Lead' }, ...notes(PPQ, melody, 2)];
    const bass = [
      { tick: 0, kind: 'name' as const, text: 'Bass' },
      ...notes(
        PPQ,
        [
          [36, 0, 2],
          [43, 2, 2],
          [41, 4, 2],
        ],
        3,
      ),
    ];
    const pad = notes(
      PPQ,
      [
        [60, 0, 3],
        [64, 0, 3],
        [67, 0, 3],
        [65, 3, 3],
        [69, 3, 3],
        [72, 3, 3],
      ],
      4,
    );
    const conductor: FixtureEvent[] = [
      { tick: 0, kind: 'tempo', bpm: 140 },
      { tick: 0, kind: 'meter', num: 3, den: 4 },
    ];
    const bytes = buildSmf(1, PPQ, [conductor, bass, lead, pad]);
    const { report, tune } = importMidiBytes('/x/t1.mid', 't1', bytes, {});
    expect(report.status).toBe('ok');
    expect(report.track).toMatch(/Lead/);
    expect(report.meter).toBe('3/4');
    expect(tune!.bars).toEqual([
      { start: 0, beats: 3 },
      { start: 36, beats: 3 },
    ]);
    expect(tune!.chords.map((c) => c.symbol)).toEqual(['C', 'F']);
    // the user can override the choice by index or name
    const byName = importMidiBytes('/x/t1.mid', 't1', bytes, {}, 'bass');
    expect(byName.report.track).toMatch(/Bass/);
    expect(importMidiBytes('/x/t1.mid', 't1', bytes, {}, 'tuba').report.reason).toMatch(/no track "tuba"/);
  });

  it('quantizes swing eighths to the triplet lattice and straight sixteenths to the sixteenth lattice', () => {
    // swung eighths played a little loosely; then a beat of sixteenths slightly early/late
    const swing: [number, number, number][] = [
      [67, 0.02, 0.6],
      [69, 0.68, 0.3],
      [71, 1.0, 0.6],
      [72, 1.64, 0.3],
    ];
    const sixteenths: [number, number, number][] = [
      [74, 2.01, 0.2],
      [72, 2.24, 0.2],
      [71, 2.52, 0.2],
      [69, 2.76, 0.2],
    ];
    const bytes = buildSmf(1, 480, [[{ tick: 0, kind: 'tempo', bpm: 200 }], notes(480, [...swing, ...sixteenths])]);
    const { tune } = importMidiBytes('/x/s.mid', 's', bytes, {});
    expect(tune!.notes.map((n) => n.start)).toEqual([0, 8, 12, 20, 24, 27, 30, 33]);
    // lengths: the performed end to the nearest tick, floored to a vocabulary duration
    expect(tune!.notes.map((n) => n.dur)).toEqual([6, 4, 6, 3, 3, 2, 3, 3]);
  });

  it('keeps every note of a ballad double-time run (32nds, sextuplets) instead of merging them on the 16th lattice', () => {
    // at 50 bpm: a beat of eight 32nds, a beat of six sextuplets, then a straight 16th beat and a swung beat
    const run32: [number, number, number][] = Array.from({ length: 8 }, (_, i) => [60 + i, i / 8 + 0.01, 0.11]);
    const sext: [number, number, number][] = Array.from({ length: 6 }, (_, i) => [70 - i, 1 + i / 6, 0.15]);
    const rest: [number, number, number][] = [
      [60, 2, 0.2],
      [62, 2.25, 0.2],
      [64, 2.5, 0.2],
      [65, 2.75, 0.2],
      [67, 3, 0.6],
      [69, 3.67, 0.3],
    ];
    const bytes = buildSmf(1, 480, [[{ tick: 0, kind: 'tempo', bpm: 50 }], notes(480, [...run32, ...sext, ...rest])]);
    const { tune, report } = importMidiBytes('/x/ballad.mid', 'ballad', bytes, {});
    expect(tune!.notes.map((n) => n.pitch)).toEqual([...run32, ...sext, ...rest].map((n) => n[0]));
    expect(report.warnings ?? []).not.toContainEqual(expect.stringMatching(/dropped to make one line/));
    // 32nds land on the nearest ticks in order (the last, just before beat 2, is read on that beat's
    // sextuplet lattice); sextuplets exactly; the slower beats keep their 16th and triplet lattices
    expect(tune!.notes.map((n) => n.start)).toEqual([0, 2, 3, 5, 6, 8, 9, 10, 12, 14, 16, 18, 20, 22, 24, 27, 30, 33, 36, 44]);
    const starts = tune!.notes.map((n) => n.start);
    for (let i = 0; i < tune!.notes.length - 1; i++) expect(tune!.notes[i].start + tune!.notes[i].dur).toBeLessThanOrEqual(starts[i + 1]);
  });

  it('reduces polyphony to the top voice and drops same-pitch overlaps', () => {
    const poly: [number, number, number][] = [
      [60, 0, 1],
      [64, 0, 1],
      [67, 0, 1],
      [67, 0.5, 1],
      [55, 1, 2],
      [72, 1, 0.5],
    ];
    const { tune, report } = importMidiBytes('/x/p.mid', 'p', buildSmf(0, PPQ, [notes(PPQ, poly)]), {});
    expect(tune!.notes.map((n) => [n.pitch, n.start, n.dur])).toEqual([
      [67, 0, 6],
      [67, 6, 6],
      [72, 12, 6],
    ]);
    expect(report.warnings?.some((w) => w.includes('dropped to make one line'))).toBe(true);
  });

  it('skips bad files with a specific reason', () => {
    const good = buildSmf(1, PPQ, [notes(PPQ, melody)]);
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('<!DOCTYPE html><html><body>404</body></html>'), /not a MIDI file \(no MThd header.*HTML/],
      [good.subarray(0, good.length - 10), /truncated MIDI file/],
      [buildSmf(1, PPQ, [[{ tick: 0, kind: 'tempo', bpm: 120 }], []]), /no notes/],
      [
        buildSmf(0, PPQ, [
          notes(
            PPQ,
            [
              [36, 0, 1],
              [38, 1, 1],
            ],
            9,
          ),
        ]),
        /drums only/,
      ],
      [buildSmf(0, PPQ, [[{ tick: 0, kind: 'tempo', bpm: 5 }, ...notes(PPQ, melody)]]), /absurd tempo/],
      [new Uint8Array([0x4d, 0x54, 0x68, 0x64]), /not a MIDI file/],
    ];
    for (const [bytes, reason] of cases) {
      const { report, tune } = importMidiBytes('/x/bad.mid', 'bad', bytes, {});
      expect(report.status).toBe('skipped');
      expect(report.reason).toMatch(reason);
      expect(tune).toBeUndefined();
    }
    const noTempo = importMidiBytes('/x/nt.mid', 'nt', buildSmf(0, PPQ, [notes(PPQ, melody)]), {});
    expect(noTempo.report.tempo).toBe(120);
    expect(noTempo.report.warnings).toContain('no tempo event: assuming 120 bpm');
  });

  it('reports corrupt event data, including parsers that throw a bare string', () => {
    const head = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96];
    const track = (body: number[]) => [0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, body.length, ...body];
    const badTempo = importMidiBytes('/x/c.mid', 'c', Uint8Array.from([...head, ...track([0, 0xff, 0x51, 9, 1])]), {});
    expect(badTempo.report).toMatchObject({
      status: 'skipped',
      reason: 'corrupt MIDI data: track 1, byte 26: a meta event 0x51 declares 9 bytes but only 1 remain in the track',
    });
    const shortTempo = importMidiBytes('/x/c.mid', 'c', Uint8Array.from([...head, ...track([0, 0xff, 0x51, 2, 1, 2])]), {});
    expect(shortTempo.report.reason).toBe('corrupt MIDI data: track 1, byte 26: a tempo event has 3 bytes, this one declares 2');
    const notTrack = Uint8Array.from([...head, 0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 0]);
    expect(importMidiBytes('/x/d.mid', 'd', notTrack, {}).report.reason).toBe(
      'truncated MIDI file: header promises 1 tracks, the file ends after 0 (other chunks found: "MThd")',
    );
  });

  it('melody and block chords on the same channel in two tracks (lead-sheet style), 6/8 then 9/8', () => {
    const P = 1024;
    const meters: FixtureEvent[] = [
      { tick: 0, kind: 'meter', num: 6, den: 8 },
      { tick: 6 * P, kind: 'meter', num: 9, den: 8 },
    ];
    // 6/8 bars are 3 beats: two bars of 6/8 (G then D, a dotted quarter each half), then a 9/8 bar
    const tune: [number, number, number][] = [
      [67, 0, 0.5],
      [71, 0.5, 0.5],
      [74, 1, 0.5],
      [72, 1.5, 1.5],
      [74, 3, 1.5],
      [69, 4.5, 1.5],
      [67, 6, 4.5],
    ];
    const block: [number, number, number][] = [
      [55, 0, 1.5],
      [59, 0, 1.5],
      [62, 0, 1.5],
      [52, 1.5, 1.5],
      [55, 1.5, 1.5],
      [60, 1.5, 1.5],
      [50, 3, 3],
      [54, 3, 3],
      [57, 3, 3],
      [43, 6, 4.5],
      [47, 6, 4.5],
      [50, 6, 4.5],
    ];
    const bytes = buildSmf(1, P, [[...meters, ...notes(P, tune, 0)], notes(P, block, 0)]);
    const { report, tune: t } = importMidiBytes('/x/n.mid', 'n', bytes, {});
    expect(report).toMatchObject({ status: 'ok', chordSource: 'midi-track', meter: '6/8, 9/8', chordCoverage: 1 });
    expect(report.track).toMatch(/^0 /);
    expect(t!.bars).toEqual([
      { start: 0, beats: 3 },
      { start: 36, beats: 3 },
      { start: 72, beats: 4.5 },
    ]);
    expect(t!.chords.map((c) => [c.symbol, c.start, c.end])).toEqual([
      ['G', 0, 18],
      ['C', 18, 36],
      ['D', 36, 72],
      ['G', 72, 126],
    ]);
  });
});
