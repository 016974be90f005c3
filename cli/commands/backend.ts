// `licklab backend`: which TensorFlow.js backend this machine runs, why not a faster one, and which
// parts of training and sampling run where on it (the status bar reads the same BackendInfo).
import { parseFlags } from '../args';
import { NATIVE_ENV_DEFAULTS, describeBackend, initBackend } from '../../models/lstm/backend';
import { describeLstmPath } from '../lstm-path';

export const usage = `usage: licklab backend [--json]

Initializes TensorFlow.js the way training does (native tfjs-node, else WebAssembly, else plain JS),
runs a tiny computation, and prints the backend that runs, its version and threads/SIMD, which
parts of training and sampling run where (the LSTM recurrence always on LickLab's WebAssembly
kernels; on tfjs-node the large products on native TensorFlow) and why, and the reason when the
faster native backend is not available (\`npm run native:install\` builds it offline).

  --json   print the result as JSON ({name, version, threads?, simd?, fallbackReason?, parts?})
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
    return 0;
  }
  console.log(`ML backend: ${describeBackend(info)}`);
  console.log(describeLstmPath(info));
  for (const p of info.parts ?? []) console.log(`  ${p.part}: ${p.runsOn} (${p.why})`);
  if (info.name === 'tensorflow') {
    const settings = Object.keys(NATIVE_ENV_DEFAULTS).map((key) => `${key}=${process.env[key] ?? '(unset)'}`);
    console.log(`  TensorFlow settings: ${settings.join(', ')}`);
  }
  if (info.fallbackReason) console.log(`Not using a faster backend because: ${info.fallbackReason}`);
  return 0;
}
