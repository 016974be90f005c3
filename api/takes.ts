// What a take is, for every side (trainer, main, renderer): pure types and constants, no Node.
import type { TakeMetrics } from '../models/lstm/metrics';
import type { Bar, ChordSpan, Note } from '../models/music/types';
import type { BandParts } from '../models/music/accompaniment';
import { DEFAULT_INSTRUMENT, type InstrumentId } from '../models/music/instruments';

export type { TakeMetrics, Bar, BandParts, ChordSpan, Note, InstrumentId };

/** The changes a take was generated over: a form of the library in a key, or a chart the user typed. */
export type ChangesSource = { kind: 'form'; form: string; key?: string } | { kind: 'chart'; chart: string };

/** A phrase to continue (models/music/phrase's Phrase): notes in ticks from its first bar line,
 *  its length in ticks (whole bars) and in bars. From a take, a selection on the roll, or MIDI input. */
export interface PrimerPhrase {
  notes: Note[];
  ticks: number;
  bars: number;
}

/** Continue a phrase: it opens the take unchanged at bar `atBar` (0-based, default 0) and the
 *  model answers from its end, to the end of the changes or for `answerBars` bars (a trade). */
export interface PrimerRequest {
  phrase: PrimerPhrase;
  atBar?: number;
  answerBars?: number;
}

/** Where a continued take's primer sits on its changes (ticks), and how many notes and bars it has. */
export interface TakePrimer {
  start: number;
  end: number;
  bars: number;
  notes: number;
}

/** What the generate panel sends (also what a take remembers, with the seed actually used). */
export interface GenerateRequest {
  source: ChangesSource;
  /** Total bars (the changes repeat); wins over `choruses`. */
  bars?: number;
  choruses?: number;
  temperature: number;
  topP?: number;
  /** Omitted = a fresh random seed (reported back in the take). */
  seed?: number;
  tempo: number;
  /** 0 straight .. 1 triplet swing (playback and export feel). */
  swing: number;
  /** The solo instrument (playback voice, MIDI program, range of the line); default piano. */
  instrument?: InstrumentId;
  /** 0 = dynamics by rule only, on the grid; up to 1 = seeded human variation of velocity and timing. */
  humanize?: number;
  /** Continue this phrase instead of starting from nothing. */
  primer?: PrimerRequest;
  /** The take's name (default: the changes and the temperature); a trade names its answers. */
  name?: string;
}
export type SweepRequest = Omit<GenerateRequest, 'temperature' | 'name'>;

export interface TakeSettings {
  source: ChangesSource;
  bars: number;
  temperature: number;
  topP: number;
  seed: number;
  tempo: number;
  swing: number;
  /** Absent in takes stored before it was a choice: those were heard on the piano (takeInstrument). */
  instrument?: InstrumentId;
  /** Absent in older takes (they were not humanized): 0. */
  humanize?: number;
}

/** The instrument a take plays with and is exported for (piano for takes stored before the choice). */
export function takeInstrument(t: { settings: Pick<TakeSettings, 'instrument'> }): InstrumentId {
  return t.settings.instrument ?? DEFAULT_INSTRUMENT;
}

export interface TakeRecord {
  formatVersion: 1;
  id: string;
  name: string;
  createdAt: string; // ISO time
  starred: boolean;
  settings: TakeSettings;
  /** Folder name of the model that played it. */
  model: string;
  /** Set on the five takes of one sweep. */
  sweepId?: string;
  /** The title of the changes (e.g. "12-bar blues in F"). */
  title: string;
  /** The key of the changes (a form's tonic and mode; absent for typed charts): the file's key signature. */
  key?: { tonic: string; mode: 'major' | 'minor' };
  /** The line as played: velocities shaped by phrase, accents and ghosts (models/music/dynamics). */
  notes: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  metrics: TakeMetrics;
  /** Set when the take continues a phrase: its first `primer.notes` notes are the phrase, unchanged. */
  primer?: TakePrimer;
}

export interface TakeList {
  takes: TakeRecord[];
  /** Files in the takes folder that could not be read, with why (they are left alone). */
  skipped: { file: string; reason: string }[];
}

/** A take as MIDI, with the band parts the musician hears (default: comp and bass). */
export interface TakeMidiRequest {
  id: string;
  band?: BandParts;
}

export interface TakeMidi {
  fileName: string;
  /** The Standard MIDI File, base64. */
  base64: string;
}

/** One seed at these temperatures, side by side. */
export const SWEEP_TEMPERATURES = [0.2, 0.5, 0.8, 1.2, 1.6] as const;

export const TAKE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{3,63}$/;
export const MAX_TAKE_NAME = 120;
/** The take changes the list offers: a name, a star, the instrument it plays on. */
export interface TakeUpdate {
  id: string;
  name?: string;
  starred?: boolean;
  instrument?: InstrumentId;
}
export const MAX_CHART_CHARS = 8000;
export const MAX_BARS = 256;
/** The most notes a primer phrase may carry (a dense 8-bar phrase has well under 200). */
export const MAX_PRIMER_NOTES = 2000;
