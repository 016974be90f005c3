// Shared by the native suite: the skip reason from global-setup.ts, both backends loaded in this
// process (tf.setBackend switches between them), and a few checks every file needs.
import * as tf from '@tensorflow/tfjs';
import { inject } from 'vitest';
import { activateBackend } from '../../models/lstm/backend';

/** Why the native suite cannot run here ('' when it can). */
export const nativeProblem = inject('nativeProblem');

/** Loads tfjs-node and the wasm backend, leaves `tensorflow` active; throws when either fails. */
export async function loadBothBackends(): Promise<void> {
  const wasm = await activateBackend('wasm');
  if (wasm) throw new Error(`the wasm backend does not load: ${wasm}`);
  const native = await activateBackend('tensorflow');
  if (native) throw new Error(`tfjs-node does not load: ${native}`);
  if (tf.getBackend() !== 'tensorflow') throw new Error(`expected the tensorflow backend, got ${tf.getBackend()}`);
}

/** The model's input width (its vocabulary's input size). */
export function inputSizeOf(model: tf.LayersModel): number {
  return model.inputs[0].shape[2] as number;
}

/** A fixed multi-hot input [batch, steps, inputSize] (four active units per step, spread out). */
export function probeInput(batch: number, steps: number, inputSize: number): Float32Array {
  const x = new Float32Array(batch * steps * inputSize);
  const q = Math.floor(inputSize / 4);
  for (let r = 0; r < batch * steps; r++) for (let k = 0; k < 4; k++) x[r * inputSize + k * q + ((r * (k + 3)) % q)] = 1;
  return x;
}

/** Both heads' outputs of `model` for `x` [batch, steps, its input size] on the active backend. */
export function predictHeads(model: tf.LayersModel, x: Float32Array, batch: number, steps: number): Float32Array[] {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor3d(x, [batch, steps, inputSizeOf(model)])) as tf.Tensor[];
    return out.map((t) => t.dataSync() as Float32Array);
  });
}

/** Largest absolute difference between two arrays of the same length. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
