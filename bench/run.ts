// `npm run bench`: runs every bench/*.bench.ts in one process, so the ratios each prints are
// measured in the same run on the same machine. Optional args filter by file name.
// `npm run bench -- --json` instead prints one JSON object (report.ts: sampling and training, fast
// against stock in interleaved rounds) and nothing else on stdout; progress goes to stderr
// (`npm run -s bench -- --json` keeps npm's own banner out too). BENCH_ROUNDS=n sets every
// comparison's rounds; BENCH_QUICK=1 uses tiny shapes and 2 rounds (a smoke test of the report).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

async function jsonReport(): Promise<void> {
  const toStderr = (...a: unknown[]) => process.stderr.write(`${a.map(String).join(' ')}\n`);
  console.log = toStderr; // tfjs and the backend chooser print: keep stdout for the JSON alone
  console.info = toStderr;
  const { initBackend, describeBackend } = await import('../models/lstm/backend');
  const { loadModelFolder } = await import('../models/lstm/model-io');
  const { buildModel } = await import('../models/lstm/network');
  const { PRESETS } = await import('../models/lstm/hyperparameters');
  const { benchReport, issueShapes } = await import('./report');
  const backend = await initBackend((process.env.BENCH_BACKEND as 'wasm' | 'tensorflow' | undefined) ?? 'wasm');
  const quick = process.env.BENCH_QUICK === '1';
  const envRounds = Number(process.env.BENCH_ROUNDS);
  const r = (n: number) => (Number.isInteger(envRounds) && envRounds > 0 ? envRounds : quick ? 2 : n);
  const modelDir = path.resolve(dir, '..', 'assets', 'default-model');
  const hp = PRESETS.default;
  const model = existsSync(path.join(modelDir, 'licklab.json'))
    ? (await loadModelFolder(modelDir)).model
    : buildModel({ ...hp, encoding: hp.encoding }, 1);
  const tiny = (name: string, layers: number) => ({ name, units: 16, layers, window: 8, batchSize: 8 });
  const report = await benchReport(
    {
      rounds: { sampling: r(9), default: r(9), big: r(5) },
      takeBars: quick ? 8 : 64,
      threads: 2,
      shapes: quick ? { default: tiny('default (quick: 1x16)', 1), big: tiny('2x256 (quick: 2x16)', 2) } : issueShapes(),
      model,
      modelName: existsSync(path.join(modelDir, 'licklab.json')) ? 'assets/default-model' : 'untrained default-preset model',
      log: toStderr,
    },
    describeBackend(backend),
  );
  process.stdout.write(`${JSON.stringify({ ...report, quick })}\n`);
}

if (args.includes('--json')) {
  await jsonReport();
} else {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((x) => f.includes(x)))
    .sort();
  for (const file of files) {
    console.log(`\n== ${file.replace('.bench.ts', '')} ==`);
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<void> };
    await mod.default();
  }
}
