// Standard MIDI File bytes -> events per track, in one linear pass where every length is checked
// against the bytes that remain. Written because the general-purpose parser we used trusts what a
// file declares: a negative or huge chunk/meta length made it loop forever or allocate gigabytes,
// and its note pairing was quadratic (a 150k-note file took a minute). Counts are capped by
// IMPORT_LIMITS while reading, so a hostile file is refused before it costs memory.
import { checkLimit, IMPORT_LIMITS, ImportError } from './import-limits';

export type SmfEvent =
  | { tick: number; kind: 'on' | 'off'; channel: number; pitch: number; velocity: number }
  | { tick: number; kind: 'program'; channel: number; program: number }
  | { tick: number; kind: 'channel'; channel: number } // controllers, bends, aftertouch, channel prefix
  | { tick: number; kind: 'tempo'; usPerBeat: number }
  | { tick: number; kind: 'meter'; num: number; den: number }
  | { tick: number; kind: 'name'; text: string }
  | { tick: number; kind: 'meta' }; // any other meta or sysex event

export interface SmfLayout {
  format: number;
  division: number; // ticks per quarter note
  chunks: { start: number; end: number }[]; // byte ranges of the track data, in file order
  warnings: string[];
}

export interface SmfFile {
  format: number;
  division: number;
  tracks: SmfEvent[][];
  warnings: string[];
}

const ascii = (b: Uint8Array, from: number, n: number) => String.fromCharCode(...b.subarray(from, from + n));
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Meta text as written: UTF-8 (what LickLab and most current tools write), else Latin-1 (older files). */
function metaText(b: Uint8Array, from: number, n: number): string {
  try {
    return utf8.decode(b.subarray(from, from + n));
  } catch {
    return ascii(b, from, n);
  }
}
const u32 = (b: Uint8Array, at: number) => b[at] * 0x1000000 + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const MAX_NAME_CHARS = 256;

/** The structural pre-check: header fields and every chunk's declared length, before any event is read. */
export function checkSmfStructure(bytes: Uint8Array): SmfLayout {
  checkLimit('file too large (bytes)', bytes.length, IMPORT_LIMITS.fileBytes);
  if (bytes.length < 14 || ascii(bytes, 0, 4) !== 'MThd') {
    const head = ascii(bytes, 0, Math.min(16, bytes.length)).replace(/[^\x20-\x7e]/g, '.');
    const looksHtml = /<!doctype|<html|<head/i.test(ascii(bytes, 0, Math.min(512, bytes.length)));
    throw new ImportError(`not a MIDI file (no MThd header; starts with "${head}"${looksHtml ? ', looks like an HTML page' : ''})`);
  }
  const headerLen = u32(bytes, 4);
  const format = (bytes[8] << 8) | bytes[9];
  const declared = (bytes[10] << 8) | bytes[11];
  const division = (bytes[12] << 8) | bytes[13];
  if (headerLen < 6) throw new ImportError(`bad MIDI header: its chunk declares ${headerLen} bytes (at least 6)`);
  if (format > 2) throw new ImportError(`unsupported MIDI format ${format}`);
  if (division & 0x8000) throw new ImportError('SMPTE time division is not supported (only ticks per quarter note)');
  if (division === 0) throw new ImportError('bad MIDI header: 0 ticks per quarter note');
  if (declared === 0) throw new ImportError('bad MIDI header: it declares 0 tracks');
  checkLimit('too many tracks declared', declared, IMPORT_LIMITS.tracks);
  const warnings: string[] = [];
  const chunks: SmfLayout['chunks'] = [];
  const alien: string[] = [];
  let pos = 8 + headerLen;
  if (pos > bytes.length)
    throw new ImportError(`truncated MIDI file: the header chunk declares ${headerLen} bytes, the file has ${bytes.length}`);
  while (chunks.length < declared) {
    if (pos + 8 > bytes.length) {
      const more = alien.length ? ` (other chunks found: ${alien.slice(0, 3).join(', ')})` : '';
      throw new ImportError(`truncated MIDI file: header promises ${declared} tracks, the file ends after ${chunks.length}${more}`);
    }
    const id = ascii(bytes, pos, 4);
    const len = u32(bytes, pos + 4);
    if (pos + 8 + len > bytes.length) {
      const what = id === 'MTrk' ? `track ${chunks.length + 1}` : `chunk "${id.replace(/[^\x20-\x7e]/g, '.')}"`;
      throw new ImportError(`truncated MIDI file: ${what} declares ${len} bytes but only ${bytes.length - pos - 8} remain`);
    }
    if (id === 'MTrk') chunks.push({ start: pos + 8, end: pos + 8 + len });
    else alien.push(`"${id.replace(/[^\x20-\x7e]/g, '.')}"`);
    pos += 8 + len;
  }
  if (alien.length) warnings.push(`skipped ${alien.length} chunk(s) that are not tracks (${alien.slice(0, 3).join(', ')})`);
  return { format, division, chunks, warnings };
}

