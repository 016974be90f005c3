// Tune notes -> Standard MIDI File (type 1, PPQ 480) with @tonejs/midi: tempo, meter and one
// named solo track. Chords travel beside it as a <name>.chords.txt chart. (The default corpus is
// written here, byte for byte as before; exported takes go through midi-export + smf-write.)
import ToneMidi from '@tonejs/midi';
import type { Midi as MidiType } from '@tonejs/midi';
import { TICKS_PER_BEAT } from './vocabulary';
import type { Note } from './types';

const { Midi } = ToneMidi as unknown as { Midi: typeof MidiType };

export const WRITE_PPQ = 480;

export interface WriteOptions {
  tempo: number; // bpm
  meter?: [number, number]; // default 4/4
  trackName?: string;
  title?: string;
  program?: number; // General MIDI program, default 65 (alto sax)
}

/** @tonejs/midi's writer (midi-file) stores each UTF-16 unit of a text as one byte: give it the
 *  UTF-8 bytes as a string of char codes 0..255, so names are written as UTF-8 (ASCII unchanged). */
export function utf8ForToneMidi(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

export function notesToMidi(notes: Note[], opts: WriteOptions): Uint8Array {
  const midi = new Midi();
  const scale = WRITE_PPQ / TICKS_PER_BEAT;
  midi.header.setTempo(opts.tempo);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: opts.meter ?? [4, 4] });
  if (opts.title) midi.header.name = utf8ForToneMidi(opts.title);
  midi.header.update();
  const track = midi.addTrack();
  track.name = utf8ForToneMidi(opts.trackName ?? 'Solo');
  track.channel = 0;
  track.instrument.number = opts.program ?? 65;
  for (const n of notes) {
    track.addNote({
      midi: n.pitch,
      ticks: Math.round(n.start * scale),
      durationTicks: Math.round(n.dur * scale),
      velocity: n.velocity / 127,
    });
  }
  return midi.toArray();
}
