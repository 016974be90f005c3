#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundles, then launch Electron. Electron's binary
// is fetched at install on a normal machine; when it is missing (offline install) we try the
// download once, and if that fails we say why in one paragraph and start the browser studio
// instead (`licklab studio`: it opens the browser, or prints its address when none can be opened).
// LICKLAB_START_NO_OPEN=1 starts the studio without opening a browser (tests, remote shells).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const downloadTimeoutMs = Number(process.env.LICKLAB_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 60_000);

function step(label, args) {
  console.log(`licklab: ${label}…`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`licklab: ${label} failed (see above).`);
    process.exit(result.status ?? 1);
  }
}

/** The Electron executable, or null when the package or its binary is missing. */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function tryDownload() {
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer)) return false;
  console.log(`licklab: Electron's binary is missing; trying to download it once (up to ${Math.round(downloadTimeoutMs / 1000)} s)…`);
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: downloadTimeoutMs,
  });
  return result.status === 0 && electronBinary() !== null;
}

step('building the renderer', [path.join(root, 'scripts', 'build-renderer.js'), '--if-stale', '--quiet']);
step('building the Electron bundles', [path.join(root, 'scripts', 'build-electron.js'), '--quiet']);

let binary = electronBinary();
if (!binary && tryDownload()) binary = electronBinary();
if (!binary) {
  console.error(
    "\nLickLab could not start its desktop window: Electron's binary is not installed and could not be " +
      "downloaded (this machine cannot reach Electron's download host). Starting LickLab in your browser " +
      'instead (the same app, served on 127.0.0.1 only). To get the desktop app later, run `npm start` again ' +
      'on a machine with internet access.\n',
  );
  const studioArgs = [path.join(root, 'bin', 'licklab.js'), 'studio', '--port', '0'];
  if (process.env.LICKLAB_START_NO_OPEN === '1') studioArgs.push('--no-open');
  run(process.execPath, studioArgs);
} else {
  run(binary, [root]);
}

/** Runs the app in the foreground: Ctrl+C and kill reach it, its exit code is ours. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
