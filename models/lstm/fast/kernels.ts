// The wasm kernels (wasm/lstm-kernels.ts) on one shared memory, a small first-fit allocator over
// that memory, and a pool of worker threads each running its own instance of the same module on
// the same memory. Work is handed out as lists of kernel calls, so main and workers run the exact
// same code. Everything here is synchronous (a tfjs op's forward and gradient must be).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { KERNELS_WASM_BASE64 } from './kernels-wasm';

export interface KernelExports {
  gemm(M: number, N: number, K: number, a: number, lda: number, bp: number, c: number, ldc: number): void;
  packB(K: number, N: number, src: number, ldb: number, dst: number): void;
  packBT(K: number, N: number, src: number, lds: number, dst: number): void;
  transpose(R: number, C: number, src: number, lds: number, dst: number, ldd: number): void;
  sparseProject(R: number, G: number, off: number, idx: number, val: number, w: number, bias: number, a: number): void;
  fillBias(R: number, G: number, bias: number, a: number): void;
  lstmForward(B: number, T: number, U: number, up: number, a: number, h: number, c: number, tc: number): void;
  lstmBackward(B: number, T: number, U: number, utp: number, a: number, c: number, tc: number, dy: number, dh: number, dc: number, tmp: number): void;
  sparseWeightGrad(R: number, G: number, off: number, idx: number, val: number, dz: number, dw: number): void;
  columnSums(R: number, G: number, dz: number, db: number): void;
  heapBase(): number;
}

/** One kernel call: [export name, ...integer args]. */
export type KernelCall = [keyof KernelExports, ...number[]];

const PAGE = 65536;
const MAX_PAGES = 16384; // must match --maximumMemory in scripts/build-wasm.js
const ALIGN = 64;

// Runs in each worker (eval'd, plain JS): instantiate, then execute call lists on request.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, ctrl, errText } = workerData;
const flags = new Int32Array(ctrl);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
Atomics.store(flags, 1, 1); Atomics.notify(flags, 1);
parentPort.on('message', (calls) => {
  try {
    for (const c of calls) ex[c[0]](...c.slice(1));
    Atomics.store(flags, 0, 1);
  } catch (err) {
    new Uint8Array(errText).set(new TextEncoder().encode(String(err && err.stack || err)).slice(0, 1023));
    Atomics.store(flags, 0, 2);
  }
  Atomics.notify(flags, 0);
});
`;

class Helper {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private readonly errText: SharedArrayBuffer;

  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory) {
    const ctrl = new SharedArrayBuffer(8);
    this.flags = new Int32Array(ctrl);
    this.errText = new SharedArrayBuffer(1024);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctrl, errText: this.errText } });
    this.worker.unref(); // never keeps the process alive
  }

  start(calls: KernelCall[]): void {
    // Wait (once) until the worker has its instance, then post the job.
    while (Atomics.load(this.flags, 1) === 0) Atomics.wait(this.flags, 1, 0, 10000);
    Atomics.store(this.flags, 0, 0);
    this.worker.postMessage(calls);
  }

  finish(): void {
    while (Atomics.load(this.flags, 0) === 0) Atomics.wait(this.flags, 0, 0, 10000);
    if (Atomics.load(this.flags, 0) === 2) {
      const text = new TextDecoder().decode(new Uint8Array(this.errText).slice()).replace(/\0+$/, '');
      throw new Error(`fast LSTM worker failed: ${text}`);
    }
  }
}

/** The kernels, their memory and helpers. One per process (see kernels()). */
export class Kernels {
  readonly ex: KernelExports;
  readonly memory: WebAssembly.Memory;
  private readonly module: WebAssembly.Module;
  private helpers: Helper[] | null = null;
  private free: { ptr: number; size: number }[] = [];
  private sizes = new Map<number, number>();
  private top: number;

  constructor(threads: number) {
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    this.module = new WebAssembly.Module(bytes);
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    this.ex = new WebAssembly.Instance(this.module, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    this.top = Math.ceil(this.ex.heapBase() / ALIGN) * ALIGN;
    this.threads = Math.max(1, Math.floor(threads));
  }

  threads: number;

  /** A byte pointer to `bytes` of zero-initialised-or-not memory (64-byte aligned). */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const i = this.free.findIndex((b) => b.size >= size);
    let ptr: number;
    if (i >= 0) {
      const b = this.free[i];
      ptr = b.ptr;
      if (b.size === size) this.free.splice(i, 1);
      else { b.ptr += size; b.size -= size; }
    } else {
      ptr = this.top;
      const end = ptr + size;
      const have = this.memory.buffer.byteLength;
      if (end > have) {
        const pages = Math.ceil((end - have) / PAGE);
        if (have / PAGE + pages > MAX_PAGES) throw new Error(`fast LSTM needs ${Math.ceil(end / 2 ** 20)} MiB of wasm memory, more than its ${MAX_PAGES / 16} MiB limit: use a smaller batch or window`);
        this.memory.grow(pages);
      }
      this.top = end;
    }
    this.sizes.set(ptr, size);
    return ptr;
  }

  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) return;
    this.sizes.delete(ptr);
    this.free.push({ ptr, size });
    // Merge neighbours; give the top block back to the bump pointer.
    this.free.sort((a, b) => a.ptr - b.ptr);
    const merged: { ptr: number; size: number }[] = [];
    for (const b of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.ptr + last.size === b.ptr) last.size += b.size;
      else merged.push({ ...b });
    }
    const last = merged[merged.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      merged.pop();
    }
    this.free = merged;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  run(calls: KernelCall[]): void {
    for (const c of calls) (this.ex[c[0]] as (...a: number[]) => void)(...(c.slice(1) as number[]));
  }

  /** Runs parts[0] here and parts[1..] on helper threads, all at once; returns when all are done. */
  runParallel(parts: KernelCall[][]): void {
    if (parts.length === 1) return this.run(parts[0]);
    const helpers = this.getHelpers(parts.length - 1);
    parts.slice(1).forEach((p, i) => helpers[i].start(p));
    let error: unknown = null;
    try {
      this.run(parts[0]);
    } catch (err) {
      error = err;
    }
    for (let i = 0; i < parts.length - 1; i++) helpers[i].finish();
    if (error) throw error;
  }

  private getHelpers(n: number): Helper[] {
    this.helpers ??= [];
    while (this.helpers.length < n) this.helpers.push(new Helper(this.module, this.memory));
    return this.helpers;
  }
}

let shared: Kernels | null = null;

/** Threads for the fast path: LICKLAB_FAST_LSTM_THREADS, else all cores (at most 2: the batch
 *  split pays off only while each part keeps a few rows). */
export function defaultThreads(): number {
  const env = Number(process.env.LICKLAB_FAST_LSTM_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.min(2, availableParallelism());
}

export function kernels(): Kernels {
  shared ??= new Kernels(defaultThreads());
  return shared;
}
