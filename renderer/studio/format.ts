// How take numbers read in the UI.
import { takeInstrument, type TakeRecord } from '../../api/takes';
import { getInstrument } from '../../models/music/instruments';

/** The one name of the chord-tone metric (CLI, studio chips, takes list, hover text). */
export const CHORD_TONES = 'chord tones on strong beats';

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : `${Math.round(x * 100)}%`);
export const bits = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(2));
export const copied = (t: TakeRecord): string => (t.metrics.longestCopiedRun === null ? 'n/a' : `${t.metrics.longestCopiedRun}`);

export function settingsLine(t: TakeRecord): string {
  const humanize = t.settings.humanize ? ` · humanize ${Math.round(t.settings.humanize * 100)}%` : '';
  return `T ${t.settings.temperature.toFixed(2)} · top-p ${t.settings.topP.toFixed(2)} · seed ${t.settings.seed} · ${t.settings.bars} bars · ${Math.round(t.settings.tempo)} bpm${humanize}`;
}

/** Hover text explaining the metrics of a take. */
export function metricsTitle(t: TakeRecord): string {
  const m = t.metrics;
  const lines = [
    `${CHORD_TONES[0].toUpperCase()}${CHORD_TONES.slice(1)}: ${pct(m.chordToneRatio)} (of ${m.strongBeatNotes} notes on strong beats)`,
    `Chord-scale tones: ${pct(m.scaleToneRatio)}`,
    `Pitch-class entropy: ${bits(m.pitchEntropy)} bits (0 = one pitch, 3.58 = all twelve equally)`,
    `Longest run copied from training: ${copied(t)} notes`,
  ];
  if (m.unavailable?.length) lines.push(`Not available: ${m.unavailable.join('; ')}`);
  return lines.join('\n');
}

/** The settings of a take in the list (the tempo lives in the transport). */
export function shortSettings(t: TakeRecord): string {
  return `${getInstrument(takeInstrument(t)).label} · T ${t.settings.temperature.toFixed(2)} · top-p ${t.settings.topP.toFixed(2)} · seed ${t.settings.seed} · ${t.settings.bars} bars`;
}
