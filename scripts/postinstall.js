#!/usr/bin/env node
// Electron is an optional dependency: its install step downloads a ~100 MB binary, which fails on
// machines without internet access, and npm then drops the package. We still want its JavaScript
// and TypeScript definitions (typecheck, tests with a mocked `electron`), so we unpack the package
// from the npm registry without running its download. `npm start` fetches the binary later (or
// explains how to use the browser studio instead). Never fails the install.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'node_modules', 'electron');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = pkg.optionalDependencies?.electron;

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
