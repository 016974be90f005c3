// A small Standard MIDI File writer for exported takes. Why not @tonejs/midi's writer: it hands
// every text to midi-file, whose writeString pushes each UTF-16 code unit as one byte, so a take
// named "F blues — keeper" got byte 0x14 for the em dash and a length that counts characters, not
// bytes; and it cannot put text or lyric events on any track but the first. Here every text is
// written as UTF-8 with its byte length, and any track can carry markers, lyrics and text.
// Type 1, running status off, note-offs before note-ons at the same tick (a repeated pitch is
// never cut), deterministic: equal input gives byte-identical output.

export type SmfEvent =
  | { tick: number; kind: 'text' | 'trackName' | 'instrumentName' | 'lyric' | 'marker'; text: string }
  | { tick: number; kind: 'tempo'; bpm: number }
  | { tick: number; kind: 'timeSignature'; numerator: number; denominator: number }
  | { tick: number; kind: 'keySignature'; sharps: number; minor: boolean }
  | { tick: number; kind: 'program'; channel: number; program: number }
  | { tick: number; kind: 'note'; channel: number; pitch: number; velocity: number; dur: number };

const META_TYPE = { text: 0x01, trackName: 0x03, instrumentName: 0x04, lyric: 0x05, marker: 0x06 } as const;
const utf8 = new TextEncoder();

function vlq(value: number, out: number[]): void {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff)
    throw new RangeError(`MIDI delta time ${value} is not a whole number 0..268435455`);
  const bytes = [value & 0x7f];
  for (let v = value >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
  out.push(...bytes);
}

function meta(type: number, data: ArrayLike<number>, out: number[]): void {
  out.push(0xff, type);
  vlq(data.length, out);
  for (let i = 0; i < data.length; i++) out.push(data[i]);
}

function checkByte(what: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${what} must be a whole number 0..${max}, got ${v}`);
  return v;
}

/** A raw event at an absolute tick; `order` breaks ties: meta, program, note-off, note-on. */
interface Raw {
  tick: number;
  order: number;
  bytes: number[];
}

function rawEvents(e: SmfEvent): Raw[] {
  const bytes: number[] = [];
  switch (e.kind) {
    case 'text':
    case 'trackName':
    case 'instrumentName':
    case 'lyric':
    case 'marker':
      meta(META_TYPE[e.kind], utf8.encode(e.text), bytes);
      return [{ tick: e.tick, order: 0, bytes }];
    case 'tempo': {
      if (!(e.bpm > 0)) throw new RangeError(`tempo must be above 0 bpm, got ${e.bpm}`);
      const us = Math.round(60_000_000 / e.bpm);
      meta(0x51, [(us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff], bytes);
      return [{ tick: e.tick, order: 0, bytes }];
    }
    case 'timeSignature': {
      const power = Math.log2(e.denominator);
      if (!Number.isInteger(power)) throw new RangeError(`a time signature's denominator must be a power of 2, got ${e.denominator}`);
      meta(0x58, [checkByte('a time signature numerator', e.numerator, 255), power, 24, 8], bytes);
      return [{ tick: e.tick, order: 0, bytes }];
    }
    case 'keySignature':
      if (!Number.isInteger(e.sharps) || e.sharps < -7 || e.sharps > 7)
        throw new RangeError(`a key signature has -7..7 sharps, got ${e.sharps}`);
      meta(0x59, [e.sharps & 0xff, e.minor ? 1 : 0], bytes);
      return [{ tick: e.tick, order: 0, bytes }];
    case 'program':
      return [
        { tick: e.tick, order: 1, bytes: [0xc0 | checkByte('a MIDI channel', e.channel, 15), checkByte('a GM program', e.program, 127)] },
      ];
    case 'note': {
      const status = checkByte('a MIDI channel', e.channel, 15);
      checkByte('a MIDI pitch', e.pitch, 127);
      if (!(e.dur > 0)) throw new RangeError(`a note at tick ${e.tick} has no positive length`);
      const velocity = Math.min(127, Math.max(1, Math.round(e.velocity)));
      return [
        { tick: e.tick, order: 3, bytes: [0x90 | status, e.pitch, velocity] },
        { tick: e.tick + e.dur, order: 2, bytes: [0x80 | status, e.pitch, 64] },
      ];
    }
  }
}

function trackChunk(events: readonly SmfEvent[]): number[] {
  const raws = events.flatMap(rawEvents).map((r, i) => ({ ...r, i }));
  for (const r of raws)
    if (!Number.isInteger(r.tick) || r.tick < 0) throw new RangeError(`MIDI event at tick ${r.tick}: ticks must be whole numbers >= 0`);
  raws.sort((a, b) => a.tick - b.tick || a.order - b.order || a.i - b.i);
  const body: number[] = [];
  let last = 0;
  for (const r of raws) {
    vlq(r.tick - last, body);
    body.push(...r.bytes);
    last = r.tick;
  }
  vlq(0, body);
  meta(0x2f, [], body); // end of track
  return [
    0x4d,
    0x54,
    0x72,
    0x6b,
    (body.length >>> 24) & 0xff,
    (body.length >>> 16) & 0xff,
    (body.length >>> 8) & 0xff,
    body.length & 0xff,
    ...body,
  ];
}

/** SMF type 1 bytes: one chunk per track (the first is the conductor track by convention). */
export function writeSmf(tracks: readonly (readonly SmfEvent[])[], ppq: number): Uint8Array {
  if (!Number.isInteger(ppq) || ppq < 1 || ppq > 0x7fff) throw new RangeError(`ticks per quarter note must be 1..32767, got ${ppq}`);
  if (tracks.length < 1 || tracks.length > 0xffff) throw new RangeError(`a MIDI file holds 1..65535 tracks, got ${tracks.length}`);
  const out: number[] = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, tracks.length >> 8, tracks.length & 0xff, ppq >> 8, ppq & 0xff];
  const chunks = tracks.map(trackChunk);
  const bytes = new Uint8Array(out.length + chunks.reduce((s, c) => s + c.length, 0));
  bytes.set(out, 0);
  let at = out.length;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
