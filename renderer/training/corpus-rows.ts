// What the corpus panel says about one file, in words: a short status for its row (never a bare
// "ok ⚠"), each flag with its label and sentence, each warning with what it means (the importer's
// own explanations, models/music/import-flags.ts), and the parts of a band file to pick from.
import type { CorpusFileRow } from '../../api/channels/training';
import { explainWarning, FLAG_LABELS } from '../../models/music/import-flags';
import type { TrackCandidate } from '../../models/music/solo-track';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The row's status in a few words: left out, skipped, or ok with its flags and warning count. */
export function statusText(f: CorpusFileRow): string {
  if (f.status !== 'ok') return 'skipped';
  const parts = [f.leftOut ? 'left out' : 'ok'];
  for (const flag of f.flags ?? []) parts.push(FLAG_LABELS[flag.kind]);
  if (f.warnings?.length) parts.push(plural(f.warnings.length, 'warning'));
  return parts.join(' · ');
}

/** True when the row has something to explain or choose (its details are worth opening). */
export function hasDetails(f: CorpusFileRow): boolean {
  return f.status === 'ok' && !!(f.flags?.length || f.warnings?.length || (f.candidates?.length ?? 0) > 1 || f.leftOut);
}

export interface FlagLine {
  kind: string;
  label: string;
  text: string;
}
export function flagLines(f: CorpusFileRow): FlagLine[] {
  return (f.flags ?? []).map((flag) => ({ kind: flag.kind, label: FLAG_LABELS[flag.kind], text: flag.text }));
}

export interface WarningLine {
  warning: string;
  meaning: string;
}
export function warningLines(f: CorpusFileRow): WarningLine[] {
  return (f.warnings ?? []).map((w) => ({ warning: w, meaning: explainWarning(w) }));
}

/** One part of a band file as the track pick lists it. */
export function candidateText(c: TrackCandidate): string {
  const name = c.name || '(unnamed)';
  if (c.drums) return `${c.index} · ${name}: drums, ${c.notes} notes (cannot be the solo)`;
  return `${c.index} · ${name}: ${c.notes} notes, plays in ${pct(c.coverage)} of the tune, ${pct(c.polyphony)} in chords`;
}

/** The parts a musician may take as the solo (every part with notes but drums), best first. */
export function pickableParts(f: CorpusFileRow): TrackCandidate[] {
  return (f.candidates ?? []).filter((c) => !c.drums);
}

/** How the solo part was chosen, in words. */
export function chosenText(f: CorpusFileRow): string {
  const part = f.track ? `track ${f.track}` : 'the only part';
  return f.trackChosenBy === 'user' ? `${part}, as you picked it` : `${part}, chosen by what its notes do`;
}

/** What the file lost on import, when its counts are known: "418 of 429 notes kept". */
export function keptText(f: CorpusFileRow): string | null {
  if (f.sourceNotes === undefined || f.droppedNotes === undefined) return null;
  return `${f.sourceNotes - f.droppedNotes} of ${f.sourceNotes} notes kept`;
}
