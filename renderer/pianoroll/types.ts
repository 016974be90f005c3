// Piano-roll input types: the shared music types plus an optional per-note primer flag.
import type { Note, ChordSpan, Bar } from '../../models/music/types';
import type { BarRange } from './bar-selection';

export type { Note, ChordSpan, Bar };
export type { NoteRole } from '../../models/music/note-roles';

/** A note as the roll receives it. `primer` says whether it seeded the generation (when absent:
 *  whether it starts in the primer region). */
export interface RollNote extends Note {
  primer?: boolean;
}

/** What the PianoRoll component takes. */
export interface PianoRollProps {
  notes: RollNote[];
  chords?: ChordSpan[];
  bars?: Bar[];
  /** Notes starting in [primerStart, primerEnd) are primer, unless a note says otherwise (`primer`). */
  primerStart?: number;
  primerEnd?: number;
  /** Bars selected on the ruler (drawn over it); a drag or shift-click on the ruler reports a new one. */
  selection?: BarRange | null;
  onselectbars?: (range: BarRange) => void;
  /** Playhead in ticks; null hides it. */
  playhead?: number | null;
  /** Turn pages so the playhead stays in view. */
  follow?: boolean;
  onnoteclick?: (note: RollNote) => void;
  onkeyclick?: (pitch: number) => void;
}
