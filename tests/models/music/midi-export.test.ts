import midiPkg from '@tonejs/midi';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkingBass } from '../../../models/music/accompaniment';
import { exportMidi, removeSamePitchOverlaps, timeSignatureOf, toMidiTicks } from '../../../models/music/midi-export';
import type { Bar, ChordSpan, Note } from '../../../models/music/types';

const { Midi } = midiPkg;
const SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';

const mask = (root: number, ...rel: number[]) => rel.reduce((m, r) => m | (1 << ((root + r) % 12)), 0);
const bars: Bar[] = [0, 1, 2, 3].map((i) => ({ start: i * 48, beats: 4 }));
const chords: ChordSpan[] = [
  { start: 0, end: 24, symbol: 'Dm7', root: 2, mask: mask(2, 0, 3, 7, 10) },
  { start: 24, end: 48, symbol: 'G7', root: 7, mask: mask(7, 0, 4, 7, 10) },
  { start: 48, end: 144, symbol: 'Cmaj7', root: 0, mask: mask(0, 0, 4, 7, 11) },
  { start: 144, end: 192, symbol: 'A7', root: 9, mask: mask(9, 0, 4, 7, 10) },
];
// A line of eighths (with a repeated pitch that overlaps itself, which export must untangle).
const solo: Note[] = [
  ...[62, 65, 69, 72, 71, 67, 65, 62, 64, 67, 71, 74, 72, 71, 69, 67].map((pitch, i) => ({ pitch, start: i * 6, dur: 6, velocity: 90 })),
  { pitch: 64, start: 100, dur: 30, velocity: 80 },
  { pitch: 64, start: 112, dur: 12, velocity: 100 },
];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-midi-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function wavRms(file: string): number {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file} is not a WAV file`);
  let pos = 12;
  let format = 1;
  let bits = 16;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      format = buf.readUInt16LE(pos + 8);
      bits = buf.readUInt16LE(pos + 22);
    } else if (id === 'data') {
      const n = Math.floor(Math.min(size, buf.length - pos - 8) / (bits / 8));
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const at = pos + 8 + i * (bits / 8);
        const v = format === 3 ? buf.readFloatLE(at) : bits === 16 ? buf.readInt16LE(at) / 32768 : buf.readInt32LE(at) / 2147483648;
        sum += v * v;
      }
      return Math.sqrt(sum / Math.max(1, n));
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

describe('MIDI export', () => {
  const bytes = exportMidi({ solo, chords, bars, tempo: 140, title: 'test take', soloProgram: 65 });

  it('writes SMF type 1, PPQ 480, tempo and meter in the first track, then named tracks', () => {
    const raw = Buffer.from(bytes);
    expect(raw.toString('ascii', 0, 4)).toBe('MThd');
    expect(raw.readUInt16BE(8)).toBe(1); // type 1
    expect(raw.readUInt16BE(10)).toBe(4); // conductor + solo + chords + bass
    expect(raw.readUInt16BE(12)).toBe(480);
    const midi = new Midi(bytes);
    expect(midi.header.tempos[0].bpm).toBeCloseTo(140, 3);
    expect(midi.header.timeSignatures[0].timeSignature).toEqual([4, 4]);
    const withNotes = midi.tracks.filter((t) => t.notes.length > 0);
    expect(withNotes.map((t) => t.name)).toEqual(['Solo', 'Chords', 'Bass']);
    expect(midi.tracks.find((t) => t.name === 'Solo')!.instrument.number).toBe(65);
    expect(midi.tracks.find((t) => t.name === 'Bass')!.instrument.number).toBe(32);
  });

  it('keeps the solo notes (pitch, onset, length, velocity), with same-pitch overlaps cut', () => {
    const track = new Midi(bytes).tracks.find((t) => t.name === 'Solo')!;
    expect(track.notes).toHaveLength(solo.length);
    expect(track.notes.slice(0, 16).map((n) => [n.midi, n.ticks, n.durationTicks, Math.round(n.velocity * 127)])).toEqual(
      solo.slice(0, 16).map((n) => [n.pitch, n.start * 40, n.dur * 40, 90]),
    );
    const [long, short] = track.notes.filter((n) => n.midi === 64 && n.ticks >= 4000);
    expect(long.ticks + long.durationTicks).toBeLessThanOrEqual(short.ticks);
    for (const t of new Midi(bytes).tracks) {
      const byPitch = new Map<number, number>();
      for (const n of [...t.notes].sort((a, b) => a.ticks - b.ticks)) {
        expect(n.ticks).toBeGreaterThanOrEqual(byPitch.get(n.midi) ?? 0);
        byPitch.set(n.midi, n.ticks + n.durationTicks);
      }
    }
  });

  it('is byte-identical for the same input', () => {
    const again = exportMidi({ solo, chords, bars, tempo: 140, title: 'test take', soloProgram: 65 });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes swing as played: off-beat eighths at 2/3 of the beat', () => {
    expect(toMidiTicks(6, 'swing')).toBe(320);
    expect(toMidiTicks(12, 'swing')).toBe(480);
    expect(toMidiTicks(3, 'swing')).toBe(160);
    expect(toMidiTicks(9, 'swing')).toBe(400);
    expect([toMidiTicks(16, 'swing'), toMidiTicks(20, 'swing')]).toEqual([640, 800]); // triplets stay
    const swung = new Midi(exportMidi({ solo, chords, bars, tempo: 140, feel: 'swing', band: { comp: false, bass: false } }));
    const notes = swung.tracks.find((t) => t.name === 'Solo')!.notes;
    expect(notes.slice(0, 4).map((n) => [n.ticks, n.durationTicks])).toEqual([
      [0, 320],
      [320, 160],
      [480, 320],
      [800, 160],
    ]);
    expect(swung.tracks.filter((t) => t.notes.length > 0).map((t) => t.name)).toEqual(['Solo']);
  });

  it('writes odd meters and refuses bad input', () => {
    expect(timeSignatureOf(3)).toEqual([3, 4]);
    expect(timeSignatureOf(4.5)).toEqual([9, 8]);
    const waltz = new Midi(
      exportMidi({
        solo: [],
        chords,
        bars: [
          { start: 0, beats: 3 },
          { start: 36, beats: 3 },
        ],
        tempo: 180,
      }),
    );
    expect(waltz.header.timeSignatures[0].timeSignature).toEqual([3, 4]);
    expect(() => exportMidi({ solo, chords, bars, tempo: 0 })).toThrow(/tempo/);
    expect(() => exportMidi({ solo, chords, bars, tempo: 120, soloProgram: 128 })).toThrow(/GM program/);
  });

  it('walks the bass on the beat', () => {
    const bass = walkingBass(chords, bars);
    expect(bass).toHaveLength(16);
    expect(bass.map((n) => n.start)).toEqual(Array.from({ length: 16 }, (_, i) => i * 12));
    expect(bass[0].pitch % 12).toBe(2); // root of Dm7 on beat 1
    expect(bass[4].pitch % 12).toBe(0); // root of Cmaj7 on beat 1 of bar 2
    expect(Math.abs(bass[15].pitch - bass[14].pitch)).toBeGreaterThan(0);
    for (const n of bass) expect(n.pitch).toBeGreaterThanOrEqual(28);
    expect(
      removeSamePitchOverlaps([
        { pitch: 60, start: 0, end: 10 },
        { pitch: 60, start: 0, end: 5 },
      ]),
    ).toEqual([{ pitch: 60, start: 0, end: 10 }]);
  });

  it('renders to non-silent audio with fluidsynth', () => {
    const which = spawnSync('fluidsynth', ['--version'], { encoding: 'utf8' });
    if (which.error || which.status !== 0) {
      throw new Error('fluidsynth is missing: install it with `sudo apt-get install -y fluidsynth fluid-soundfont-gm` (CI does)');
    }
    expect(readFileSync(SOUNDFONT).length, `soundfont ${SOUNDFONT} missing: apt-get install -y fluid-soundfont-gm`).toBeGreaterThan(1e6);
    const mid = path.join(tmp, 'take.mid');
    const wav = path.join(tmp, 'take.wav');
    writeFileSync(mid, bytes);
    execFileSync('fluidsynth', ['-ni', '-F', wav, '-r', '44100', SOUNDFONT, mid], { stdio: 'pipe', timeout: 60_000 });
    const rms = wavRms(wav);
    expect(rms).toBeGreaterThan(0.005);
    // And silence is measured as silence: an empty take with no accompaniment renders quiet.
    const empty = path.join(tmp, 'empty.mid');
    writeFileSync(empty, exportMidi({ solo: [], chords: [], bars, tempo: 140, band: { comp: false, bass: false } }));
    execFileSync('fluidsynth', ['-ni', '-F', path.join(tmp, 'empty.wav'), '-r', '44100', SOUNDFONT, empty], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    expect(wavRms(path.join(tmp, 'empty.wav'))).toBeLessThan(0.001);
  });
});
