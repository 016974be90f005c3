// Hostile and broken input refused with its reason, under the stated limits: chunk lengths that lie,
// VLQs that never end, a time signature far in the future, a beat grid with beats 1e-9 s apart or a
// bar called "x", a 1 MB chord chart, a chart with a bad meter line. And a 150,000-note file reads
// in linear time (the parser we replaced paired notes quadratically).
import { describe, expect, it } from 'vitest';
import { parseBeatGrid } from '../../../models/music/beat-grid';
import { parseChordChart } from '../../../models/music/chord-chart';
import { importMidiBytes } from '../../../models/music/import-file';
import { IMPORT_LIMITS } from '../../../models/music/import-limits';
import { readMidi } from '../../../models/music/midi-read';
import { checkSmfStructure } from '../../../models/music/smf-read';
import { buildSmf, notes } from './smf-fixture';

const PPQ = 96;
const HEAD = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, PPQ];
const track = (body: number[], len = body.length) => [
  0x4d,
  0x54,
  0x72,
  0x6b,
  (len >>> 24) & 0xff,
  (len >>> 16) & 0xff,
  (len >>> 8) & 0xff,
  len & 0xff,
  ...body,
];
const smf = (body: number[], len?: number) => Uint8Array.from([...HEAD, ...track(body, len)]);
const reasonOf = (bytes: Uint8Array, side = {}) => importMidiBytes('/x/f.mid', 'f', bytes, side).report.reason;
const NOTE = [0, 0x90, 60, 100, 48, 0x80, 60, 0];

describe('SMF structure pre-check', () => {
  it('refuses lying chunk lengths, bad headers and missing tracks with the reason', () => {
    expect(reasonOf(smf(NOTE, 0xffffff00))).toMatch(/^truncated MIDI file: track 1 declares 4294967040 bytes but only 8 remain/);
    expect(reasonOf(Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 2, 0, 0, 0, 1, 0, 96]))).toMatch(
      /bad MIDI header: its chunk declares 2 bytes/,
    );
    expect(reasonOf(Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0xff, 0, 0, 6, 0, 0, 0, 1, 0, 96]))).toMatch(
      /truncated MIDI file: the header chunk declares/,
    );
    expect(reasonOf(Uint8Array.from([...HEAD.slice(0, 11), 0, 0, 96]))).toMatch(/declares 0 tracks/);
    expect(reasonOf(Uint8Array.from([...HEAD.slice(0, 10), 0xff, 0xff, 0, 96]))).toBe(
      'too many tracks declared: 65,535 (the limit is 1,024)',
    );
    expect(reasonOf(Uint8Array.from([...HEAD.slice(0, 12), 0, 0, ...track(NOTE)]))).toMatch(/0 ticks per quarter note/);
  });

  it('skips chunks that are not tracks, with a warning', () => {
    const alien = [0x58, 0x46, 0x49, 0x48, 0, 0, 0, 2, 1, 2];
    const bytes = Uint8Array.from([...HEAD, ...alien, ...track([...NOTE, 0, 0x90, 62, 90, 48, 0x80, 62, 0])]);
    const layout = checkSmfStructure(bytes);
    expect(layout.chunks).toHaveLength(1);
    expect(layout.warnings).toEqual(['skipped 1 chunk(s) that are not tracks ("XFIH")']);
    expect(importMidiBytes('/x/a.mid', 'a', bytes, {}).report.status).toBe('ok');
  });

  it('refuses a VLQ longer than 4 bytes, a meta or sysex longer than its track, unknown event bytes', () => {
    expect(reasonOf(smf([0xff, 0xff, 0xff, 0xff, 0x7f, 0x90, 60, 100]))).toMatch(/variable-length number longer than 4 bytes/);
    expect(reasonOf(smf([0, 0xff, 0x01, 0x8f, 0xff, 0xff, 0x7f, 65]))).toMatch(/a meta event 0x01 declares \d+ bytes but only 1 remain/);
    expect(reasonOf(smf([0, 0xf0, 0x7f, 1, 2]))).toMatch(/a sysex event declares 127 bytes but only 2 remain/);
    expect(reasonOf(smf([0, 0xf4, 1, 2]))).toMatch(/unknown event byte 0xf4/);
    expect(reasonOf(smf([0, 60, 100]))).toMatch(/running status before any status byte/);
  });

  it('keeps the events before a track that ends inside an event, and says so', () => {
    const midi = readMidi(smf([...NOTE, 0, 0x90, 64]));
    expect(midi.tracks[0].notes).toHaveLength(1);
    expect(midi.warnings).toContain('track 1 is cut inside the event at byte 30: the rest of the track is ignored');
  });
});

