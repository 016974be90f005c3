// A take exported for a DAW, read back with @tonejs/midi and midi-file: the name survives as UTF-8
// (an em dash included), the chord symbols are markers on the conductor track equal to the changes
// bar by bar (and lyrics on the chords track), the key signature is the form's, each track has the
// program chosen for it, the solo has the dynamics it was played with; and fluidsynth renders it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { performLine } from '../../../models/music/dynamics';
import { formChart, formKey } from '../../../models/music/forms';
import { getInstrument } from '../../../models/music/instruments';
import { exportMidi, keySignatureOf, PPQ } from '../../../models/music/midi-export';
import { writeSmf } from '../../../models/music/smf-write';
import { progressionFromForm } from '../../../models/music/progression';
import type { Note } from '../../../models/music/types';
import { chartBars, readBack } from './midi-readback';

const NAME = 'F blues — keeper';
const SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-daw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const blues = progressionFromForm('blues', 'F');
// An eighth-note line over the form with breaths: what the dynamics rules shape.
const line: Note[] = [];
for (let bar = 0; bar < 12; bar++)
  for (let k = 0; k < 6; k++) line.push({ pitch: 65 + ((bar * 3 + k * 2) % 12), start: bar * 48 + k * 6, dur: 6, velocity: 90 });
const solo = performLine(line, { chords: blues.chords, seed: 7 });

describe('a DAW-ready MIDI file', () => {
  const bytes = exportMidi({
    solo,
    chords: blues.chords,
    bars: blues.bars,
    tempo: 150,
    title: NAME,
    description: 'LickLab solo over 12-bar blues in F',
    instrument: 'tenor',
    key: formKey('blues', 'F'),
  });
  const back = readBack(bytes);

  it('keeps a non-ASCII name intact, as UTF-8 bytes', () => {
    expect(back.name).toBe(NAME);
    expect(Buffer.from(bytes).includes(Buffer.from(NAME, 'utf8'))).toBe(true); // E2 80 94 for the dash
    expect(back.description).toBe('LickLab solo over 12-bar blues in F');
  });

  it('puts the chord symbols on the conductor track as markers, equal to the changes bar by bar', () => {
    const barTicks = 4 * PPQ;
    const byBar = chartBars(formChart('blues', 'F')).map((_, i) =>
      back.markers.filter((m) => Math.floor(m.tick / barTicks) === i).map((m) => m.text),
    );
    expect(byBar).toEqual(chartBars(formChart('blues', 'F')));
    for (const m of back.markers) expect(m.tick % (2 * PPQ)).toBe(0); // on bar lines and half bars
    // and as lyrics on the chords track, at the same ticks
    const chords = back.tracks.find((t) => t.name === 'Chords')!;
    expect(chords.lyrics).toEqual(back.markers);
  });

  it('writes the key signature of the form: F major has one flat, C minor blues three', () => {
    expect(back.keySignature).toEqual({ sharps: -1, minor: false });
    const cMinor = progressionFromForm('minor-blues', 'C');
    const minor = readBack(
      exportMidi({ solo: [], chords: cMinor.chords, bars: cMinor.bars, tempo: 120, key: formKey('minor-blues', 'C') }),
    );
    expect(minor.keySignature).toEqual({ sharps: -3, minor: true });
    expect(keySignatureOf({ tonic: 'E', mode: 'major' })).toEqual({ sharps: 4, minor: false });
    expect(keySignatureOf({ tonic: 'Gb', mode: 'major' })).toEqual({ sharps: -6, minor: false });
    expect(keySignatureOf({ tonic: 'F#', mode: 'major' })).toEqual({ sharps: 6, minor: false });
    expect(keySignatureOf({ tonic: 'G', mode: 'minor' })).toEqual({ sharps: -2, minor: true });
    expect(readBack(exportMidi({ solo: [], chords: [], bars: blues.bars, tempo: 120 })).keySignature).toBeNull(); // a typed chart: no key claimed
  });

  it('gives each track its program: the chosen solo instrument, piano comp, acoustic bass', () => {
    expect(back.tracks.map((t) => [t.name, t.program])).toEqual([
      ['Solo', 66],
      ['Chords', 0],
      ['Bass', 32],
    ]);
    expect(back.tracks[0].instrumentName).toBe('Tenor Sax');
    for (const id of ['piano', 'alto', 'trumpet', 'vibes', 'guitar'] as const) {
      const t = readBack(exportMidi({ solo, chords: blues.chords, bars: blues.bars, tempo: 150, instrument: id })).tracks[0];
      expect([t.program, t.instrumentName]).toEqual([getInstrument(id).program, getInstrument(id).gmName]);
    }
  });

  it('keeps the dynamics: the solo track has the performed velocities, more than one', () => {
    const notes = back.tracks[0].notes;
    expect(notes.map((n) => n.velocity)).toEqual(solo.map((n) => n.velocity));
    expect(new Set(notes.map((n) => n.velocity)).size).toBeGreaterThan(3);
  });

  it('is bar-aligned: tempo and 4/4 at tick 0, PPQ 480, the first note on the downbeat of bar 1', () => {
    expect(back.ppq).toBe(480);
    expect(back.bpm).toBeCloseTo(150, 2);
    expect(back.timeSignatures).toEqual([{ tick: 0, timeSignature: [4, 4] }]);
    expect(back.tracks[0].notes[0].tick).toBe(0);
  });

  it('renders with fluidsynth', () => {
    const which = spawnSync('fluidsynth', ['--version'], { encoding: 'utf8' });
    if (which.error || which.status !== 0)
      throw new Error('fluidsynth is missing: install it with `sudo apt-get install -y fluidsynth fluid-soundfont-gm` (CI does)');
    const mid = path.join(tmp, 'keeper.mid');
    writeFileSync(mid, bytes);
    const out = execFileSync('fluidsynth', ['-ni', '-F', path.join(tmp, 'keeper.wav'), '-r', '22050', SOUNDFONT, mid], {
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 60_000,
    });
    expect(out).not.toMatch(/error/i);
    expect(readFileSync(path.join(tmp, 'keeper.wav')).length).toBeGreaterThan(100_000);
  });
});

