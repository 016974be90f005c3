#!/usr/bin/env node
// Builds the renderer with Vite into dist/renderer.
//   --if-stale  build only when dist/renderer is missing or older than the sources it is made from
//   --quiet     only warnings from Vite
// One build at a time (a lock folder), and each build goes to a temporary folder that is swapped in,
// so studios serving dist/renderer and tests starting several studios at once never see half a page.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The project imports TypeScript without file extensions (tsconfig moduleResolution Bundler), which
// Vite's bundled config loader handles; silence its notice about a future native loader.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const target = path.join(dist, 'renderer');
const lock = path.join(dist, '.renderer-build.lock');
const quiet = process.argv.includes('--quiet');
const ifStale = process.argv.includes('--if-stale');
// What the page is built from: the renderer, the contract it imports, shared models, the config.
const SOURCES = ['renderer', 'api', 'models', 'vite.config.ts', 'package-lock.json'];

function newestMtime(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Why dist/renderer must be built, or null when it is current. */
function staleReason() {
  let built;
  try {
    built = statSync(path.join(target, 'index.html')).mtimeMs;
  } catch {
    return 'dist/renderer is not built yet';
  }
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return sources > built ? 'dist/renderer is older than its sources' : null;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function acquireLock() {
  mkdirSync(dist, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // the owner is between mkdir and writing its pid
    }
    if (Number.isInteger(owner) && !alive(owner)) rmSync(lock, { recursive: true, force: true }); // left by a killed build
    if (Date.now() > deadline) throw new Error(`another renderer build holds ${lock}; remove it if no build is running`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

await acquireLock();
const temp = path.join(dist, `.renderer-${process.pid}`);
const old = path.join(dist, `.renderer-old-${process.pid}`);
try {
  const reason = staleReason();
  if (ifStale && !reason) {
    if (!quiet) console.log('licklab: dist/renderer is up to date');
  } else {
    console.log(`licklab: ${reason ?? 'rebuilding dist/renderer'}: building it with Vite…`);
    const { build } = await import('vite');
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: quiet ? 'warn' : 'info',
      build: { outDir: temp, emptyOutDir: true },
    });
    if (existsSync(target)) renameSync(target, old);
    renameSync(temp, target);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  rmSync(lock, { recursive: true, force: true });
}
