// Node-only: the import worker as one CommonJS file. Beside the compiled code (dist-electron/ in
// the app, dist-cli/ for the command line) there is import-worker.cjs; from the sources, esbuild
// makes one at first use (loading the TypeScript through tsx's hooks in a new thread costs ~2 s,
// the bundle ~0.1 s), kept in the temp folder for the next run until a source file changes.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bundles = new Map<string, Promise<string>>();

/** A key for the sources a bundle is made of (this folder and models/): names, sizes, times. */
function sourcesKey(entry: string): string {
  const own = statSync(entry);
  const hash = createHash('sha256').update(`${entry}\0${own.size}\0${own.mtimeMs}\0`);
  const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && dir !== modelsDir) walk(p);
      else if (e.isFile() && e.name.endsWith('.ts')) {
        const st = statSync(p);
        hash.update(`${p}\0${st.size}\0${st.mtimeMs}\0`);
      }
    }
  };
  walk(modelsDir);
  walk(path.join(modelsDir, 'music'));
  return hash.digest('hex').slice(0, 16);
}

/** Bundles of older sources, unused for a day (a process started before still may use a fresh one). */
function removeStaleBundles(keep: string): void {
  const dir = path.dirname(keep);
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!/^licklab-import-worker-[0-9a-f]{16}\.cjs$/.test(name) || file === keep) continue;
    try {
      if (Date.now() - statSync(file).atimeMs > 24 * 3600_000) rmSync(file, { force: true });
    } catch {
      // another process removed it first
    }
  }
}

/** The worker as one CommonJS file: beside compiled code (an Electron bundle, the compiled CLI), or
 *  bundled with esbuild (tsx's own dependency) into the temp folder, reused by later runs until a
 *  source file changes. */
export function workerFile(entry?: URL): Promise<string> {
  const here = import.meta.url;
  if (!entry && !here.endsWith('.ts')) {
    // In a packaged app the bundles live in app.asar; the worker file is unpacked beside it (build.asarUnpack).
    const bundled = fileURLToPath(new URL('./import-worker.cjs', here));
    return Promise.resolve(bundled.replace(/([\\/]app\.asar)([\\/])/, '$1.unpacked$2'));
  }
  const source = fileURLToPath(entry ?? new URL('./import-worker.ts', here));
  let built = bundles.get(source);
  if (!built) {
    built = (async () => {
      const out = path.join(os.tmpdir(), `licklab-import-worker-${sourcesKey(source)}.cjs`);
      if (existsSync(out)) return out;
      const esbuild = createRequire(here)('esbuild') as typeof import('esbuild');
      const tmp = `${out}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      try {
        await esbuild.build({
          entryPoints: [source],
          outfile: tmp,
          bundle: true,
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          logLevel: 'silent',
          banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
          define: { 'import.meta.url': '__importMetaUrl' },
        });
        renameSync(tmp, out);
      } finally {
        rmSync(tmp, { force: true });
      }
      removeStaleBundles(out);
      return out;
    })();
    bundles.set(source, built);
    built.catch(() => bundles.delete(source));
  }
  return built;
}
