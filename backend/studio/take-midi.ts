// A stored take as a Standard MIDI File (named as the take, on its instrument, in its key): the solo and the band parts the musician is hearing (comp
// and walking bass from models/music/accompaniment, the same notes playback schedules), at the
// take's tempo. Written straight (no swing baked in) so the DAW's own groove applies and the
// solo's notes land exactly on the take's grid.
import type { BandParts } from '../../models/music/accompaniment';
import { exportMidi } from '../../models/music/midi-export';
import { takeInstrument, type TakeRecord } from '../../api/takes';

export function takeMidiBytes(take: TakeRecord, band?: BandParts): Uint8Array {
  const s = take.settings;
  return exportMidi({
    solo: take.notes,
    chords: take.chords,
    bars: take.bars,
    tempo: s.tempo,
    band,
    instrument: takeInstrument(take),
    key: take.key,
    title: take.name,
    description: `LickLab solo over ${take.title} · model ${take.model} · temperature ${s.temperature.toFixed(2)}, seed ${s.seed}`,
  });
}

/** A file name from the take's name: letters, digits, dashes and spaces kept, `.mid` added. */
export function takeFileName(take: Pick<TakeRecord, 'name'>): string {
  const base = take.name
    .replace(/[^\p{L}\p{N} ._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${base || 'licklab-take'}.mid`;
}
