// Which track holds the solo? Chosen by what the notes do, not by the track's name: a solo is one
// line (mostly one note at a time), it plays through most of the tune, in a melodic register, with
// the density of a line (not a pad's held notes). A 25-track band file once gave its solo to a
// French horn part named like a lead instrument that played 152 notes in the last third of the
// tune, over a guitar lead of 1,330 notes: the name is only a small tie-breaker now. Every track
// with notes is reported as a candidate (notes, coverage, polyphony) so the musician can pick
// another by index or (part of) its name.
import type { RawTrack } from './midi-read';
import { ImportError } from './midi-read';

export interface TrackStats {
  notes: number;
  polyphony: number; // share of notes starting while another note sounds (0 = monophonic)
  meanPitch: number;
}

/** One track with notes, as a candidate for the solo. */
export interface TrackCandidate {
  index: number;
  name: string;
  channel: number; // 1..16, as musicians count
  drums: boolean;
  notes: number;
  polyphony: number; // 0..1
  coverage: number; // 0..1 share of the file's music (2-second windows) in which this track sounds
  meanPitch: number;
  notesPerSecond: number; // while it plays (over the windows it covers)
}

/** Window of the coverage measure: about a bar at 120 bpm. */
const WINDOW_SECONDS = 2;

export function trackStats(t: RawTrack): TrackStats {
  let overlapping = 0;
  let sounding: number[] = []; // end ticks of notes still sounding
  let sum = 0;
  for (const n of t.notes) {
    sum += n.pitch;
    // a small tolerance: legato overlaps of a monophonic line are not polyphony
    const tol = Math.max(1, n.durTicks * 0.25);
    sounding = sounding.filter((end) => end > n.ticks + tol);
    if (sounding.length) overlapping++;
    sounding.push(n.ticks + n.durTicks);
  }
  const count = t.notes.length;
  return { notes: count, polyphony: count ? overlapping / count : 0, meanPitch: count ? sum / count : 0 };
}

/** Every track with notes, measured against the span of the whole file's music. */
export function trackCandidates(tracks: RawTrack[]): TrackCandidate[] {
  const withNotes = tracks.filter((t) => t.notes.length > 0);
  let first = Infinity;
  let last = -Infinity;
  for (const t of withNotes)
    for (const n of t.notes) {
      first = Math.min(first, n.seconds);
      last = Math.max(last, n.seconds + n.durSeconds);
    }
  const windows = Math.max(1, Math.ceil((last - first) / WINDOW_SECONDS));
  return withNotes.map((t) => {
    const s = trackStats(t);
    const covered = new Set<number>();
    for (const n of t.notes) {
      const a = Math.floor((n.seconds - first) / WINDOW_SECONDS);
      const b = Math.min(windows - 1, Math.floor((n.seconds + Math.max(0, n.durSeconds - 1e-6) - first) / WINDOW_SECONDS));
      for (let w = a; w <= b; w++) covered.add(w);
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      index: t.index,
      name: t.name,
      channel: t.channel + 1,
      drums: t.drums,
      notes: s.notes,
      polyphony: round(s.polyphony),
      coverage: round(Math.min(1, covered.size / windows)),
      meanPitch: Math.round(s.meanPitch * 10) / 10,
      notesPerSecond: round(s.notes / Math.max(WINDOW_SECONDS, covered.size * WINDOW_SECONDS)),
    };
  });
}

const SOLO_NAME = /solo|lead|melod|sax|trumpet|tpt|flute|voice|vocal|clarinet|trombone|vibe/i;
const BACKING_NAME = /bass|drum|chord|comp|pad|accomp|rhythm|string/i;

/** How much a candidate looks like a solo line (higher is better; -1 = never). */
export function soloScore(c: TrackCandidate): number {
  if (c.drums || c.notes === 0) return -1;
  const mono = 1 - c.polyphony;
  const register = c.meanPitch >= 55 && c.meanPitch <= 90 ? 1 : c.meanPitch >= 48 ? 0.7 : 0.35;
  const density = c.notesPerSecond >= 1 ? 1 : 0.5 + 0.5 * c.notesPerSecond; // a pad's held notes are no line
  const name = SOLO_NAME.test(c.name) ? 1.15 : BACKING_NAME.test(c.name) ? 0.8 : 1;
  return mono * mono * register * density * (0.2 + c.coverage) * Math.log(1 + c.notes) * name;
}

export interface SoloChoice {
  solo: RawTrack;
  candidates: TrackCandidate[]; // every track with notes, best solo first
  chosenBy: 'notes' | 'user';
}

/** Pick the solo track (or the user's choice). Throws ImportError with a specific reason. */
export function chooseSoloTrack(tracks: RawTrack[], override?: number | string): SoloChoice {
  const withNotes = tracks.filter((t) => t.notes.length > 0);
  if (withNotes.length === 0) throw new ImportError('no notes in any track');
  if (withNotes.every((t) => t.drums)) throw new ImportError('drums only (every note is on channel 10)');
  const candidates = trackCandidates(tracks)
    .map((c) => ({ c, score: soloScore(c) }))
    .sort((a, b) => b.score - a.score || a.c.index - b.c.index)
    .map((x) => x.c);
  if (override !== undefined && override !== '') {
    const list = tracks.map((t) => `${t.index}:${t.name || '(unnamed)'}`).join(', ');
    const byIndex = typeof override === 'number' || /^\d+$/.test(override) ? tracks.find((t) => t.index === Number(override)) : undefined;
    const chosen =
      byIndex ?? (typeof override === 'string' ? tracks.find((t) => t.name.toLowerCase().includes(override.toLowerCase())) : undefined);
    if (!chosen) throw new ImportError(`no track "${override}" (tracks: ${list})`);
    if (chosen.notes.length === 0) throw new ImportError(`track ${chosen.index} "${chosen.name}" has no notes`);
    if (chosen.drums) throw new ImportError(`track ${chosen.index} "${chosen.name}" is drums (channel 10)`);
    return { solo: chosen, candidates, chosenBy: 'user' };
  }
  const best = withNotes.find((t) => t.index === candidates[0].index)!;
  return { solo: best, candidates, chosenBy: 'notes' };
}

/** The solo track alone (see chooseSoloTrack). */
export function pickSoloTrack(tracks: RawTrack[], override?: number | string): RawTrack {
  return chooseSoloTrack(tracks, override).solo;
}

export function trackLabel(t: RawTrack): string {
  return `${t.index}${t.name ? ` "${t.name}"` : ''} (ch ${t.channel + 1})`;
}