describe('import limits', () => {
  it('a time signature far in the future is ignored, not made into millions of bars', () => {
    // 4 bytes of delta (0x0FFFFFFF ticks) then a 1/32 meter: 2.7 million beats away.
    const bytes = smf([...NOTE, 0xff, 0xff, 0xff, 0x7f, 0xff, 0x58, 4, 1, 5, 24, 8]);
    const started = performance.now();
    const { report } = importMidiBytes('/x/far.mid', 'far', bytes, {});
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.status).toBe('ok');
    expect(report.bars).toBe(1);
    expect(report.warnings).toContain('ignored 1 time signature(s) after beat 80,000 (the longest music imported)');
  });

  it('refuses music longer than the beat limit and more bars than the bar limit, naming the limit', () => {
    const late = smf([0xff, 0xff, 0xff, 0x7f, 0x90, 60, 100, 10, 0x80, 60, 0]);
    expect(reasonOf(late)).toBe('music too long (beats): 2,796,203 (the limit is 80,000)');
    // 1/32 bars (2 grid ticks each) up to beat 6,000: 36,000 bars
    const tiny = buildSmf(0, PPQ, [[{ tick: 0, kind: 'meter', num: 1, den: 32 }, ...notes(PPQ, [[60, 6000, 1]])]]);
    expect(reasonOf(tiny)).toMatch(/^too many bars: 36,0\d\d \(the limit is 20,000\)$/);
  });

  it('refuses too many tempo events', () => {
    const body: number[] = [];
    for (let i = 0; i <= IMPORT_LIMITS.tempoEvents; i++) body.push(0, 0xff, 0x51, 3, 7, 0xa1, 0x20);
    expect(reasonOf(smf([...body, ...NOTE]))).toBe('too many tempo events: 10,001 (the limit is 10,000)');
  });

  it('reads 150,000 notes in linear time', () => {
    const body: number[] = [];
    for (let i = 0; i < 150_000; i++) body.push(i ? 4 : 0, 0x90, 60 + ((i * 7) % 24), 90, 20, 0x80, 60 + ((i * 7) % 24), 0);
    const bytes = smf(body);
    const started = performance.now();
    const midi = readMidi(bytes);
    const ms = performance.now() - started;
    expect(midi.tracks[0].notes).toHaveLength(150_000);
    expect(midi.tracks[0].notes[149_999]).toMatchObject({ ticks: 149_999 * 24, durTicks: 20 });
    // Generous for a loaded machine: the quadratic parser took 20-70 s here.
    expect(ms).toBeLessThan(8000);
  });
});

