// The generate panel's settings and how they become a request for the trainer (pure, tested).
import { FORMS, formTitle } from '../../models/music/forms';
import { DEFAULT_INSTRUMENT, SOLO_INSTRUMENTS, type InstrumentId } from '../../models/music/instruments';
import { progressionFromChart, progressionFromForm } from '../../models/music/progression';
import type { Bar, ChordSpan, GenerateRequest, PrimerRequest, SweepRequest } from '../../api/takes';

export const FORM_CHOICES = FORMS.map((f) => ({ name: f.name, title: formTitle(f), defaultKey: f.defaultKey }));
export const INSTRUMENT_CHOICES = SOLO_INSTRUMENTS;

export interface PanelSettings {
  sourceKind: 'form' | 'chart';
  form: string;
  key: string;
  chart: string;
  lengthMode: 'choruses' | 'bars';
  choruses: number;
  bars: number;
  temperature: number;
  topP: number;
  seed: number;
  /** Locked: every generation uses `seed`; unlocked: a fresh seed each time (shown, so it can be locked). */
  seedLocked: boolean;
  tempo: number;
  swing: number;
  /** The solo instrument of new takes. */
  instrument: InstrumentId;
  /** 0 = on the grid with dynamics by rule; up to 1 = looser timing and touch (seeded by the take). */
  humanize: number;
}

export const DEFAULT_SETTINGS: PanelSettings = {
  sourceKind: 'form',
  form: 'blues',
  key: 'F',
  chart: '| Dm7 | G7 | Cmaj7 | A7 |\n| Dm7 | G7 | Cmaj7 | % |',
  lengthMode: 'choruses',
  choruses: 1,
  bars: 12,
  temperature: 0.8,
  topP: 0.95,
  seed: 1,
  seedLocked: false,
  tempo: 160,
  swing: 0.5,
  instrument: DEFAULT_INSTRUMENT,
  humanize: 0.3,
};

export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2_147_483_647);
}

/** The seed the next generation uses (re-rolled unless locked). */
export function nextSeed(s: PanelSettings, random?: () => number): number {
  return s.seedLocked ? s.seed : randomSeed(random);
}

/** The request for a sweep; with a primer, every take of it continues that phrase. */
export function sweepRequest(s: PanelSettings, seed: number, primer?: PrimerRequest | null): SweepRequest {
  const source = s.sourceKind === 'form' ? { kind: 'form' as const, form: s.form, key: s.key } : { kind: 'chart' as const, chart: s.chart };
  const length = s.lengthMode === 'bars' ? { bars: Math.round(s.bars) } : { choruses: Math.round(s.choruses) };
  const base = { source, ...length, topP: s.topP, seed, tempo: s.tempo, swing: s.swing, instrument: s.instrument, humanize: s.humanize };
  return primer ? { ...base, primer } : base;
}

export function generateRequest(s: PanelSettings, seed: number, primer?: PrimerRequest | null): GenerateRequest {
  return { ...sweepRequest(s, seed, primer), temperature: s.temperature };
}

/** A trade's answer: the call placed at `atBar` of the panel's changes (repeated as far as needed)
 *  and `bars` bars answered after it. */
export function answerRequest(
  s: PanelSettings,
  seed: number,
  phrase: PrimerRequest['phrase'],
  atBar: number,
  bars: number,
  round = 0,
): GenerateRequest {
  const { choruses: _c, bars: _b, ...rest } = generateRequest(s, seed);
  const from = atBar + phrase.bars + 1;
  const name = `Trade answer ${round + 1} · bars ${from}-${from + bars - 1}`;
  return { ...rest, bars: atBar + phrase.bars + bars, primer: { phrase, atBar, answerBars: bars }, name };
}

/** The changes the panel is set to, laid out as bars and chords: the empty roll shows them before
 *  the first take. Null while a typed chart cannot be read (the chart field says why). */
export function previewChanges(s: PanelSettings): { chords: ChordSpan[]; bars: Bar[] } | null {
  try {
    const length = s.lengthMode === 'bars' ? { bars: Math.round(s.bars) } : { choruses: Math.round(s.choruses) };
    const p = s.sourceKind === 'form' ? progressionFromForm(s.form, s.key, length) : progressionFromChart(s.chart, length);
    return { chords: p.chords, bars: p.bars };
  } catch {
    return null;
  }
}

/** One chorus of the panel's changes (a trade walks through it and wraps round; the band plays
 *  it); null while a typed chart cannot be read. */
export function chorusChanges(s: PanelSettings): { chords: ChordSpan[]; bars: Bar[] } | null {
  try {
    const one = { choruses: 1 };
    const p = s.sourceKind === 'form' ? progressionFromForm(s.form, s.key, one) : progressionFromChart(s.chart, one);
    return { chords: p.chords, bars: p.bars };
  } catch {
    return null;
  }
}

export const chorusBars = (s: PanelSettings): Bar[] | null => chorusChanges(s)?.bars ?? null;
