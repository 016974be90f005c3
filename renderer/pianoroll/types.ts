// Piano-roll input types: the shared music types plus an optional per-note primer flag.
import type { Note, ChordSpan, Bar } from '../../models/music/types';

export type { Note, ChordSpan, Bar };

/** A note as the roll receives it. `primer` marks a note that seeded the generation. */
export interface RollNote extends Note {
  primer?: boolean;
}

/** How a note relates to the chord sounding at its onset. `nochord` = over N.C. or no chords. */
export type NoteRole = 'chord' | 'tension' | 'approach' | 'outside' | 'nochord';

export const TICKS_PER_BEAT = 12;
