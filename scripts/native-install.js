#!/usr/bin/env node
// `npm run native:install`: builds the native backend (@tensorflow/tfjs-node) with no internet.
// tfjs-node's own install downloads libtensorflow 2.9.1 and a prebuilt addon from Google's storage;
// where that host is unreachable npm drops the optional package and LickLab runs on WebAssembly.
// The tensorflow-cpu wheel (pinned below, sha256-checked by pip) carries a newer libtensorflow and
// the C API headers; we stage them as the tarball tfjs-node's install script expects, serve it on
// 127.0.0.1 only while npm runs (TFJS_NODE_BASE_URI takes http(s) URLs only), and have node-pre-gyp
// compile the addon against it. Idempotent: a tfjs-node that already loads is left alone.
// Every failure ends with one line `native:install: <why>` (CI prints it) and exit code 1.
// `--check` only says, in one line, whether tfjs-node loads and runs here (exit 0) or why not (exit 1).
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TFJS_NODE = '4.22.0';
const WHEEL = {
  spec: 'tensorflow-cpu==2.21.0',
  file: 'tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl',
  sha256: '2b847d217b02ee7731ed91431daf3250daa0196c3c94614d23be27232e6e5b6c',
  pip: ['--python-version', '3.11', '--implementation', 'cp', '--abi', 'cp311', '--platform', 'manylinux_2_27_x86_64'],
};
// tfjs-node 4.22.0 asks for `${TFJS_NODE_BASE_URI}cpu-linux-x86_64-2.9.1.tar.gz` (scripts/install.js).
const BASE_PATH = '/libtensorflow-';
const TARBALL = 'cpu-linux-x86_64-2.9.1.tar.gz';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.join(root, 'node_modules', '@tensorflow', 'tfjs-node');
const marker = path.join(pkgDir, 'deps', 'licklab-native.json');
const started = performance.now();
const timings = [];

class Failure extends Error {}
const fail = (why) => {
  throw new Failure(why);
};
const say = (text) => console.log(`native:install: ${text}`);

