// Export a take as a Standard MIDI File a DAW accepts: type 1, PPQ 480. The conductor track holds
// the take's name (UTF-8), tempo, meter, the key signature of the form and one marker per chord
// change (the chord symbol, where the bar shows it); then named tracks: the solo on the GM program
// of the chosen instrument (models/music/instruments), the comp with the chord symbols as lyrics,
// and the walking bass, both from ./accompaniment (the notes the studio plays with the same parts).
// Swing can be written as played (long-short eighths, 2:1) or left straight for the DAW's own groove.
import { accompaniment, DEFAULT_BAND, type BandParts } from './accompaniment';
import { notePc } from './chords';
import { getInstrument, type InstrumentId } from './instruments';
import { writeSmf, type SmfEvent } from './smf-write';
import type { Bar, ChordSpan, Note } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

export const PPQ = 480;
const SCALE = PPQ / TICKS_PER_BEAT; // 40 MIDI ticks per grid tick

export type Feel = 'straight' | 'swing';

export interface MidiExportOptions {
  solo: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  tempo: number; // quarter-note beats per minute
  /** The name a DAW shows for the file (the first track's name), any Unicode text. */
  title?: string;
  /** A line of text beside it (what was played over, settings). */
  description?: string;
  /** The solo instrument: its GM program and name (default piano, as the studio plays). */
  instrument?: InstrumentId;
  /** GM program 0..127 of the solo; overrides the instrument's program. */
  soloProgram?: number;
  /** The key signature (a form's tonic and mode); none is written when absent. */
  key?: { tonic: string; mode: 'major' | 'minor' };
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

/** Humanized onsets lie between grid ticks (in steps of one MIDI tick): rounded to whole MIDI ticks. */
function toMidiNotes(notes: Note[], feel: Feel): MidiNote[] {
  return notes.map((n) => {
    const start = Math.round(toMidiTicks(n.start, feel));
    return { pitch: n.pitch, start, end: Math.max(start + 1, Math.round(toMidiTicks(n.start + n.dur, feel))), velocity: n.velocity };
  });
}

/** Sharps (+) or flats (-) of a key signature: major keys by their tonic, minor keys by their
 *  relative major; F#/Gb major goes by the tonic's spelling. */
export function keySignatureOf(key: { tonic: string; mode: 'major' | 'minor' }): { sharps: number; minor: boolean } {
  const pc = notePc(key.tonic);
  if (pc < 0) throw new RangeError(`the key "${key.tonic}" is not a note name like C, Bb or F#`);
  const major = key.mode === 'minor' ? (pc + 3) % 12 : pc;
  // Steps round the circle of fifths from C: 7 semitones = one sharp.
  let sharps = (major * 7) % 12;
  if (sharps > 6 || (sharps === 6 && key.tonic.includes('b'))) sharps -= 12;
  return { sharps, minor: key.mode === 'minor' };
}

function checkOptions(o: MidiExportOptions): void {
  if (!Number.isFinite(o.tempo) || o.tempo < 20 || o.tempo > 400) throw new RangeError(`tempo must be 20..400 bpm, got ${o.tempo}`);
  const program = o.soloProgram ?? getInstrument(o.instrument ?? 'piano').program;
  if (!Number.isInteger(program) || program < 0 || program > 127)
    throw new RangeError(`the solo instrument must be a GM program 0..127, got ${program}`);
  for (const n of o.solo) {
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) throw new RangeError(`note pitch ${n.pitch} is not a MIDI note`);
    if (!(n.dur > 0) || n.start < 0) throw new RangeError(`note at tick ${n.start} has no positive length`);
  }
}

/** The SMF bytes of a take (deterministic: equal input gives byte-identical output). */
export function exportMidi(o: MidiExportOptions): Uint8Array {
  checkOptions(o);
  const feel = o.feel ?? 'straight';
  const at = (tick: number) => Math.round(toMidiTicks(tick, feel));
  const instrument = getInstrument(o.instrument ?? 'piano');
  const conductor: SmfEvent[] = [{ tick: 0, kind: 'trackName', text: o.title ?? 'LickLab solo' }];
  if (o.description) conductor.push({ tick: 0, kind: 'text', text: o.description });
  conductor.push({ tick: 0, kind: 'tempo', bpm: o.tempo });
  let lastSig = '';
  for (const bar of o.bars) {
    const [numerator, denominator] = timeSignatureOf(bar.beats);
    if (`${numerator}/${denominator}` === lastSig) continue;
    conductor.push({ tick: at(bar.start), kind: 'timeSignature', numerator, denominator });
    lastSig = `${numerator}/${denominator}`;
  }
  if (!lastSig) conductor.push({ tick: 0, kind: 'timeSignature', numerator: 4, denominator: 4 });
  if (o.key) conductor.push({ tick: 0, kind: 'keySignature', ...keySignatureOf(o.key) });
  const changes = chordChanges(o.chords);
  for (const c of changes) conductor.push({ tick: at(c.start), kind: 'marker', text: c.symbol });

  const track = (name: string, channel: number, program: number, notes: MidiNote[], extra: SmfEvent[] = []): SmfEvent[] => [
    { tick: 0, kind: 'trackName', text: name },
    ...extra,
    { tick: 0, kind: 'program', channel, program },
    ...removeSamePitchOverlaps(notes).map((n): SmfEvent => ({
      tick: n.start,
      kind: 'note',
      channel,
      pitch: n.pitch,
      velocity: n.velocity,
      dur: n.end - n.start,
    })),
  ];
  const tracks: SmfEvent[][] = [conductor];
  tracks.push(
    track('Solo', 0, o.soloProgram ?? instrument.program, toMidiNotes(o.solo, feel), [
      { tick: 0, kind: 'instrumentName', text: instrument.gmName },
    ]),
  );
  const band = accompaniment(o.chords, o.bars, o.band ?? DEFAULT_BAND);
  // The chord symbols ride on the chords track as lyrics (notation views show them over the comp),
  // written even when the comp itself is left out.
  const lyrics = changes.map((c): SmfEvent => ({ tick: at(c.start), kind: 'lyric', text: c.symbol }));
  if (band.comp.length || lyrics.length) tracks.push(track('Chords', 1, 0, toMidiNotes(band.comp, feel), lyrics));
  if (band.bass.length) tracks.push(track('Bass', 2, 32, toMidiNotes(band.bass, feel)));
  return writeSmf(tracks, PPQ);
}

/** Chord spans sorted by start, a new one only where the symbol changes (N.C. included). */
export function chordChanges(chords: readonly ChordSpan[]): ChordSpan[] {
  const out: ChordSpan[] = [];
  for (const c of [...chords].sort((a, b) => a.start - b.start)) {
    const prev = out[out.length - 1];
    if (prev && prev.symbol === c.symbol && prev.end === c.start) continue;
    out.push(c);
  }
  return out;
}
