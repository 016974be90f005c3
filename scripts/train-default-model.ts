// Reproduces the shipped default model byte for byte: `npm run model:make` trains `--preset default`
// on the bundled default corpus (assets/default-corpus) with seed 1 and writes assets/default-model
// (model.json + weights.bin + licklab.json with the full loss history), replacing it at the end.
// What would differ between two runs is pinned or left out:
// - the arithmetic: the wasm backend and 2 fast-LSTM kernel threads, whatever is installed or set
//   (tfjs-node's float results depend on the CPU and oneDNN; the kernel thread count decides how
//   the batch is cut, hence the order gradients are summed in). The wasm kernels give the same
//   bits on every machine;
// - the clock and the machine: wall times and throughput are written as 0, createdAt as "" (the
//   library shows "–"), the corpus folder relative to the project, and the backend record says
//   that it was pinned instead of what else this machine could have run.
// The sample panel is off (--panel-every 0): its figures would tie the model's bytes to the panel's
// formulas, which change more often than training does.
// `--out DIR` writes elsewhere (the reproducibility test); other arguments go to `licklab train`
// (e.g. --epochs 2 for a quick check).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli/cli-error';
import type { LicklabMeta } from '../models/lstm/model-meta';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Environment that decides the arithmetic of training (models/lstm/backend.ts, fast/kernels.ts). */
const PINNED_ENV: Record<string, string> = { LICKLAB_BACKEND: 'wasm', LICKLAB_FAST_LSTM_THREADS: '2', LICKLAB_FAST_LSTM: '1' };
const PINNED_NOTE = `npm run model:make pins the wasm backend and 2 fast-LSTM kernel threads, so the weights are the same bytes on every machine`;

/** The run's licklab.json without what depends on the clock or the machine. */
function reproducibleMeta(meta: LicklabMeta): LicklabMeta {
  const zero = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? 0 : v])) as T;
  const dir = meta.corpus.dir;
  const inside = dir && !path.relative(root, dir).startsWith('..') && !path.isAbsolute(path.relative(root, dir));
  return {
    ...meta,
    corpus: { ...meta.corpus, ...(dir && inside ? { dir: path.relative(root, dir).split(path.sep).join('/') } : {}) },
    history: meta.history.map((r) => ({ ...r, ms: 0, eventsPerSec: 0, ...(r.sample ? { sample: { ...r.sample, ms: 0 } } : {}) })),
    backend: { ...meta.backend, fallbackReason: PINNED_NOTE },
    timings: zero(meta.timings),
    createdAt: '',
  };
}

function takeOut(args: string[]): { out: string; rest: string[] } {
  const i = args.indexOf('--out');
  if (i < 0) return { out: path.join(root, 'assets', 'default-model'), rest: args };
  if (!args[i + 1]) throw new CliError('--out needs a folder', 2);
  return { out: path.resolve(args[i + 1]), rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

async function main(): Promise<number> {
  for (const [key, value] of Object.entries(PINNED_ENV)) {
    if (process.env[key] !== undefined && process.env[key] !== value)
      console.log(`train-default-model: ${key}=${process.env[key]} ignored (pinned to ${value})`);
    process.env[key] = value;
  }
  const { out, rest } = takeOut(process.argv.slice(2));
  const staging = path.join(path.dirname(out), `.${path.basename(out)}.making-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  // Imported after the pins are set (the backend and the kernels read them when first used).
  const { run } = await import('../cli/commands/train');
  const args = ['--preset', 'default', '--seed', '1', '--panel-every', '0', ...rest, '--out', staging];
  console.log(`licklab train ${args.join(' ')}`);
  const code = await run(args);
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return code;
  }
  const metaFile = path.join(staging, 'licklab.json');
  const meta = reproducibleMeta(JSON.parse(readFileSync(metaFile, 'utf8')) as LicklabMeta);
  writeFileSync(metaFile, JSON.stringify(meta, null, 1)); // as saveModelFolder writes it
  const aside = `${staging}-old`;
  if (existsSync(out)) renameSync(out, aside);
  renameSync(staging, out);
  rmSync(aside, { recursive: true, force: true });
  console.log(`reproducible model written: ${out}`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  if (!(err instanceof CliError)) throw err;
  console.error(`train-default-model: ${err.message}`);
  process.exitCode = err.exitCode;
}