function timed(label, fn) {
  const t0 = performance.now();
  const out = fn();
  const done = (v) => {
    timings.push(`${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return v;
  };
  return out instanceof Promise ? out.then(done) : done(out);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) return { ok: false, out: `${cmd}: ${r.error.code === 'ENOENT' ? 'not found' : r.error.message}` };
  return { ok: r.status === 0, stdout: r.stdout ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

const lastLine = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop() ?? '';

/** What `require('@tensorflow/tfjs-node')` gives in a fresh Node process: {backend, product, version} or {error}. */
export function probeNative(cwd = root) {
  const code = `
    try {
      const tf = require('@tensorflow/tfjs-node');
      const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])).dataSync().join(','));
      console.log(JSON.stringify({ backend: tf.getBackend(), product, version: tf.version['tfjs-node'] }));
    } catch (err) { console.log(JSON.stringify({ error: String(err && err.message || err).split('\\n')[0] })); }`;
  const r = run(process.execPath, ['-e', code], { cwd, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
  try {
    return JSON.parse(lastLine(r.stdout ?? ''));
  } catch {
    return { error: lastLine(r.out) || 'the probe printed nothing' };
  }
}
const works = (p) => p.backend === 'tensorflow' && p.product === '19,22,43,50';

function checkMachine() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    fail(`builds from the ${WHEEL.spec} wheel for Linux x86-64 only, this is ${process.platform}-${process.arch}`);
  const tfjs = path.join(root, 'node_modules', '@tensorflow', 'tfjs', 'package.json');
  if (!existsSync(tfjs)) fail('node_modules/@tensorflow/tfjs is missing: run `npm ci` (or `npm install`) first');
  const have = JSON.parse(readFileSync(tfjs, 'utf8')).version;
  // tfjs-node pins @tensorflow/tfjs exactly; another version would give it a second copy of tfjs
  // whose backend LickLab's copy never sees.
  if (have !== TFJS_NODE) fail(`@tensorflow/tfjs is ${have} but tfjs-node ${TFJS_NODE} needs exactly ${TFJS_NODE}`);
  for (const [tool, args] of [
    ['g++', ['--version']],
    ['make', ['--version']],
  ]) {
    if (!run(tool, args).ok)
      fail(`${tool} is needed to compile the tfjs-node addon and was not found (Debian: sudo apt-get install -y build-essential)`);
  }
}

function findPython() {
  for (const py of [process.env.LICKLAB_PYTHON, 'python3', 'python'].filter(Boolean)) {
    if (run(py, ['-m', 'pip', '--version']).ok) return py;
  }
  return fail(`no wheel can be had: pip was not found (python3 -m pip), so the ${WHEEL.spec} wheel cannot be fetched`);
}

function fetchWheel(py, dir) {
  const req = path.join(dir, 'requirements.txt');
  writeFileSync(req, `${WHEEL.spec} --hash=sha256:${WHEEL.sha256}\n`);
  const r = run(py, [
    '-m',
    'pip',
    'download',
    '--disable-pip-version-check',
    '--no-deps',
    '--only-binary=:all:',
    ...WHEEL.pip,
    '--require-hashes',
    '-r',
    req,
    '-d',
    dir,
  ]);
  const wheel = path.join(dir, WHEEL.file);
  if (!r.ok || !existsSync(wheel)) fail(`no wheel can be had: pip could not get ${WHEEL.file} (${lastLine(r.out) || 'no output'})`);
  return wheel;
}

function stage(py, wheel, dir) {
  const stageDir = path.join(dir, 'stage');
  const r = run(py, [path.join(root, 'scripts', 'native-install-wheel.py'), wheel, stageDir]);
  if (!r.ok) fail(`could not unpack the wheel: ${lastLine(r.out)}`);
  rmSync(wheel); // 274 MB we no longer need
  const lib = path.join(stageDir, 'lib');
  // Debug symbols are ~200 MB of the 850 MB; the dynamic symbol table the addon links against stays.
  for (const so of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) run('strip', ['--strip-unneeded', path.join(lib, so)]);
  // The binding links with -ltensorflow -ltensorflow_framework; install.js checks for the 2.9.1 name.
  symlinkSync('libtensorflow_cc.so.2', path.join(lib, 'libtensorflow.so'));
  symlinkSync('libtensorflow_cc.so.2', path.join(lib, 'libtensorflow.so.2.9.1'));
  symlinkSync('libtensorflow_framework.so.2', path.join(lib, 'libtensorflow_framework.so'));
  const tarball = path.join(dir, TARBALL);
  const t = run('tar', ['-C', stageDir, '--use-compress-program=gzip -1', '-cf', tarball, 'lib', 'include']);
  if (!t.ok) fail(`could not pack the staged libtensorflow: ${lastLine(t.out)}`);
  rmSync(stageDir, { recursive: true });
  return tarball;
}

/** Serves the one tarball on 127.0.0.1 (a free port) until close(); everything else is 404. */
function serve(tarball) {
  const size = statSync(tarball).size;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === `${BASE_PATH}${TARBALL}`) {
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': size });
      createReadStream(tarball).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ base: `http://127.0.0.1:${server.address().port}${BASE_PATH}`, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}

function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  // Node's own headers (Debian/NodeSource packages install them under <prefix>/include/node).
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function npmInstall(base, logFile) {
  const env = {
    ...process.env,
    TFJS_NODE_BASE_URI: base,
    npm_config_build_from_source: '@tensorflow/tfjs-node', // compile the addon: no prebuilt one for TF 2.21
  };
  const nodedir = nodeHeadersDir();
  if (nodedir) env.npm_config_nodedir = nodedir; // node-gyp would otherwise download Node's headers
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--foreground-scripts', `@tensorflow/tfjs-node@${TFJS_NODE}`];
  return new Promise((resolve) => {
    const child = spawn(npm, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code) => {
      const out = Buffer.concat(chunks).toString('utf8');
      writeFileSync(logFile, out);
      resolve({ ok: code === 0, out });
    });
  });
}

