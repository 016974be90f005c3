// Runs once before the native suite: asks `native-install.js --check` (in its own process, so this
// one never loads libtensorflow) whether tfjs-node loads and runs here. When it does not, prints
// one line saying why and hands the reason to every test file, which then skips.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Why tfjs-node cannot run here; empty when it runs. */
    nativeProblem: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(project: TestProject): void {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'native-install.js'), '--check'], { cwd: root, encoding: 'utf8' });
  const line =
    (r.stdout ?? '')
      .trim()
      .split('\n')
      .pop()
      ?.replace(/^native:install: /, '') ?? '';
  if (r.status === 0) {
    project.provide('nativeProblem', '');
    return;
  }
  const why = line || r.error?.message || `the check exited with ${r.status}`;
  console.log(`native suite skipped: ${why}`);
  project.provide('nativeProblem', why);
}
