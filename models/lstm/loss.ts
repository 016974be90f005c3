// Cross-entropy CE(pitch) + CE(duration) per event, averaged over real events only (padding
// masked out), never summed over steps; the sums also count the note events, so a loss can be
// reported per note too (total / notes, rest events' nats included), the unit that compares
// encodings that cut a line into different numbers of events. Targets stay sparse token ids; the
// one-hot is made inside the graph, which is cheap next to the LSTM. Head sizes come from the
// model's outputs, so every vocabulary version is scored the same way.
import * as tf from '@tensorflow/tfjs';
import { REST } from '../music/vocabulary';
import type { Batch } from './batching';

// log(p + eps) rather than a clip: a clip hides NaN probabilities (min/max drop NaN on some
// backends), and a NaN must surface as a NaN loss.
const EPS = 1e-7;

export interface BatchTensors {
  x: tf.Tensor3D;
  pitch: tf.Tensor2D;
  dur: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export function toTensors(b: Batch): BatchTensors {
  return {
    x: tf.tensor3d(b.x, [b.rows, b.steps, b.x.length / (b.rows * b.steps)]),
    pitch: tf.tensor2d(b.pitch, [b.rows, b.steps], 'int32'),
    dur: tf.tensor2d(b.dur, [b.rows, b.steps], 'int32'),
    mask: tf.tensor2d(b.mask, [b.rows, b.steps]),
  };
}

export function disposeBatch(t: BatchTensors): void {
  tf.dispose([t.x, t.pitch, t.dur, t.mask]);
}

/** Per-position CE [rows, steps] of one head (its vocabulary size = the head's last dimension). */
function headCe(probs: tf.Tensor, targets: tf.Tensor): tf.Tensor {
  return tf.neg(tf.sum(tf.mul(tf.oneHot(targets, probs.shape[probs.shape.length - 1]!), tf.log(tf.add(probs, EPS))), -1));
}

function forward(model: tf.LayersModel, x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
  const out = model.apply(x, { training }) as tf.Tensor[];
  return [out[0], out[1]];
}

/** Mean masked loss of a batch (a scalar tensor; differentiable). */
export function batchLoss(model: tf.LayersModel, t: BatchTensors, training: boolean): tf.Scalar {
  const [p, d] = forward(model, t.x, training);
  const ce = tf.add(headCe(p, t.pitch), headCe(d, t.dur));
  return tf.div(tf.sum(tf.mul(ce, t.mask)), tf.maximum(tf.sum(t.mask), 1)) as tf.Scalar;
}

/** Sum of squared kernel weights (LSTM kernels, recurrent kernels and dense kernels, not biases). */
export function l2Penalty(model: tf.LayersModel): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => /kernel/.test(w.originalName)).map((w) => w.read());
  return tf.addN(kernels.map((k) => tf.sum(tf.square(k)))) as tf.Scalar;
}

export interface EvalSums {
  events: number;
  notes: number; // events whose target is a note (rests excluded)
  lossSum: number; // nats, summed over events
  pitchCorrect: number;
  durCorrect: number;
  bothCorrect: number;
}

export function emptySums(): EvalSums {
  return { events: 0, notes: 0, lossSum: 0, pitchCorrect: 0, durCorrect: 0, bothCorrect: 0 };
}

/** Loss and argmax accuracy sums of one batch, inference mode (no dropout). */
export async function evalBatch(model: tf.LayersModel, t: BatchTensors): Promise<EvalSums> {
  const scalars = tf.tidy(() => {
    const [p, d] = forward(model, t.x, false);
    const ce = tf.add(headCe(p, t.pitch), headCe(d, t.dur));
    const okP = tf.cast(tf.equal(tf.argMax(p, -1), t.pitch), 'float32');
    const okD = tf.cast(tf.equal(tf.argMax(d, -1), t.dur), 'float32');
    const m = t.mask;
    const isNote = tf.cast(tf.notEqual(t.pitch, REST), 'float32');
    return tf.stack([
      tf.sum(tf.mul(ce, m)),
      tf.sum(tf.mul(okP, m)),
      tf.sum(tf.mul(okD, m)),
      tf.sum(tf.mul(tf.mul(okP, okD), m)),
      tf.sum(m),
      tf.sum(tf.mul(isNote, m)),
    ]);
  });
  const [lossSum, pitchCorrect, durCorrect, bothCorrect, events, notes] = Array.from(await scalars.data());
  scalars.dispose();
  return { events, notes, lossSum, pitchCorrect, durCorrect, bothCorrect };
}

export function addSums(a: EvalSums, b: EvalSums): EvalSums {
  return {
    events: a.events + b.events,
    notes: a.notes + b.notes,
    lossSum: a.lossSum + b.lossSum,
    pitchCorrect: a.pitchCorrect + b.pitchCorrect,
    durCorrect: a.durCorrect + b.durCorrect,
    bothCorrect: a.bothCorrect + b.bothCorrect,
  };
}

/** Mean nats per note: a total over events (rests included) divided by the notes among them. */
export function natsPerNote(lossSum: number, notes: number): number {
  return notes > 0 ? lossSum / notes : NaN;
}
