// Standard MIDI File bytes -> tracks of notes, tempo map and meters, through @tonejs/midi, with
// our own checks first so bad input gets a specific reason (parsers throw bare strings or read
// past the end of a truncated file).
import ToneMidi from '@tonejs/midi';
import type { Midi as MidiType } from '@tonejs/midi';

const { Midi } = ToneMidi as unknown as { Midi: typeof MidiType };

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface RawNote {
  pitch: number;
  ticks: number; // file ticks (PPQ)
  durTicks: number;
  seconds: number; // from the file's tempo map
  durSeconds: number;
  velocity: number; // 1..127
}

export interface RawTrack {
  index: number; // position in `tracks` (after splitting by channel/program)
  name: string;
  channel: number; // 0..15
  drums: boolean;
  notes: RawNote[];
}

export interface MidiData {
  format: number;
  ppq: number;
  tempos: { ticks: number; bpm: number }[];
  meters: { ticks: number; num: number; den: number }[];
  tracks: RawTrack[];
  endTicks: number;
  warnings: string[];
}

const ascii = (b: Uint8Array, from: number, n: number) => String.fromCharCode(...b.subarray(from, from + n));

/** Walk the chunk structure ourselves: catches non-MIDI and truncated files with a precise reason. */
function checkChunks(bytes: Uint8Array): { format: number; tracks: number; division: number } {
  if (bytes.length < 14 || ascii(bytes, 0, 4) !== 'MThd') {
    const head = ascii(bytes, 0, Math.min(16, bytes.length)).replace(/[^\x20-\x7e]/g, '.');
    const looksHtml = /<!doctype|<html|<head/i.test(ascii(bytes, 0, Math.min(512, bytes.length)));
    throw new ImportError(`not a MIDI file (no MThd header; starts with "${head}"${looksHtml ? ', looks like an HTML page' : ''})`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = dv.getUint32(4);
  const format = dv.getUint16(8);
  const tracks = dv.getUint16(10);
  const division = dv.getUint16(12);
  if (format > 2) throw new ImportError(`unsupported MIDI format ${format}`);
  if (division & 0x8000) throw new ImportError('SMPTE time division is not supported (only ticks per quarter note)');
  if (division === 0) throw new ImportError('bad MIDI header: 0 ticks per quarter note');
  let pos = 8 + headerLen;
  for (let t = 0; t < tracks; t++) {
    if (pos + 8 > bytes.length) throw new ImportError(`truncated MIDI file: header promises ${tracks} tracks, the file ends after ${t}`);
    const len = dv.getUint32(pos + 4);
    if (pos + 8 + len > bytes.length) {
      throw new ImportError(`truncated MIDI file: track ${t + 1} declares ${len} bytes but only ${bytes.length - pos - 8} remain`);
    }
    pos += 8 + len;
  }
  return { format, tracks, division };
}

export function readMidi(bytes: Uint8Array): MidiData {
  const head = checkChunks(bytes);
  let midi: MidiType;
  try {
    midi = new Midi(bytes);
  } catch (err) {
    // midi-file throws bare strings on some corrupt input
    throw new ImportError(`corrupt MIDI data: ${err instanceof Error ? err.message : String(err)}`);
  }
  const warnings: string[] = [];
  const ppq = midi.header.ppq || head.division;
  let tempos = midi.header.tempos.map((t) => ({ ticks: t.ticks, bpm: t.bpm }));
  const absurd = tempos.filter((t) => !Number.isFinite(t.bpm) || t.bpm < 10 || t.bpm > 1000);
  if (tempos.length > 0 && absurd.length === tempos.length) {
    throw new ImportError(`absurd tempo: ${absurd.map((t) => `${+t.bpm.toFixed(3)} bpm`).join(', ')} (expected 10..1000 bpm)`);
  }
  if (absurd.length) {
    warnings.push(`ignored ${absurd.length} absurd tempo event(s) (${+absurd[0].bpm.toFixed(3)} bpm)`);
    tempos = tempos.filter((t) => !absurd.includes(t));
  }
  if (tempos.length === 0) {
    warnings.push('no tempo event: assuming 120 bpm');
    tempos = [{ ticks: 0, bpm: 120 }];
  }
  const meters = midi.header.timeSignatures
    .map((ts) => ({ ticks: ts.ticks, num: ts.timeSignature[0], den: ts.timeSignature[1] }))
    .filter((m) => {
      const good = m.num >= 1 && m.num <= 32 && [1, 2, 4, 8, 16, 32].includes(m.den);
      if (!good) warnings.push(`ignored bad time signature ${m.num}/${m.den}`);
      return good;
    });
  let endTicks = 0;
  const tracks: RawTrack[] = midi.tracks.map((tr, index) => {
    const notes: RawNote[] = [];
    for (const n of tr.notes) {
      if (n.durationTicks < 0) continue;
      notes.push({
        pitch: n.midi,
        ticks: n.ticks,
        durTicks: n.durationTicks,
        seconds: n.time,
        durSeconds: n.duration,
        velocity: Math.max(1, Math.round(n.velocity * 127)),
      });
      endTicks = Math.max(endTicks, n.ticks + n.durationTicks);
    }
    notes.sort((a, b) => a.ticks - b.ticks || b.pitch - a.pitch);
    return { index, name: tr.name.replace(/[\x00-\x1f]/g, "").trim(), channel: tr.channel, drums: tr.instrument.percussion || tr.channel === 9, notes };
  });
  return { format: head.format, ppq, tempos, meters, tracks, endTicks, warnings };
}