const duMb = (p) => (existsSync(p) ? Number(run('du', ['-sk', p]).out.split(/\s/)[0]) / 1024 : 0);

async function main() {
  checkMachine();
  const before = probeNative();
  if (works(before)) {
    say(`@tensorflow/tfjs-node ${before.version} is already built and working here (backend tensorflow); nothing to do`);
    return;
  }
  const py = findPython();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-native-'));
  const sizeBefore = duMb(path.join(root, 'node_modules'));
  try {
    say(`fetching ${WHEEL.file} with pip (sha256 ${WHEEL.sha256.slice(0, 12)}...)`);
    const wheel = timed('wheel', () => fetchWheel(py, dir));
    say('staging libtensorflow (2 libraries, C API headers) from the wheel');
    const tarball = timed('stage', () => stage(py, wheel, dir));
    const server = await serve(tarball);
    say(
      `building @tensorflow/tfjs-node ${TFJS_NODE} (npm install, addon compiled by node-gyp; tarball served on ${new URL(server.base).host} only)`,
    );
    const logFile = path.join(os.tmpdir(), 'licklab-native-install-npm.log');
    const npm = await timed('npm install + compile', () => npmInstall(server.base, logFile)).finally(() => server.close());
    // `npm install <pkg>` prunes the electron package our postinstall unpacked (DEVELOPERS.md).
    run(process.execPath, [path.join(root, 'scripts', 'postinstall.js')], { cwd: root, stdio: 'inherit' });
    const after = probeNative();
    if (!works(after)) {
      // npm drops an optional package whose install fails and still exits 0: find why in its log.
      const section = npm.out.split(/\n(?=> )/).find((part) => part.startsWith('> @tensorflow/tfjs-node@')) ?? '';
      const why = section
        .split('\n')
        .find((l) => /^\s*(\w*Error\b|gyp ERR!|node-pre-gyp (ERR!|install failed))/.test(l))
        ?.trim();
      console.error(npm.out.split('\n').slice(-25).join('\n'));
      if (!npm.ok || why) fail(`npm install @tensorflow/tfjs-node@${TFJS_NODE} failed: ${why ?? lastLine(npm.out)} (full log: ${logFile})`);
      fail(
        `@tensorflow/tfjs-node was built but does not run: ${after.error ?? `backend ${after.backend}, 2x2 product ${after.product}`} (npm log: ${logFile})`,
      );
    }
    writeFileSync(
      marker,
      `${JSON.stringify({ wheel: WHEEL.file, sha256: WHEEL.sha256, tfjsNode: TFJS_NODE, builtAt: new Date().toISOString() }, null, 2)}\n`,
    );
    const added = duMb(path.join(root, 'node_modules')) - sizeBefore;
    say(
      `@tensorflow/tfjs-node ${after.version} built and working: backend tensorflow; ${timings.join(', ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s; node_modules +${added.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check() {
  const p = probeNative();
  if (works(p)) {
    say(`@tensorflow/tfjs-node ${p.version} loads and runs here (backend tensorflow)`);
    return;
  }
  const missing = /Cannot find module '@tensorflow\/tfjs-node'/.test(p.error ?? '');
  fail(
    missing
      ? '@tensorflow/tfjs-node is not installed (npm run native:install builds it)'
      : `@tensorflow/tfjs-node does not run here: ${p.error ?? `backend ${p.backend}, 2x2 product ${p.product}`}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  (process.argv.includes('--check') ? Promise.resolve().then(check) : main()).catch((err) => {
    if (!(err instanceof Failure)) console.error(err);
    say(err instanceof Failure ? err.message : `failed: ${err?.message ?? err}`);
    process.exit(1);
  });
}
