// Reproduces the shipped default model: `npm run model:make` trains `--preset default` on the
// bundled default corpus (assets/default-corpus) with a fixed seed and writes assets/default-model
// (model.json + weights.bin + licklab.json with the full loss history), replacing it atomically.
// Extra arguments are passed to `licklab train` (e.g. --epochs 5 for a quick check).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../cli/commands/train';
import { CliError } from '../cli/cli-error';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'assets', 'default-model');
const args = ['--preset', 'default', '--seed', '1', '--out', out, '--force', ...process.argv.slice(2)];
console.log(`licklab train ${args.join(' ')}`);
try {
  process.exitCode = await run(args);
} catch (err) {
  if (!(err instanceof CliError)) throw err;
  console.error(`train-default-model: ${err.message}`);
  process.exitCode = err.exitCode;
}
