// Export a take as a Standard MIDI File a DAW accepts: type 1, PPQ 480, tempo and time signatures
// in the first (conductor) track, then named tracks: the solo (GM instrument of choice), and the comp
// and walking bass from ./accompaniment (the same notes the studio plays with the same parts).
// Swing can be written as played (long-short eighths, 2:1) or left straight for the DAW's own groove.
import midiPkg from '@tonejs/midi';
import { accompaniment, DEFAULT_BAND, type BandParts } from './accompaniment';
import type { Bar, ChordSpan, Note } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

const { Midi } = midiPkg;

export const PPQ = 480;
const SCALE = PPQ / TICKS_PER_BEAT; // 40 MIDI ticks per grid tick

export type Feel = 'straight' | 'swing';

export interface MidiExportOptions {
  solo: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  tempo: number; // quarter-note beats per minute
  title?: string;
  /** GM program 0..127 of the solo (default 66, tenor sax). */
  soloProgram?: number;
  /** Which band parts to write beside the solo (default comp and walking bass, as the studio plays). */
  band?: BandParts;
  feel?: Feel;
}

/** Grid ticks -> MIDI ticks. Swing moves the off-beat eighth from 1/2 to 2/3 of the beat and
 *  stretches/compresses what lies on either side proportionally (sixteenths follow along).
 *  Triplet positions (1/3, 2/3 of the beat) are already "as played" and stay where they are. */
export function toMidiTicks(tick: number, feel: Feel): number {
  if (feel === 'straight') return tick * SCALE;
  const beat = Math.floor(tick / TICKS_PER_BEAT);
  const x = tick - beat * TICKS_PER_BEAT;
  if (x === TICKS_PER_BEAT / 3 || x === (2 * TICKS_PER_BEAT) / 3) return tick * SCALE;
  const half = TICKS_PER_BEAT / 2;
  const warped = x <= half ? (x * (2 * PPQ)) / 3 / half : (2 * PPQ) / 3 + ((x - half) * PPQ) / 3 / half;
  return beat * PPQ + Math.round(warped);
}

/** Meter of a bar as a time signature: whole beats -> n/4, half beats (6/8 = 3 beats) -> n/8. */
export function timeSignatureOf(beats: number): [number, number] {
  if (Number.isInteger(beats)) return [beats, 4];
  if (Number.isInteger(beats * 2)) return [beats * 2, 8];
  return [Math.round(beats * 4), 16];
}

interface MidiNote {
  pitch: number;
  start: number; // MIDI ticks
  end: number;
  velocity: number;
}

/** Sort and make sure no two notes of the same pitch overlap (a DAW would merge or cut them at random). */
export function removeSamePitchOverlaps<T extends { pitch: number; start: number; end: number }>(notes: T[]): T[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch || b.end - a.end);
  const lastByPitch = new Map<number, T>();
  const out: T[] = [];
  for (const n of sorted) {
    const prev = lastByPitch.get(n.pitch);
    if (prev && prev.start === n.start) continue; // the same note twice: keep the longer one (sorted first)
    if (prev && prev.end > n.start) prev.end = n.start;
    const copy = { ...n };
    out.push(copy);
    lastByPitch.set(n.pitch, copy);
  }
  return out.filter((n) => n.end > n.start);
}

function toMidiNotes(notes: Note[], feel: Feel): MidiNote[] {
  return notes.map((n) => {
    const start = toMidiTicks(n.start, feel);
    return { pitch: n.pitch, start, end: Math.max(start + 1, toMidiTicks(n.start + n.dur, feel)), velocity: n.velocity };
  });
}

function checkOptions(o: MidiExportOptions): void {
  if (!Number.isFinite(o.tempo) || o.tempo < 20 || o.tempo > 400) throw new RangeError(`tempo must be 20..400 bpm, got ${o.tempo}`);
  const program = o.soloProgram ?? 66;
  if (!Number.isInteger(program) || program < 0 || program > 127) throw new RangeError(`the solo instrument must be a GM program 0..127, got ${program}`);
  for (const n of o.solo) {
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) throw new RangeError(`note pitch ${n.pitch} is not a MIDI note`);
    if (!(n.dur > 0) || n.start < 0) throw new RangeError(`note at tick ${n.start} has no positive length`);
  }
}

/** The SMF bytes of a take (deterministic: equal input gives byte-identical output). */
export function exportMidi(o: MidiExportOptions): Uint8Array {
  checkOptions(o);
  const feel = o.feel ?? 'straight';
  const midi = new Midi();
  midi.header.name = o.title ?? 'LickLab solo';
  midi.header.setTempo(o.tempo);
  let lastSig = '';
  for (const bar of o.bars) {
    const sig = timeSignatureOf(bar.beats);
    if (sig.join('/') === lastSig) continue;
    midi.header.timeSignatures.push({ ticks: bar.start * SCALE, timeSignature: sig });
    lastSig = sig.join('/');
  }
  if (midi.header.timeSignatures.length === 0) midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.update();

  const addTrack = (name: string, channel: number, program: number, notes: MidiNote[]) => {
    const track = midi.addTrack();
    track.name = name;
    track.channel = channel;
    track.instrument.number = program;
    for (const n of removeSamePitchOverlaps(notes)) {
      // tonejs stores velocity as 0..1 and writes floor(v * 127): the half step keeps it exact.
      track.addNote({ midi: n.pitch, ticks: n.start, durationTicks: n.end - n.start, velocity: (Math.min(127, Math.max(1, n.velocity)) + 0.5) / 127 });
    }
  };
  addTrack('Solo', 0, o.soloProgram ?? 66, toMidiNotes(o.solo, feel));
  const band = accompaniment(o.chords, o.bars, o.band ?? DEFAULT_BAND);
  if (band.comp.length) addTrack('Chords', 1, 0, toMidiNotes(band.comp, feel));
  if (band.bass.length) addTrack('Bass', 2, 32, toMidiNotes(band.bass, feel));
  return midi.toArray();
}
