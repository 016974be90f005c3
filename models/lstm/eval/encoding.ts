// Solos are scored in the encoding the MODEL was trained on (licklab.json `encodingVersion`), never
// in whatever this build trains in by default: the one place eval turns a tune into the model's
// events (loss and count baselines follow it). Sample figures read notes and copying reads the v1
// events of notes, so neither depends on the model's encoding.
import { countNotes, vocabularyFor } from '../../music/encodings';
import type { Tune } from '../../music/types';
import { REST, type EncodedEvent, type EncodedTune } from '../../music/vocabulary';

export interface SoloEncoding {
  version: string;
  /** The tune's events in this encoding, tagged with it (what prepareTune and fitBaselines read). */
  encode(tune: Tune): EncodedTune;
  /** Does this event sound a note (rests do not)? */
  isNote(e: EncodedEvent): boolean;
}

/** The encoding a model records; throws a clear error for one this build does not know. */
export function encodingOf(encodingVersion: string): SoloEncoding {
  const vocab = vocabularyFor(encodingVersion);
  return {
    version: vocab.version,
    encode: (tune) => {
      const { id, source, events, encoding } = vocab.encode(tune);
      return encoding ? { id, source, events, encoding } : { id, source, events };
    },
    isNote: (e) => e.pitch !== REST,
  };
}

/** Encode tunes for scoring (id, source, events and the encoding tag: what training sees). */
export function encodeSolos(tunes: readonly Tune[], encoding: SoloEncoding): EncodedTune[] {
  return tunes.map((t) => encoding.encode(t));
}

/** Notes of encoded solos, summed. */
export function notesOf(tunes: readonly EncodedTune[]): number {
  return tunes.reduce((s, t) => s + countNotes(t.events), 0);
}
