// Reads an exported MIDI file back the way a DAW would, with two independent readers: @tonejs/midi
// (tracks, programs, notes, tempo, the conductor track's markers) and midi-file (every meta event
// of every track, e.g. the chords track's lyrics and the key signature as written). Texts are
// decoded as UTF-8 from the bytes the readers hand back one per character.
import midiPkg from '@tonejs/midi';
import { parseMidi } from 'midi-file';

const { Midi } = midiPkg;

/** The readers return each byte of a text as one char code: decode those bytes as UTF-8. */
export function utf8Text(byteString: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(byteString, (c) => c.charCodeAt(0)));
}

export interface ReadBack {
  name: string;
  description: string | null;
  markers: { tick: number; text: string }[];
  keySignature: { sharps: number; minor: boolean } | null;
  tracks: {
    name: string;
    program: number;
    instrumentName: string | null;
    lyrics: { tick: number; text: string }[];
    notes: { pitch: number; tick: number; durationTicks: number; velocity: number }[];
  }[];
  ppq: number;
  bpm: number;
  timeSignatures: { tick: number; timeSignature: number[] }[];
}

export function readBack(bytes: Uint8Array): ReadBack {
  const tone = new Midi(bytes);
  const raw = parseMidi(bytes);
  const metaOf = (i: number) => {
    let tick = 0;
    return raw.tracks[i].map((e) => ({ ...e, tick: (tick += e.deltaTime) }));
  };
  const conductor = metaOf(0);
  const key = conductor.find((e) => e.type === 'keySignature') as { key: number; scale: number } | undefined;
  const text = conductor.find((e) => e.type === 'text') as { text: string } | undefined;
  return {
    name: utf8Text(tone.header.name),
    description: text ? utf8Text(text.text) : null,
    markers: tone.header.meta.filter((m) => m.type === 'marker').map((m) => ({ tick: m.ticks, text: utf8Text(m.text) })),
    keySignature: key ? { sharps: key.key, minor: key.scale === 1 } : null,
    tracks: tone.tracks.map((t, i) => {
      const events = metaOf(i + 1);
      const instrument = events.find((e) => e.type === 'instrumentName') as { text: string } | undefined;
      return {
        name: utf8Text(t.name),
        program: t.instrument.number,
        instrumentName: instrument ? utf8Text(instrument.text) : null,
        lyrics: events.filter((e) => e.type === 'lyrics').map((e) => ({ tick: e.tick, text: utf8Text((e as { text: string }).text) })),
        notes: t.notes.map((n) => ({
          pitch: n.midi,
          tick: n.ticks,
          durationTicks: n.durationTicks,
          velocity: Math.round(n.velocity * 127),
        })),
      };
    }),
    ppq: tone.header.ppq,
    bpm: tone.header.tempos[0]?.bpm ?? NaN,
    timeSignatures: tone.header.timeSignatures.map((t) => ({ tick: t.ticks, timeSignature: t.timeSignature })),
  };
}

/** The chord symbols of each bar of a chart text ("| F7 | Cm7 F7 |" -> [["F7"], ["Cm7", "F7"]]). */
export function chartBars(chart: string): string[][] {
  return chart
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .flatMap((l) => l.split('|').slice(1, -1))
    .map((bar) => bar.trim().split(/\s+/));
}
