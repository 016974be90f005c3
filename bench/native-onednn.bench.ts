// Does TensorFlow's oneDNN help LickLab's native training path? libtensorflow reads
// TF_ENABLE_ONEDNN_OPTS once when it loads, so each setting needs its own process: child processes
// (native-step-child.ts) with oneDNN on and off alternate for a few rounds, each timing the chosen
// native path's training step at 2 x 256 (its weight products are TensorFlow matMuls).
// models/lstm/backend.ts sets the default from this and a whole epoch (a user's own
// TF_ENABLE_ONEDNN_OPTS still wins). Skipped without tfjs-node.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_ENV_DEFAULTS } from '../models/lstm/backend';
import { benchShapes, median } from './lstm-step';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ONEDNN_ROUNDS ?? 3);
const BIG = benchShapes(false).at(-1)!.name;

function child(onednn: '0' | '1'): { ms?: number; error?: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'run-ts.js'), path.join(root, 'bench', 'native-step-child.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TF_ENABLE_ONEDNN_OPTS: onednn, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return {
      error: `the child printed ${JSON.stringify(line.slice(0, 200))} (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').pop()}`,
    };
  }
}

export default async function main(): Promise<void> {
  const ms: Record<'0' | '1', number[]> = { 0: [], 1: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of round % 2 === 0 ? (['1', '0'] as const) : (['0', '1'] as const)) {
      const r = child(v);
      if (r.error) {
        console.log(`oneDNN: skipped, ${r.error}`);
        return;
      }
      ms[v].push(r.ms!);
    }
  }
  const on = median(ms[1]);
  const off = median(ms[0]);
  console.log(
    `chosen native path, ${BIG}, median step over ${ROUNDS} alternating processes each: ` +
      `oneDNN on ${on.toFixed(1)} ms (${ms[1].map((x) => x.toFixed(1)).join(', ')}), off ${off.toFixed(1)} ms (${ms[0].map((x) => x.toFixed(1)).join(', ')}); ` +
      `${on <= off ? 'on' : 'off'} is faster here by ${(Math.max(on, off) / Math.min(on, off)).toFixed(2)}x; LickLab's default: TF_ENABLE_ONEDNN_OPTS=${NATIVE_ENV_DEFAULTS.TF_ENABLE_ONEDNN_OPTS}`,
  );
}