describe('beat grid validation', () => {
  const head = 'bar,bass_pitch,beat,chord,chorus_id,form,onset,signature';
  const grid = (rows: string[]) => [head, ...rows].join('\n');
  const row = (bar: string | number, beat: number, onset: number, sig = '', chord = '') => `${bar},,${beat},${chord},1,,${onset},${sig}`;
  const fourBars = (patch: (rows: string[]) => void) => {
    const rows: string[] = [];
    for (let k = 0; k < 16; k++) rows.push(row(1 + (k >> 2), (k % 4) + 1, 1 + k * 0.5, k === 0 ? '4/4' : '', k === 0 ? 'C7' : ''));
    patch(rows);
    return grid(rows);
  };

  it('refuses onsets closer than the limit, with the row', () => {
    expect(() => parseBeatGrid(fourBars((r) => (r[5] = row(2, 2, 3.000000001))))).toThrow(
      'beat grid CSV row 7: onset 3.000000001 s is only 1e-9 s after the previous beat (beats must be at least 0.01 s apart)',
    );
  });

  it('refuses a bar that is not a whole number, a bar far before the start and bars going backwards', () => {
    expect(() => parseBeatGrid(fourBars((r) => (r[3] = row('x', 4, 2.5))))).toThrow('beat grid CSV row 5: bar "x" is not a whole number');
    expect(() => parseBeatGrid(fourBars((r) => (r[0] = row(-1e9, 1, 1, '4/4', 'C7'))))).toThrow(
      'beat grid CSV row 2: the grid starts at bar -1000000000 (expected -1000..20000)',
    );
    expect(() => parseBeatGrid(fourBars((r) => (r[8] = row(1, 1, 5))))).toThrow(
      'beat grid CSV row 10: bar 1 comes after bar 2 (bar numbers go backwards)',
    );
  });

  it('warns about signatures that are not time signatures (0/0, 99999/4) and ignores them', () => {
    const g = parseBeatGrid(
      fourBars((r) => {
        r[0] = row(1, 1, 1, '0/0', 'C7');
        r[4] = row(2, 1, 3, '99999/4');
      }),
    );
    expect(g.meter).toBe('4/4');
    expect(g.warnings).toEqual([
      'beat grid CSV row 2: signature "0/0" is not a time signature (1..32 over 1, 2, 4, 8, 16 or 32); ignored',
      'beat grid CSV row 6: signature "99999/4" is not a time signature (1..32 over 1, 2, 4, 8, 16 or 32); ignored',
    ]);
  });

  it('a CSV with beats 1e-9 s apart is refused at once through the importer', () => {
    const rows: string[] = [];
    for (let k = 0; k < 64; k++) rows.push(row(1 + (k >> 2), (k % 4) + 1, 1 + k * 1e-9, k === 0 ? '4/4' : ''));
    const started = performance.now();
    const reason = reasonOf(
      buildSmf(0, 1000, [
        notes(1000, [
          [60, 0, 1],
          [62, 100, 1],
        ]),
      ]),
      { csv: grid(rows) },
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(reason).toMatch(/^beat grid CSV row 3: onset .* s apart\)$/);
  });
});

describe('chord chart validation', () => {
  it('warns about a meter line that is not a time signature, with its line', () => {
    const chart = parseChordChart('title: T\nmeter: 7/0\n| C7 | F7 |');
    expect(chart.warnings).toEqual([
      'line 2: meter "7/0" is not a time signature (like 4/4, 3/4 or 6/8: 1..32 over 1, 2, 4, 8, 16 or 32); ignored',
    ]);
    const { report } = importMidiBytes(
      '/x/m.mid',
      'm',
      buildSmf(0, PPQ, [
        notes(PPQ, [
          [60, 0, 1],
          [62, 4, 1],
        ]),
      ]),
      { chart: 'meter: waltz\n| C7 | F7 |' },
    );
    expect(report.status).toBe('ok');
    expect(report.meter).toBe('4/4');
    expect(report.warnings).toContain(
      'chord chart line 1: meter "waltz" is not a time signature (like 4/4, 3/4 or 6/8: 1..32 over 1, 2, 4, 8, 16 or 32); ignored',
    );
  });

  it('refuses a 1 MB chart at once, naming the size limit', () => {
    const chart = '| Cm7 F7 | Bbmaj7 |\n'.repeat(50_000);
    const started = performance.now();
    const reason = reasonOf(buildSmf(0, PPQ, [notes(PPQ, [[60, 0, 1]])]), { chart });
    expect(performance.now() - started).toBeLessThan(500);
    expect(reason).toBe('its chord chart (.chords.txt) is too large: 1,000,000 bytes (the limit is 65,536)');
  });
});
