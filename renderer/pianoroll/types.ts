// Piano-roll input types: the shared music types plus an optional per-note primer flag.
import type { Note, ChordSpan, Bar } from '../../models/music/types';

export type { Note, ChordSpan, Bar };
export type { NoteRole } from '../../models/music/note-roles';

/** A note as the roll receives it. `primer` marks a note that seeded the generation. */
export interface RollNote extends Note {
  primer?: boolean;
}
