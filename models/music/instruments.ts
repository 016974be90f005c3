// The solo instruments a musician can choose, in one table: what the studio plays the solo with,
// the General MIDI program the exported file asks the DAW for, and the range the line is written
// in (generation keeps to it). Sound = file: playback and export both read this table.
import { pitchName } from './pitch-names';

export type InstrumentId = 'piano' | 'tenor' | 'alto' | 'trumpet' | 'vibes' | 'guitar';

export interface SoloInstrument {
  id: InstrumentId;
  /** What the musician reads in menus. */
  label: string;
  /** General MIDI program 0..127 (0 = Acoustic Grand Piano) written to the solo track. */
  program: number;
  /** The GM name of that program, written beside it so a DAW shows what the file asks for. */
  gmName: string;
  /** Sounding range (MIDI, inclusive) the solo is generated in. */
  range: { low: number; high: number };
  /** True where the studio plays real recorded samples; false = a synthesized stand-in voice. */
  sampled: boolean;
}

export const SOLO_INSTRUMENTS: readonly SoloInstrument[] = [
  { id: 'piano', label: 'Piano', program: 0, gmName: 'Acoustic Grand Piano', range: { low: 48, high: 84 }, sampled: true },
  { id: 'tenor', label: 'Tenor sax', program: 66, gmName: 'Tenor Sax', range: { low: 44, high: 75 }, sampled: false },
  { id: 'alto', label: 'Alto sax', program: 65, gmName: 'Alto Sax', range: { low: 49, high: 80 }, sampled: false },
  { id: 'trumpet', label: 'Trumpet', program: 56, gmName: 'Trumpet', range: { low: 54, high: 82 }, sampled: false },
  { id: 'vibes', label: 'Vibraphone', program: 11, gmName: 'Vibraphone', range: { low: 53, high: 89 }, sampled: false },
  { id: 'guitar', label: 'Jazz guitar', program: 26, gmName: 'Electric Guitar (jazz)', range: { low: 45, high: 81 }, sampled: false },
];

export const INSTRUMENT_IDS: readonly InstrumentId[] = SOLO_INSTRUMENTS.map((i) => i.id);

/** Takes stored before the instrument was a choice were heard on the studio's piano: they stay piano. */
export const DEFAULT_INSTRUMENT: InstrumentId = 'piano';

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(value);
}

/** The instrument of that id; a clear error names the choices. */
export function getInstrument(id: string): SoloInstrument {
  const found = SOLO_INSTRUMENTS.find((i) => i.id === id);
  if (!found) throw new RangeError(`unknown instrument "${id}" (choose one of ${INSTRUMENT_IDS.join(', ')})`);
  return found;
}

/** "Ab2–Eb5": the range as a musician reads it. */
export function rangeText(i: SoloInstrument): string {
  return `${pitchName(i.range.low)}–${pitchName(i.range.high)}`;
}
