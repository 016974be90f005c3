// Picks the fastest TensorFlow.js backend that loads here: native tfjs-node, else WebAssembly,
// else plain JS (cpu). tfjs-node is an optional dependency whose install downloads libtensorflow,
// so it is often missing; we say why, so the user knows what they are missing and how to get it
// (`npm run native:install` builds it offline). Which parts of training run where on the chosen
// backend (the LSTM recurrence always on our wasm kernels) is reported too (fast/placement.ts).
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { describePlacement, type PlacementPart } from './fast/placement';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  version: string;
  threads?: number;
  simd?: boolean;
  /** Why a faster backend is not active (empty when the native backend runs). */
  fallbackReason?: string;
  /** Which parts of training and sampling run where, and why (the status bar and `licklab backend`). */
  parts?: PlacementPart[];
}

const require = createRequire(import.meta.url);
let active: Promise<BackendInfo> | null = null;

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 300);
}

/** Settings libtensorflow reads once, when it loads; the user's own values win. */
export const NATIVE_ENV_DEFAULTS: Record<string, string> = {
  // INFO lines (oneDNN notice, CPU feature guard) on every start are noise in CLI output.
  TF_CPP_MIN_LOG_LEVEL: '1',
  // oneDNN on (TF's default on x86). bench/native-onednn.bench.ts, 2 x 256 step (its weight products
  // are TensorFlow matMuls): off 1.03-1.07x faster; a whole epoch of the WJD solos with the solos
  // preset (dev pass included): on 10.3 s, off 10.6-10.9 s. The epoch is what a musician waits for.
  // Set explicitly so a stray global setting is visible in `licklab backend`.
  TF_ENABLE_ONEDNN_OPTS: '1',
};

async function tryNative(): Promise<string | null> {
  for (const [key, value] of Object.entries(NATIVE_ENV_DEFAULTS)) process.env[key] ??= value;
  try {
    // Loading registers the 'tensorflow' backend; it throws when libtensorflow is missing.
    require('@tensorflow/tfjs-node');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes("'@tensorflow/tfjs-node'")) {
      return 'the native backend @tensorflow/tfjs-node is not installed (its install downloads libtensorflow, which failed or was skipped: run `npm run native:install` to build it offline, or `npm install @tensorflow/tfjs-node` with internet access)';
    }
    return `@tensorflow/tfjs-node failed to load: ${firstLine(err)}`;
  }
  return (await tf.setBackend('tensorflow')) ? null : '@tensorflow/tfjs-node loaded but its backend did not initialize';
}

async function tryWasm(): Promise<string | null> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    return (await tf.setBackend('wasm')) ? null : 'the WebAssembly backend did not initialize';
  } catch (err) {
    return `the WebAssembly backend failed to load: ${firstLine(err)}`;
  }
}

/** Loads and activates one backend; null when it runs, else why not. Benchmarks and tests use it
 *  to hold two backends in one process (tf.setBackend switches between loaded ones). */
export async function activateBackend(name: BackendName): Promise<string | null> {
  if (name === 'tensorflow') return tryNative();
  if (name === 'wasm') return tryWasm();
  return (await tf.setBackend('cpu')) ? null : 'the cpu backend did not initialize';
}

async function select(prefer?: BackendName): Promise<BackendInfo> {
  // Production mode: no console banners from TensorFlow.js (the cpu backend's "install our node
  // backend" advice printed once per process); LickLab says itself which backend runs and why.
  tf.enableProdMode();
  const reasons: string[] = [];
  const order: BackendName[] = prefer ? [prefer, 'tensorflow', 'wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of [...new Set(order)]) {
    const problem = await activateBackend(name);
    if (problem === null) {
      await tf.ready();
      return describe(name, reasons);
    }
    reasons.push(problem);
  }
  throw new Error(`No TensorFlow.js backend could start: ${reasons.join('; ')}`);
}

function describe(name: BackendName, reasons: string[]): BackendInfo {
  const info: BackendInfo = { name, version: tf.version.tfjs };
  if (name === 'wasm') {
    info.simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    info.threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? navigatorThreads() : 1;
  } else if (name === 'tensorflow') {
    info.version = (tf.version as Record<string, string>)['tfjs-node'] ?? tf.version.tfjs;
  } else {
    info.threads = 1;
  }
  if (reasons.length > 0) info.fallbackReason = reasons.join('; ');
  info.parts = describePlacement(name);
  return info;
}

function navigatorThreads(): number {
  return (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
}

/** Initialize TensorFlow.js once per process and report which backend runs. `LICKLAB_BACKEND`
 *  (tensorflow|wasm|cpu) asks for one first, for benchmarks and tests. */
export function initBackend(prefer?: BackendName): Promise<BackendInfo> {
  const fromEnv = process.env.LICKLAB_BACKEND as BackendName | undefined;
  active ??= select(prefer ?? (fromEnv && ['tensorflow', 'wasm', 'cpu'].includes(fromEnv) ? fromEnv : undefined));
  return active;
}

/** One line for logs and the status bar, e.g. "wasm 4.22.0 (SIMD, 1 thread)". */
export function describeBackend(info: BackendInfo): string {
  const extras: string[] = [];
  if (info.simd !== undefined) extras.push(info.simd ? 'SIMD' : 'no SIMD');
  if (info.threads !== undefined) extras.push(`${info.threads} thread${info.threads === 1 ? '' : 's'}`);
  return `${info.name} ${info.version}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}
