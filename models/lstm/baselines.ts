// Count baselines on the joint (pitch, duration) event, fitted on the train split, scored on dev
// in nats per event, the same unit as the LSTM's loss, and per note (the dev total / its notes,
// rest events included), the unit that compares encodings. Without them a loss curve means nothing.
// The event vocabulary is the tunes' own encoding (untagged = v1; all tunes must share one).
//   unigram: p(e) = (c(e) + k) / (N + kV)                          (add-k)
//   bigram:  p(e | prev) = (c(prev, e) + k V p_uni(e)) / (c(prev) + k V)
//            (add-k whose k V pseudo-counts are spread by the unigram instead of uniformly: a much
//            stronger baseline than uniform add-k for a vocabulary of 1258 (v1) or 6216 (v2) events; prev = BOS at a tune start)
// k is picked from a small grid by dev loss, so each baseline is the best of its family: beating it
// is a harder test for the LSTM, never an easier one.
import { countNotes, encodingOfTune, vocabularyFor } from '../music/encodings';
import { ENCODING_V1, type EncodedTune, type EncodingVersion } from '../music/vocabulary';

const K_GRID = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

export interface BaselineLosses {
  unigramDevLoss: number;
  bigramDevLoss: number;
  unigramK: number;
  bigramK: number;
  /** The same dev totals per note (absent in models saved before they were recorded). */
  unigramDevNatsPerNote?: number;
  bigramDevNatsPerNote?: number;
  encoding?: EncodingVersion; // of the events counted
}

function sharedEncoding(tunes: EncodedTune[]): EncodingVersion {
  const versions = new Set(tunes.map(encodingOfTune));
  if (versions.size > 1) throw new Error(`cannot fit baselines on tunes of different encodings (${[...versions].join(', ')})`);
  return [...versions][0] ?? ENCODING_V1;
}

export function fitBaselines(train: EncodedTune[], dev: EncodedTune[]): BaselineLosses {
  const encoding = sharedEncoding([...train, ...dev]);
  const { pitchTokens, durationTokens } = vocabularyFor(encoding);
  const V = pitchTokens * durationTokens;
  const BOS = V;
  const eventId = (e: { pitch: number; dur: number }): number => {
    if (!(e.pitch >= 0 && e.pitch < pitchTokens && e.dur >= 0 && e.dur < durationTokens)) {
      throw new Error(`event token out of range: pitch ${e.pitch}, dur ${e.dur}`);
    }
    return e.pitch * durationTokens + e.dur;
  };
  const uni = new Float64Array(V);
  const ctx = new Float64Array(V + 1);
  const pair = new Map<number, number>();
  let n = 0;
  for (const t of train) {
    let prev = BOS;
    for (const e of t.events) {
      const id = eventId(e);
      uni[id]++;
      ctx[prev]++;
      const key = prev * V + id;
      pair.set(key, (pair.get(key) ?? 0) + 1);
      prev = id;
      n++;
    }
  }
  if (n === 0) throw new Error('cannot fit baselines: the train split has no events');
  const devPairs: [number, number][] = [];
  for (const t of dev) {
    let prev = BOS;
    for (const e of t.events) {
      const id = eventId(e);
      devPairs.push([prev, id]);
      prev = id;
    }
  }
  if (devPairs.length === 0) throw new Error('cannot score baselines: the dev split has no events');
  const devNotes = dev.reduce((s, t) => s + countNotes(t.events), 0);
  const perNote = (perEvent: number) => (devNotes > 0 ? (perEvent * devPairs.length) / devNotes : NaN);

  const uniP = (k: number, id: number) => (uni[id] + k) / (n + k * V);
  const best = (score: (k: number) => number) => K_GRID.map((k) => ({ k, loss: score(k) })).reduce((a, b) => (b.loss < a.loss ? b : a));
  const unigram = best((k) => devPairs.reduce((s, [, id]) => s - Math.log(uniP(k, id)), 0) / devPairs.length);
  const bigram = best((k) => {
    let s = 0;
    for (const [prev, id] of devPairs) {
      const prior = uniP(unigram.k, id);
      s -= Math.log(((pair.get(prev * V + id) ?? 0) + k * V * prior) / (ctx[prev] + k * V));
    }
    return s / devPairs.length;
  });
  return {
    unigramDevLoss: unigram.loss,
    bigramDevLoss: bigram.loss,
    unigramK: unigram.k,
    bigramK: bigram.k,
    unigramDevNatsPerNote: perNote(unigram.loss),
    bigramDevNatsPerNote: perNote(bigram.loss),
    encoding,
  };
}
