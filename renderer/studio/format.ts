// How take numbers read in the UI.
import type { TakeRecord } from '../../api/takes';

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : `${Math.round(x * 100)}%`);
export const bits = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(2));
export const copied = (t: TakeRecord): string => (t.metrics.longestCopiedRun === null ? 'n/a' : `${t.metrics.longestCopiedRun}`);

export function settingsLine(t: TakeRecord): string {
  return `T ${t.settings.temperature.toFixed(2)} · top-p ${t.settings.topP.toFixed(2)} · seed ${t.settings.seed} · ${t.settings.bars} bars · ${Math.round(t.settings.tempo)} bpm`;
}

/** Hover text explaining the metrics of a take. */
export function metricsTitle(t: TakeRecord): string {
  const m = t.metrics;
  const lines = [
    `Chord tones on strong beats: ${pct(m.chordToneRatio)} (of ${m.strongBeatNotes} notes)`,
    `Chord-scale tones: ${pct(m.scaleToneRatio)}`,
    `Pitch-class entropy: ${bits(m.pitchEntropy)} bits (0 = one pitch, 3.58 = all twelve equally)`,
    `Longest run copied from training: ${copied(t)} notes`,
  ];
  if (m.unavailable?.length) lines.push(`Not available: ${m.unavailable.join('; ')}`);
  return lines.join('\n');
}

/** The settings of a take in the list (the tempo lives in the transport). */
export function shortSettings(t: TakeRecord): string {
  return `T ${t.settings.temperature.toFixed(2)} · p ${t.settings.topP.toFixed(2)} · seed ${t.settings.seed} · ${t.settings.bars} bars`;
}
