// Count models (baselines.ts: unigram and bigram on the joint pitch+duration event) as a yardstick
// for a model's loss on solos, in the same units: nats per note (total over the solos / their notes,
// rest events included in the total) and per event. Fitted on the model's own training files they
// say what counting that data achieves on these solos; fitted on the scored solos themselves they
// are the reference: what counting the notes of these very solos achieves.
import { REST, type EncodedEvent, type EncodedTune } from '../../music/vocabulary';
import { fitBaselines } from '../baselines';

export interface CountModelFigures {
  natsPerNote: number | null;
  natsPerEvent: number | null;
  /** The add-k smoothing picked (baselines.ts picks the best of a small grid on the scored solos). */
  k: number | null;
}

export interface CountBaselines {
  unigram: CountModelFigures;
  bigram: CountModelFigures;
  /** Why the figures are null, when they are. */
  unavailable?: string;
}

/** Count baselines fitted on `fitted` and scored on `scored` (pooled over the scored solos). */
export function countBaselines(
  fitted: readonly EncodedTune[],
  scored: readonly EncodedTune[],
  isNote: (e: EncodedEvent) => boolean = (e) => e.pitch !== REST,
): CountBaselines {
  const events = scored.reduce((s, t) => s + t.events.length, 0);
  const notes = scored.reduce((s, t) => s + t.events.filter(isNote).length, 0);
  if (notes === 0) throw new RangeError('cannot score count baselines: the solos have no notes');
  const b = fitBaselines([...fitted], [...scored]);
  const figures = (perEvent: number, k: number): CountModelFigures => ({
    natsPerNote: (perEvent * events) / notes,
    natsPerEvent: perEvent,
    k,
  });
  return { unigram: figures(b.unigramDevLoss, b.unigramK), bigram: figures(b.bigramDevLoss, b.bigramK) };
}

export function unavailableBaselines(reason: string): CountBaselines {
  const none: CountModelFigures = { natsPerNote: null, natsPerEvent: null, k: null };
  return { unigram: none, bigram: { ...none }, unavailable: reason };
}
