// Note roles relative to the chord sounding at each note's onset: chord tone, tension (9/11/13),
// approach (a half step from the next note, which is a chord tone), otherwise outside.
// The one home of note roles: the piano roll colours notes by them.
import { chordSpanAt, type ChordSpan, type Note } from './types';

/** How a note relates to the chord sounding at its onset. `nochord` = over N.C. or no chords. */
export type NoteRole = 'chord' | 'tension' | 'approach' | 'outside' | 'nochord';

const NATURAL_TENSIONS = [2, 5, 9]; // 9, 11, 13
const ALTERED_TENSIONS = [1, 3, 6, 8]; // b9, #9, #11, b13 (dominant chords)

function hasInterval(chord: ChordSpan, semis: number): boolean {
  return (chord.mask & (1 << ((chord.root + semis) % 12))) !== 0;
}

/** Interval classes (0..11 above the root) that count as tensions on this chord. */
export function tensionIntervals(chord: ChordSpan): number[] {
  const out = [...NATURAL_TENSIONS];
  const major3 = hasInterval(chord, 4);
  if (major3 && hasInterval(chord, 10)) out.push(...ALTERED_TENSIONS);
  else if (major3) out.push(6); // lydian #11 on major chords
  return out;
}

export function isChordTone(pitch: number, chord: ChordSpan | null): boolean {
  if (!chord || chord.root < 0) return false;
  return (chord.mask & (1 << (((pitch % 12) + 12) % 12))) !== 0;
}

/** Role of one note ignoring context (chord tone / tension / outside / nochord). */
export function harmonicRole(pitch: number, chord: ChordSpan | null): NoteRole {
  if (!chord || chord.root < 0) return 'nochord';
  if (isChordTone(pitch, chord)) return 'chord';
  const interval = (((pitch - chord.root) % 12) + 12) % 12;
  return tensionIntervals(chord).includes(interval) ? 'tension' : 'outside';
}

/**
 * Roles for notes sorted by start. The "next note" of a note is the first note starting strictly
 * after it (a chord's other voices do not count).
 */
export function noteRoles(notes: readonly Note[], chords: readonly ChordSpan[]): NoteRole[] {
  const chordOf = notes.map((n) => chordSpanAt(chords, n.start));
  const base = notes.map((n, i) => harmonicRole(n.pitch, chordOf[i]));
  const roles = base.slice();
  let next = 0;
  for (let i = 0; i < notes.length; i++) {
    if (base[i] !== 'outside') continue;
    if (next <= i) next = i + 1;
    while (next < notes.length && notes[next].start <= notes[i].start) next++;
    if (next >= notes.length) continue;
    const target = notes[next];
    if (Math.abs(target.pitch - notes[i].pitch) === 1 && base[next] === 'chord') roles[i] = 'approach';
  }
  return roles;
}

export const ROLE_LABELS: Record<NoteRole, string> = {
  chord: 'chord tone',
  tension: 'tension (9/11/13)',
  approach: 'approach (½ step to a chord tone)',
  outside: 'outside',
  nochord: 'no chord',
};
