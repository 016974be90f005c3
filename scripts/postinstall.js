#!/usr/bin/env node
// Two install steps, neither of which ever fails the install:
// 1. The command line is compiled to JavaScript (scripts/build-cli.js into dist-cli/, when missing
//    or stale), so `licklab` starts without compiling TypeScript; if it cannot be built, bin/licklab.js
//    runs the sources through tsx and says so.
// 2. Electron is an optional dependency: its install step downloads a ~100 MB binary, which fails on
// machines without internet access, and npm then drops the package. We still want its JavaScript
// and TypeScript definitions (typecheck, tests with a mocked `electron`), so we unpack the package
// from the npm registry without running its download. `npm start` fetches the binary later (or
// explains how to use the browser studio instead). Never fails the install.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'node_modules', 'electron');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = pkg.optionalDependencies?.electron;

const cli = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.js'), '--if-stale', '--quiet'], {
  cwd: root,
  encoding: 'utf8',
});
if (cli.status !== 0) {
  const why = `${cli.stderr ?? ''}${cli.error?.message ?? ''}`.trim().split('\n')[0] || `exit code ${cli.status}`;
  console.warn(`licklab: could not compile the command line (${why}); \`licklab\` will run the TypeScript sources (slower start).`);
}

if (!wanted || existsSync(path.join(target, 'package.json'))) process.exit(0);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = path.join(tmpdir(), `licklab-electron-${process.pid}`);
try {
  mkdirSync(work, { recursive: true });
  const tgz = execFileSync(npm, ['pack', `electron@${wanted}`, '--silent', '--pack-destination', work], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split('\n')
    .pop();
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', path.join(work, tgz), '-C', target, '--strip-components=1']);
  console.log('licklab: Electron binary not downloaded at install (no access to its download host);');
  console.log('         `npm start` will try again, or use `npx licklab studio` to open LickLab in a browser.');
} catch (err) {
  console.warn(`licklab: could not unpack the electron package for its type definitions (${err.message}).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
