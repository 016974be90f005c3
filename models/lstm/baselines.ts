// Count baselines on the joint (pitch, duration) event, fitted on the train split, scored on dev
// in nats per event, the same unit as the LSTM's loss. Without them a loss curve means nothing.
//   unigram: p(e) = (c(e) + k) / (N + kV)                          (add-k)
//   bigram:  p(e | prev) = (c(prev, e) + k V p_uni(e)) / (c(prev) + k V)
//            (add-k whose k V pseudo-counts are spread by the unigram instead of uniformly: a much
//            stronger baseline than uniform add-k for a 1258-event vocabulary; prev = BOS at a tune start)
// k is picked from a small grid by dev loss, so each baseline is the best of its family: beating it
// is a harder test for the LSTM, never an easier one.
import { DURATION_TOKENS, PITCH_TOKENS, type EncodedTune } from '../music/vocabulary';

const V = PITCH_TOKENS * DURATION_TOKENS;
const BOS = V;
const K_GRID = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

export interface BaselineLosses {
  unigramDevLoss: number;
  bigramDevLoss: number;
  unigramK: number;
  bigramK: number;
}

function eventId(e: { pitch: number; dur: number }): number {
  if (!(e.pitch >= 0 && e.pitch < PITCH_TOKENS && e.dur >= 0 && e.dur < DURATION_TOKENS)) {
    throw new Error(`event token out of range: pitch ${e.pitch}, dur ${e.dur}`);
  }
  return e.pitch * DURATION_TOKENS + e.dur;
}

export function fitBaselines(train: EncodedTune[], dev: EncodedTune[]): BaselineLosses {
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

  const uniP = (k: number, id: number) => (uni[id] + k) / (n + k * V);
  const best = (score: (k: number) => number) =>
    K_GRID.map((k) => ({ k, loss: score(k) })).reduce((a, b) => (b.loss < a.loss ? b : a));
  const unigram = best((k) => devPairs.reduce((s, [, id]) => s - Math.log(uniP(k, id)), 0) / devPairs.length);
  const bigram = best((k) => {
    let s = 0;
    for (const [prev, id] of devPairs) {
      const prior = uniP(unigram.k, id);
      s -= Math.log(((pair.get(prev * V + id) ?? 0) + k * V * prior) / (ctx[prev] + k * V));
    }
    return s / devPairs.length;
  });
  return { unigramDevLoss: unigram.loss, bigramDevLoss: bigram.loss, unigramK: unigram.k, bigramK: bigram.k };
}
