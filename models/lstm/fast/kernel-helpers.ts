// The helper threads of the kernels (kernels.ts): each a worker_threads Worker with its own
// instance of the kernels module on the shared memory, woken through shared memory for each job.
import { Worker } from 'node:worker_threads';
import type { KernelCall, KernelExports } from './kernels';

// Every kernel a helper may be asked to run, by index (a job is encoded as numbers, below).
const CALLABLE: (keyof KernelExports)[] = [
  'gemm',
  'packB',
  'packBT',
  'transpose',
  'sparseProject',
  'fillBias',
  'lstmForward',
  'lstmBackward',
  'sparseWeightGrad',
  'columnSums',
  'gemv',
  'lstmCell',
  'takeOutputs',
  'mulInPlace',
  'zero',
  'softmaxXent',
  'addInto',
  'axpy',
  'sumSquares',
  'adam',
];
const CALL_INDEX = new Map(CALLABLE.map((name, i) => [name, i]));
/** Float64 slots of the shared job buffer (a job that does not fit runs on the main thread alone). */
export const JOB_SLOTS = 1 << 17;

// Runs in each worker (eval'd, plain JS): instantiate, then wait on its own generation counter for
// a job, which sits in the shared job buffer as numbers ([parts, part starts..., end, then per call
// kernel index, argument count, arguments]): no message is cloned per job, and a blocked
// Atomics.wait wakes faster than a message. Parts are taken from the shared queue counter until
// none is left (main takes parts the same way, so a thread that gets no core on a busy machine
// just takes fewer parts instead of holding everyone up).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, ctrl, errText, queue, job, names } = workerData;
const flags = new Int32Array(ctrl); // [0] job state (0 running, 1 done, 2 failed), [1] ready, [2] generation
const next = new Int32Array(queue);
const J = new Float64Array(job);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const fns = names.map((n) => ex[n]);
const args = [];
Atomics.store(flags, 1, 1); Atomics.notify(flags, 1);
let seen = 0;
for (;;) {
  Atomics.wait(flags, 2, seen);
  seen = Atomics.load(flags, 2);
  try {
    const parts = J[0];
    for (let i = Atomics.add(next, 0, 1); i < parts; i = Atomics.add(next, 0, 1)) {
      for (let at = J[1 + i], end = J[2 + i]; at < end; ) {
        const f = fns[J[at]], n = J[at + 1];
        args.length = n;
        for (let k = 0; k < n; k++) args[k] = J[at + 2 + k];
        f(...args);
        at += 2 + n;
      }
    }
    Atomics.store(flags, 0, 1);
  } catch (err) {
    new Uint8Array(errText).set(new TextEncoder().encode(String(err && err.stack || err)).slice(0, 1023));
    Atomics.store(flags, 0, 2);
  }
  Atomics.notify(flags, 0);
}
`;

/** Writes parts into the job buffer; false when they do not fit. */
export function encodeJob(parts: KernelCall[][], J: Float64Array): boolean {
  let at = 2 + parts.length;
  J[0] = parts.length;
  for (let i = 0; i < parts.length; i++) {
    J[1 + i] = at;
    for (const c of parts[i]) {
      if (at + c.length + 1 > J.length) return false;
      J[at] = CALL_INDEX.get(c[0])!;
      J[at + 1] = c.length - 1;
      for (let k = 1; k < c.length; k++) J[at + 1 + k] = c[k] as number;
      at += c.length + 1;
    }
  }
  J[1 + parts.length] = at;
  return true;
}

export class Helper {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private readonly errText: SharedArrayBuffer;

  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, queue: SharedArrayBuffer, job: SharedArrayBuffer) {
    const ctrl = new SharedArrayBuffer(12);
    this.flags = new Int32Array(ctrl);
    this.errText = new SharedArrayBuffer(1024);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, memory, ctrl, errText: this.errText, queue, job, names: CALLABLE },
    });
    this.worker.unref(); // never keeps the process alive
  }

  /** Wakes the worker for the job in the job buffer. False while it is still starting. */
  start(): boolean {
    if (Atomics.load(this.flags, 1) === 0) return false;
    Atomics.store(this.flags, 0, 0);
    Atomics.add(this.flags, 2, 1);
    Atomics.notify(this.flags, 2);
    return true;
  }

  /** Blocks until the worker has its instance (at most `ms`). */
  waitReady(ms: number): boolean {
    return Atomics.load(this.flags, 1) === 1 || Atomics.wait(this.flags, 1, 0, ms) !== 'timed-out' || Atomics.load(this.flags, 1) === 1;
  }

  finish(): void {
    while (Atomics.load(this.flags, 0) === 0) Atomics.wait(this.flags, 0, 0, 10000);
    if (Atomics.load(this.flags, 0) === 2) {
      const text = new TextDecoder().decode(new Uint8Array(this.errText).slice()).replace(/\0+$/, '');
      throw new Error(`fast LSTM worker failed: ${text}`);
    }
  }
}
