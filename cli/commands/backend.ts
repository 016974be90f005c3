// `licklab backend`: which TensorFlow.js backend this machine runs, and why not a faster one.
import { parseFlags } from '../args';
import { describeBackend, initBackend } from '../../models/lstm/backend';
import { describeLstmPath } from '../lstm-path';

export const summary = 'show the active ML backend (tfjs-node, wasm or cpu) and why';
export const usage = `usage: licklab backend [--json]

Initializes TensorFlow.js the way training does (native tfjs-node, else WebAssembly, else plain JS),
runs a tiny computation, and prints the backend that runs, its version and threads/SIMD, and the
reason when the faster native backend is not available.

  --json   print the result as JSON ({name, version, threads?, simd?, fallbackReason?})
  (LICKLAB_BACKEND=tensorflow|wasm|cpu asks for one backend first.)`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean' } });
  const info = await initBackend();
  // Prove it computes, as the trainer process does before it reports.
  const tf = await import('@tensorflow/tfjs');
  const sum = (await tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).sum()).data())[0];
  if (sum !== 8) throw new Error(`the ${info.name} backend computed a wrong matrix product`);
  if (values.json) {
    console.log(JSON.stringify(info, null, 2));
  } else {
    console.log(`ML backend: ${describeBackend(info)}`);
    console.log(describeLstmPath(info));
    if (info.fallbackReason) console.log(`Not using a faster backend because: ${info.fallbackReason}`);
  }
  return 0;
}
