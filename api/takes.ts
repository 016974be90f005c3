// What a take is, for every side (trainer, main, renderer): pure types and constants, no Node.
import type { TakeMetrics } from '../models/lstm/metrics';
import type { Bar, ChordSpan, Note } from '../models/music/types';
import type { BandParts } from '../models/music/accompaniment';

export type { TakeMetrics, Bar, BandParts, ChordSpan, Note };

/** The changes a take was generated over: a form of the library in a key, or a chart the user typed. */
export type ChangesSource = { kind: 'form'; form: string; key?: string } | { kind: 'chart'; chart: string };

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
}
export type SweepRequest = Omit<GenerateRequest, 'temperature'>;

export interface TakeSettings {
  source: ChangesSource;
  bars: number;
  temperature: number;
  topP: number;
  seed: number;
  tempo: number;
  swing: number;
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
  notes: Note[];
  chords: ChordSpan[];
  bars: Bar[];
  metrics: TakeMetrics;
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
export const MAX_CHART_CHARS = 8000;
export const MAX_BARS = 256;
