// The pieces of the training loop that need none of its state: one optimisation step (clipped,
// NaN-safe), the dev pass in inference mode, and the corpus summary of a split. train.ts runs them.
import * as tf from '@tensorflow/tfjs';
import { countNotes } from '../music/encodings';
import type { EncodedTune } from '../music/vocabulary';
import { chunk, makeBatch, type PreparedTune, type Window } from './batching';
import type { Hyperparameters } from './hyperparameters';
import { addSums, batchLoss, disposeBatch, emptySums, evalBatch, l2Penalty, toTensors, type EvalSums } from './loss';
import type { Split } from './split';
import type { CorpusSummary } from './training-types';

export class CancelledError extends Error {}

/** On the wasm and cpu backends a batch's `await data()` settles as a microtask, so a training loop
 *  never lets the event loop read messages or signals: a cancel request (IPC from the dashboard,
 *  Ctrl-C) would wait for the whole run. One macrotask turn per batch lets it in. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve));

/** Loss and accuracy sums over all windows, in inference mode; stops between batches if `signal` aborts. */
export async function evaluate(
  model: tf.LayersModel,
  tunes: PreparedTune[],
  windows: Window[],
  steps: number,
  batchRows = 128,
  signal?: AbortSignal,
): Promise<EvalSums> {
  let sums = emptySums();
  for (const ws of chunk(windows, batchRows)) {
    if (signal) await yieldToEventLoop();
    if (signal?.aborted) throw new CancelledError();
    const t = toTensors(makeBatch(tunes, ws, steps));
    try {
      sums = addSums(sums, await evalBatch(model, t));
    } finally {
      disposeBatch(t);
    }
  }
  return sums;
}

export function summarize(tunes: EncodedTune[], split: Split): CorpusSummary {
  const dev = new Set(split.dev);
  const count = (f: (t: EncodedTune) => boolean) => tunes.filter(f).reduce((s, t) => s + t.events.length, 0);
  const notes = (f: (t: EncodedTune) => boolean) => tunes.filter(f).reduce((s, t) => s + countNotes(t.events), 0);
  return {
    tunes: tunes.length,
    sources: new Set(tunes.map((t) => t.source)).size,
    events: count(() => true),
    trainTunes: tunes.filter((t) => split.train.includes(t.source)).length,
    devTunes: tunes.filter((t) => dev.has(t.source)).length,
    trainEvents: count((t) => split.train.includes(t.source)),
    devEvents: count((t) => dev.has(t.source)),
    notes: notes(() => true),
    trainNotes: notes((t) => split.train.includes(t.source)),
    devNotes: notes((t) => dev.has(t.source)),
  };
}

/** One optimisation step; returns [masked CE of the batch (no L2), gradient global norm]. The
 *  update is skipped when either is not finite, so a NaN never reaches the weights. */
export async function step(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  t: ReturnType<typeof toTensors>,
  hp: Hyperparameters,
) {
  let ce: tf.Scalar | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const loss = batchLoss(model, t, true);
    ce = tf.keep(loss.clone());
    return hp.l2 > 0 ? (tf.add(loss, tf.mul(l2Penalty(model), hp.l2)) as tf.Scalar) : loss;
  }, vars);
  const names = Object.keys(grads);
  const norm = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))));
  const stats = tf.stack([ce!, norm]);
  const values = await stats.data();
  if (Number.isFinite(values[0]) && Number.isFinite(values[1])) {
    const scale = Math.min(1, hp.clipNorm / Math.max(values[1], 1e-12));
    const clipped = tf.tidy(() => Object.fromEntries(names.map((n) => [n, scale < 1 ? tf.mul(grads[n], scale) : tf.clone(grads[n])])));
    optimizer.applyGradients(clipped);
    tf.dispose(clipped);
  }
  tf.dispose([value, norm, stats, ce!, ...Object.values(grads)]);
  return values;
}
