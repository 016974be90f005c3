#!/usr/bin/env node
// Bundles the Electron side with esbuild into dist-electron/: main.cjs (main process), preload.cjs
// (one CommonJS file, as a sandboxed preload must be: it may only require 'electron') and
// trainer.cjs (the utility process), import-worker.cjs (the MIDI import thread). TensorFlow.js packages stay external: they load their native
// library or .wasm files from node_modules at run time.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds elsewhere (tests build into their own folder so they never read a file
// another build is rewriting).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist-electron');

// Code written as ESM uses import.meta.url (e.g. createRequire); give the CommonJS bundle a real one.
const importMetaShim = {
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: process.argv.includes('--quiet') ? 'warning' : 'info',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    ...importMetaShim,
    entryPoints: ['electron/main/main.ts'],
    outfile: path.join(out, 'main.cjs'),
    external: ['electron', '@tensorflow/tfjs-node'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(out, 'preload.cjs'),
    external: ['electron'],
    target: 'chrome130',
  }),
  build({
    ...common,
    ...importMetaShim,
    entryPoints: ['backend/trainer/trainer-process.ts'],
    outfile: path.join(out, 'trainer.cjs'),
    external: ['electron', '@tensorflow/*'],
  }),
  // The MIDI import worker thread (models/music/import-worker-bundle.ts finds it beside the bundle).
  build({ ...common, ...importMetaShim, entryPoints: ['models/music/import-worker.ts'], outfile: path.join(out, 'import-worker.cjs') }),
]);
