#!/usr/bin/env node
// Compiles the `licklab` command line to plain JavaScript in dist-cli/, so a command starts without
// compiling TypeScript at run time (tsx costs ~0.4 s per start). Runs at install (postinstall) and
// before packing (prepack); bin/licklab.js runs the TypeScript through tsx only while no fresh build
// exists (and says so).
//   main.mjs             cli/main.ts; each command and what only it needs is a chunk loaded on demand
//                        (`licklab corpus` never loads TensorFlow.js); npm packages stay external
//   trainer-process.mjs  the trainer process the studio forks (backend/trainer/node-spawner.ts)
//   import-worker.cjs    the MIDI import thread (models/music/import-worker-bundle.ts finds it beside the chunks)
//   build.json           every source file with its size, time and hash, to tell a stale build (bin/compiled-cli.js)
// Flags: --if-stale (build only when missing or stale), --quiet, --out DIR (build elsewhere: tests
// build their own copy). The build goes to a temporary folder that replaces the old one in one
// rename, so a running command never sees half a build.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR, BUILD_INFO, compiledCli, fileSha1 } from '../bin/compiled-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const outFlag = process.argv.indexOf('--out');
const target = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, BUILD_DIR);

if (outFlag < 0 && process.argv.includes('--if-stale')) {
  const state = compiledCli(root);
  if (state.entry) {
    if (!quiet) console.log(`licklab: ${BUILD_DIR}/ is up to date`);
    process.exit(0);
  }
}

const started = Date.now();
const temp = `${target}.${process.pid}.tmp`;
rmSync(temp, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', absWorkingDir: root, logLevel: 'warning', metafile: true };

const [esm, worker] = await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'cli/main.ts', 'trainer-process': 'backend/trainer/trainer-process.ts' },
    outdir: temp,
    format: 'esm',
    splitting: true,
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entries: code that finds files from import.meta.url sees one folder.
    chunkNames: '[name]-[hash]',
  }),
  build({
    ...common,
    entryPoints: ['models/music/import-worker.ts'],
    outfile: path.join(temp, 'import-worker.cjs'),
    format: 'cjs',
    // Written as ESM: give the CommonJS bundle a real import.meta.url.
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__importMetaUrl' },
  }),
]);

const inputs = [...new Set([...Object.keys(esm.metafile.inputs), ...Object.keys(worker.metafile.inputs)])]
  .filter((file) => !file.includes('node_modules/'))
  .sort()
  .map((file) => {
    const st = statSync(path.join(root, file));
    return { file, size: st.size, mtimeMs: st.mtimeMs, sha1: fileSha1(path.join(root, file)) };
  });
writeFileSync(path.join(temp, BUILD_INFO), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1));

// Swap in: the old build is renamed aside first (a rename onto a non-empty folder fails).
const old = `${target}.${process.pid}.old`;
if (existsSync(target)) renameSync(target, old);
renameSync(temp, target);
rmSync(old, { recursive: true, force: true });
if (!quiet) console.log(`licklab: compiled the command line into ${target} (${inputs.length} source files, ${Date.now() - started} ms)`);
