// The wasm kernels (wasm/lstm-kernels.ts) on one shared memory, a small first-fit allocator over
// that memory, and a pool of worker threads each running its own instance of the same module on
// the same memory (kernel-helpers.ts; jobs reach them as numbers in shared memory). Work is handed
// out as lists of kernel calls, so main and workers run the exact same code. Everything here is
// synchronous (a tfjs op's forward and gradient must be).
import { availableParallelism } from 'node:os';
import { KERNELS_WASM_BASE64 } from './kernels-wasm';
import { Helper, JOB_SLOTS, encodeJob } from './kernel-helpers';

export interface KernelExports {
  gemm(M: number, N: number, K: number, a: number, lda: number, bp: number, c: number, ldc: number): void;
  packB(K: number, N: number, src: number, ldb: number, dst: number): void;
  packBT(K: number, N: number, src: number, lds: number, dst: number): void;
  transpose(R: number, C: number, src: number, lds: number, dst: number, ldd: number): void;
  sparseProject(R: number, G: number, off: number, idx: number, val: number, w: number, bias: number, a: number): void;
  fillBias(R: number, G: number, bias: number, a: number): void;
  lstmForward(B: number, T: number, U: number, up: number, a: number, h: number, c: number, tc: number): void;
  lstmBackward(
    B: number,
    T: number,
    U: number,
    utp: number,
    a: number,
    c: number,
    tc: number,
    dy: number,
    dh: number,
    dc: number,
    tmp: number,
  ): void;
  sparseWeightGrad(R: number, G: number, off: number, idx: number, val: number, dz: number, dw: number): void;
  columnSums(R: number, G: number, dz: number, db: number): void;
  gemv(N: number, K: number, a: number, bp: number, c: number): void;
  lstmCell(U: number, hard: number, z: number, c: number, h: number): void;
  heapBase(): number;
  takeOutputs(Bt: number, T: number, U: number, h: number, y: number, rate: number, seed: number, mask: number): void;
  mulInPlace(n: number, a: number, m: number): void;
  zero(n: number, a: number): void;
  softmaxXent(
    R: number,
    P: number,
    D: number,
    logits: number,
    pitch: number,
    dur: number,
    mask: number,
    scale: number,
    eps: number,
    out: number,
  ): void;
  addInto(n: number, dst: number, src: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  sumSquares(n: number, a: number): number;
  adam(
    n: number,
    p: number,
    g: number,
    m: number,
    v: number,
    scale: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    c1: number,
    c2: number,
  ): void;
}

/** One kernel call: [export name, ...integer args]. */
export type KernelCall = [keyof KernelExports, ...number[]];

const PAGE = 65536;

let compiled: WebAssembly.Module | null = null;

/** The compiled kernels module (compiled once per process; every instance shares it). */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}
const MAX_PAGES = 16384; // must match --maximumMemory in scripts/build-wasm.js
const ALIGN = 64;

/** The kernels, their memory and helpers. One per process (see kernels()). */
export class Kernels {
  readonly ex: KernelExports;
  readonly memory: WebAssembly.Memory;
  private readonly module: WebAssembly.Module;
  private helpers: Helper[] | null = null;
  private readonly queue = new Int32Array(new SharedArrayBuffer(4));
  private readonly job = new Float64Array(new SharedArrayBuffer(JOB_SLOTS * 8));
  private free: { ptr: number; size: number }[] = [];
  private sizes = new Map<number, number>();
  private top: number;

  constructor(threads: number) {
    this.module = kernelModule();
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
      else {
        b.ptr += size;
        b.size -= size;
      }
    } else {
      ptr = this.top;
      const end = ptr + size;
      const have = this.memory.buffer.byteLength;
      if (end > have) {
        const pages = Math.ceil((end - have) / PAGE);
        if (have / PAGE + pages > MAX_PAGES)
          throw new Error(
            `fast LSTM needs ${Math.ceil(end / 2 ** 20)} MiB of wasm memory, more than its ${MAX_PAGES / 16} MiB limit: use a smaller batch or window`,
          );
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

  /** Bytes currently allocated (leak checks). */
  liveBytes(): number {
    let n = 0;
    for (const size of this.sizes.values()) n += size;
    return n;
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

  /** Runs all parts (independent call lists) on this thread and the helper threads, each thread
   *  taking the next part from a shared counter; returns when every part is done. */
  runParallel(parts: KernelCall[][]): void {
    const wanted = parts.length > 1 && this.threads > 1 && encodeJob(parts, this.job);
    const helpers = wanted ? this.getHelpers(Math.min(this.threads, parts.length) - 1) : [];
    Atomics.store(this.queue, 0, 0);
    const started = helpers.filter((h) => h.start()); // a helper still starting just sits this one out
    let error: unknown = null;
    try {
      for (let i = Atomics.add(this.queue, 0, 1); i < parts.length; i = Atomics.add(this.queue, 0, 1)) this.run(parts[i]);
    } catch (err) {
      error = err;
      Atomics.store(this.queue, 0, parts.length); // helpers stop taking parts
    }
    for (const h of started) h.finish();
    if (error) throw error;
  }

  /** Starts the helper threads now and waits until they can take work (tests, benchmarks). */
  startHelpers(timeoutMs = 10000): boolean {
    return this.getHelpers(this.threads - 1).every((h) => h.waitReady(timeoutMs));
  }

  private getHelpers(n: number): Helper[] {
    this.helpers ??= [];
    while (this.helpers.length < n)
      this.helpers.push(new Helper(this.module, this.memory, this.queue.buffer as SharedArrayBuffer, this.job.buffer as SharedArrayBuffer));
    return this.helpers;
  }
}

let shared: Kernels | null = null;

/** Threads for the fast path: LICKLAB_FAST_LSTM_THREADS, else the machine's cores (at most 4:
 *  each thread needs a few batch rows to itself). */
export function defaultThreads(): number {
  const env = Number(process.env.LICKLAB_FAST_LSTM_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.min(4, availableParallelism());
}

export function kernels(): Kernels {
  shared ??= new Kernels(defaultThreads());
  return shared;
}
