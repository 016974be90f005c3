// Which track holds the solo? The lead line is mostly one note at a time, in a melodic register,
// with enough notes; names like "solo"/"lead"/"melody" help, "bass"/"drums"/"chords" hurt.
// The user can override by track index or (part of) its name.
import type { RawTrack } from './midi-read';
import { ImportError } from './midi-read';

export interface TrackStats {
  notes: number;
  polyphony: number; // share of notes starting while another note sounds (0 = monophonic)
  meanPitch: number;
}

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

export function soloScore(t: RawTrack): number {
  const s = trackStats(t);
  if (t.drums || s.notes === 0) return -1;
  const mono = 1 - s.polyphony;
  const register = s.meanPitch >= 55 && s.meanPitch <= 90 ? 1 : s.meanPitch >= 48 ? 0.7 : 0.35;
  let name = 1;
  if (/solo|lead|melod|sax|trumpet|tpt|horn|flute|voice|vocal|clarinet|trombone|vibe/i.test(t.name)) name = 1.5;
  else if (/bass|drum|chord|comp|pad|accomp|rhythm|guitar|piano|string/i.test(t.name)) name = 0.7;
  return mono * mono * register * name * Math.log(1 + s.notes);
}

/** Pick the solo track (or the user's choice). Throws ImportError with a specific reason. */
export function pickSoloTrack(tracks: RawTrack[], override?: number | string): RawTrack {
  const withNotes = tracks.filter((t) => t.notes.length > 0);
  if (withNotes.length === 0) throw new ImportError('no notes in any track');
  if (withNotes.every((t) => t.drums)) throw new ImportError('drums only (every note is on channel 10)');
  if (override !== undefined && override !== '') {
    const list = tracks.map((t) => `${t.index}:${t.name || '(unnamed)'}`).join(', ');
    const byIndex = typeof override === 'number' || /^\d+$/.test(override) ? tracks.find((t) => t.index === Number(override)) : undefined;
    const chosen =
      byIndex ?? (typeof override === 'string' ? tracks.find((t) => t.name.toLowerCase().includes(override.toLowerCase())) : undefined);
    if (!chosen) throw new ImportError(`no track "${override}" (tracks: ${list})`);
    if (chosen.notes.length === 0) throw new ImportError(`track ${chosen.index} "${chosen.name}" has no notes`);
    if (chosen.drums) throw new ImportError(`track ${chosen.index} "${chosen.name}" is drums (channel 10)`);
    return chosen;
  }
  let best = withNotes[0];
  let bestScore = -Infinity;
  for (const t of withNotes) {
    const s = soloScore(t);
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

export function trackLabel(t: RawTrack): string {
  return `${t.index}${t.name ? ` "${t.name}"` : ''} (ch ${t.channel + 1})`;
}
