// A model's loss on whole solos, kept per solo: the loss of each solo is its total nats (pitch +
// duration heads, rest events included) and is reported per NOTE (total / the solo's notes) as
// well as per event, so models whose encodings cut a line into different events compare fairly.
// Windows are scored as the trainer scores its dev set (non-overlapping windows of the model's
// training length, each event once, its real predecessor as input), through the public model API
// (model.predict on batches); only the per-row sums are new here.
import * as tf from '@tensorflow/tfjs';
import { REST, type EncodedEvent, type EncodedTune } from '../../music/vocabulary';
import { chunk, makeBatch, makeWindows, prepareTune } from '../batching';
import { disposeBatch, toTensors } from '../loss';

// log(p + eps) as in loss.ts, so these totals match the trainer's dev loss on the same windows.
const EPS = 1e-7;

export interface TuneScore {
  id: string;
  source: string;
  events: number;
  notes: number;
  nats: number; // total over the solo
}

export interface ScoreTotals {
  tunes: number;
  events: number;
  notes: number;
  nats: number;
  pitchCorrect: number; // argmax = target
  durCorrect: number;
  bothCorrect: number;
  perTune: TuneScore[];
}

export interface LossFigures {
  natsPerNote: number;
  natsPerEvent: number;
  /** exp(nats per event), the perplexity of the model's own event stream. */
  perplexity: number;
  perplexityPerNote: number;
  accuracy: { pitch: number; duration: number; both: number };
}

export interface ScoreOptions {
  window: number; // events per window (the model's training window)
  batchRows?: number; // windows per forward pass (default 128)
  isNote?: (e: EncodedEvent) => boolean; // default: pitch is not the rest token
}

const isNoteEvent = (e: EncodedEvent) => e.pitch !== REST;

/** Per-row [nats, pitch ok, dur ok, both ok] of one batch, masked to real events. */
function rowSums(model: tf.LayersModel, x: tf.Tensor, pitch: tf.Tensor, dur: tf.Tensor, mask: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const [p, d] = model.predict(x, { batchSize: x.shape[0] }) as tf.Tensor[];
    const ce = (probs: tf.Tensor, targets: tf.Tensor) =>
      tf.neg(tf.sum(tf.mul(tf.oneHot(targets as tf.Tensor2D, probs.shape[2]!), tf.log(tf.add(probs, EPS))), -1));
    const okP = tf.cast(tf.equal(tf.argMax(p, -1), pitch), 'float32');
    const okD = tf.cast(tf.equal(tf.argMax(d, -1), dur), 'float32');
    const sum = (t: tf.Tensor) => tf.sum(tf.mul(t, mask), -1);
    return tf.stack([sum(tf.add(ce(p, pitch), ce(d, dur))), sum(okP), sum(okD), sum(tf.mul(okP, okD))]) as tf.Tensor2D;
  });
}

/** Loss of every solo (tunes with no events are left out) and the argmax accuracies, summed. */
export async function scoreModelOnTunes(model: tf.LayersModel, tunes: readonly EncodedTune[], opts: ScoreOptions): Promise<ScoreTotals> {
  if (!(Number.isInteger(opts.window) && opts.window >= 1))
    throw new RangeError(`the scoring window must be a whole number of events >= 1, got ${opts.window}`);
  const isNote = opts.isNote ?? isNoteEvent;
  const scored = tunes.filter((t) => t.events.length > 0);
  const prepared = scored.map(prepareTune);
  const perTune: TuneScore[] = scored.map((t) => ({
    id: t.id,
    source: t.source,
    events: t.events.length,
    notes: t.events.filter(isNote).length,
    nats: 0,
  }));
  let pitchCorrect = 0;
  let durCorrect = 0;
  let bothCorrect = 0;
  for (const windows of chunk(makeWindows(prepared, opts.window, opts.window), opts.batchRows ?? 128)) {
    const t = toTensors(makeBatch(prepared, windows, opts.window));
    let sums: Float32Array | Int32Array | Uint8Array;
    try {
      const rows = rowSums(model, t.x, t.pitch, t.dur, t.mask);
      sums = await rows.data();
      rows.dispose();
    } finally {
      disposeBatch(t);
    }
    const n = windows.length;
    windows.forEach((w, r) => {
      perTune[w.tune].nats += sums[r];
      pitchCorrect += sums[n + r];
      durCorrect += sums[2 * n + r];
      bothCorrect += sums[3 * n + r];
    });
  }
  const total = (f: (s: TuneScore) => number) => perTune.reduce((s, x) => s + f(x), 0);
  return {
    tunes: perTune.length,
    events: total((s) => s.events),
    notes: total((s) => s.notes),
    nats: total((s) => s.nats),
    pitchCorrect,
    durCorrect,
    bothCorrect,
    perTune,
  };
}

/** Nats per note and per event, perplexity and accuracies of scored solos. */
export function lossFigures(
  t: Pick<ScoreTotals, 'events' | 'notes' | 'nats' | 'pitchCorrect' | 'durCorrect' | 'bothCorrect'>,
): LossFigures {
  if (t.events === 0 || t.notes === 0) throw new RangeError('no notes were scored');
  const natsPerEvent = t.nats / t.events;
  const natsPerNote = t.nats / t.notes;
  return {
    natsPerNote,
    natsPerEvent,
    perplexity: Math.exp(natsPerEvent),
    perplexityPerNote: Math.exp(natsPerNote),
    accuracy: { pitch: t.pitchCorrect / t.events, duration: t.durCorrect / t.events, both: t.bothCorrect / t.events },
  };
}