describe('the SMF writer', () => {
  it('writes texts as UTF-8 with their byte length, and refuses what a file cannot hold', () => {
    const bytes = writeSmf([[{ tick: 0, kind: 'trackName', text: 'é—' }]], 480);
    // MThd(14) + MTrk(8) + delta 0, FF 03, length 5, the five bytes, end of track
    expect([...bytes.subarray(22, 30)]).toEqual([0, 0xff, 0x03, 5, 0xc3, 0xa9, 0xe2, 0x80]);
    expect(() => writeSmf([[{ tick: 0, kind: 'program', channel: 0, program: 128 }]], 480)).toThrow(/GM program/);
    expect(() => writeSmf([[{ tick: 0.5, kind: 'marker', text: 'x' }]], 480)).toThrow(/whole numbers/);
    expect(() => writeSmf([[{ tick: 0, kind: 'timeSignature', numerator: 4, denominator: 3 }]], 480)).toThrow(/power of 2/);
  });

  it('ends a note before the same pitch starts again at that tick', () => {
    const notes = [
      { tick: 0, kind: 'note', channel: 0, pitch: 60, velocity: 80, dur: 10 },
      { tick: 10, kind: 'note', channel: 0, pitch: 60, velocity: 90, dur: 10 },
    ] as const;
    const back = readBack(writeSmf([[], notes], 480)).tracks[0].notes;
    expect(back.map((n) => [n.tick, n.durationTicks, n.velocity])).toEqual([
      [0, 10, 80],
      [10, 10, 90],
    ]);
  });
});