interface Counts {
  events: number;
  notes: number;
  tempos: number;
  meters: number;
}

/** Reads one track chunk. A track cut inside an event keeps the events before it (with a warning). */
function readTrack(bytes: Uint8Array, start: number, end: number, n: number, counts: Counts, warnings: string[]): SmfEvent[] {
  const events: SmfEvent[] = [];
  let pos = start;
  let tick = 0;
  let status = -1;
  let eventStart = start;
  const where = () => `track ${n}, byte ${pos}`;
  const cut = () => {
    warnings.push(`track ${n} is cut inside the event at byte ${eventStart}: the rest of the track is ignored`);
    return events;
  };
  /** A variable-length quantity: at most 4 bytes (0x0FFFFFFF), or -1 when the track ends inside it. */
  const vlq = (): number => {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      if (pos >= end) return -1;
      const b = bytes[pos++];
      value = value * 128 + (b & 0x7f);
      if (!(b & 0x80)) return value;
    }
    throw new ImportError(`corrupt MIDI data: ${where()}: a variable-length number longer than 4 bytes`);
  };
  while (pos < end) {
    eventStart = pos;
    const delta = vlq();
    if (delta < 0 || pos >= end) return cut();
    tick += delta;
    if (++counts.events > IMPORT_LIMITS.events) checkLimit('too many MIDI events', counts.events, IMPORT_LIMITS.events);
    let type = bytes[pos];
    if (type === 0xff || type === 0xf0 || type === 0xf7) {
      pos++;
      if (type === 0xff && pos >= end) return cut();
      const meta = type === 0xff ? bytes[pos++] : -1;
      const len = vlq();
      if (len < 0) return cut();
      if (pos + len > end) {
        const what = type === 0xff ? `meta event 0x${meta.toString(16).padStart(2, '0')}` : 'sysex event';
        throw new ImportError(`corrupt MIDI data: ${where()}: a ${what} declares ${len} bytes but only ${end - pos} remain in the track`);
      }
      const at = pos;
      pos += len;
      if (meta === 0x51) {
        if (len !== 3)
          throw new ImportError(`corrupt MIDI data: track ${n}, byte ${at}: a tempo event has 3 bytes, this one declares ${len}`);
        checkLimit('too many tempo events', ++counts.tempos, IMPORT_LIMITS.tempoEvents);
        events.push({ tick, kind: 'tempo', usPerBeat: (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2] });
      } else if (meta === 0x58) {
        if (len !== 4 && len !== 2)
          throw new ImportError(`corrupt MIDI data: track ${n}, byte ${at}: a time signature has 4 bytes, this one declares ${len}`);
        checkLimit('too many time signature events', ++counts.meters, IMPORT_LIMITS.meterEvents);
        events.push({ tick, kind: 'meter', num: bytes[at], den: 1 << bytes[at + 1] });
      } else if (meta === 0x03) events.push({ tick, kind: 'name', text: metaText(bytes, at, Math.min(len, MAX_NAME_CHARS)) });
      else if (meta === 0x20 && len === 1) events.push({ tick, kind: 'channel', channel: bytes[at] & 0x0f });
      else events.push({ tick, kind: 'meta' });
      continue;
    }
    if (type >= 0xf0) throw new ImportError(`corrupt MIDI data: ${where()}: unknown event byte 0x${type.toString(16)}`);
    if (type & 0x80) {
      status = type;
      pos++;
    } else if (status < 0) throw new ImportError(`corrupt MIDI data: ${where()}: running status before any status byte`);
    else type = status;
    const kind = type >> 4;
    const channel = type & 0x0f;
    const size = kind === 0xc || kind === 0xd ? 1 : 2;
    if (pos + size > end) return cut();
    const a = bytes[pos] & 0x7f;
    const b = size === 2 ? bytes[pos + 1] & 0x7f : 0;
    pos += size;
    if (kind === 0x9 && b > 0) {
      checkLimit('too many notes', ++counts.notes, IMPORT_LIMITS.notes);
      events.push({ tick, kind: 'on', channel, pitch: a, velocity: b });
    } else if (kind === 0x8 || kind === 0x9) events.push({ tick, kind: 'off', channel, pitch: a, velocity: b });
    else if (kind === 0xc) events.push({ tick, kind: 'program', channel, program: a });
    else events.push({ tick, kind: 'channel', channel });
  }
  return events;
}

/** Every track's events, after the structural pre-check. Throws ImportError with the reason. */
export function readSmf(bytes: Uint8Array): SmfFile {
  const layout = checkSmfStructure(bytes);
  const warnings = [...layout.warnings];
  const counts: Counts = { events: 0, notes: 0, tempos: 0, meters: 0 };
  const tracks = layout.chunks.map((c, i) => readTrack(bytes, c.start, c.end, i + 1, counts, warnings));
  return { format: layout.format, division: layout.division, tracks, warnings };
}
