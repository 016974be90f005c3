// `npm run bench -- --json`: the figures issue 17 asks for, as one object, every ratio from one run.
// Fast and stock alternate within each round, their order flipped every round (ABBA), so a change
// of load hits both alike. Sampling: the wasm stepper against tfjs's own stateful one-step predict
// on the same backend, the same takes (same seeds) through the same generate(). Training: one step
// (forward, backward, Adam) of LickLab's network, fast path on 2 kernel threads against
// tf.layers.lstm, for the default preset and 2 x 256. Medians of wall and CPU time (CPU =
// process.cpuUsage, every thread); FLOPs are the work really done: the one-hot input as a gather
// (2 flops per active unit and gate), products as 2 flops per multiply-add.
import type * as tf from '@tensorflow/tfjs';
import { availableParallelism, loadavg } from 'node:os';
import { installFastMatMul, uninstallFastMatMul } from '../models/lstm/fast';
import { kernels } from '../models/lstm/fast/kernels';
import { PRESETS } from '../models/lstm/hyperparameters';
import { generate, type Take } from '../models/lstm/sample';
import { LstmStepper, type StepperWeights } from '../models/lstm/stepper';
import { progressionFromForm } from '../models/music/progression';
import { PITCH_TOKENS, DURATION_TOKENS, type EncodedEvent } from '../models/music/vocabulary';
import { StepRunner, gflopPerBatch, median, type Shape } from './lstm-step';
import { StockStepper } from './stock-stepper';

export interface ReportOptions {
  /** Rounds of each A/B comparison (sampling, default preset, 2 x 256). */
  rounds: { sampling: number; default: number; big: number };
  /** Bars per timed take (the same take for fast and stock). */
  takeBars: number;
  threads: number;
  shapes: { default: Shape; big: Shape };
  /** The model sampling runs: the shipped default model's weights, or a stand-in. */
  model: tf.LayersModel;
  modelName: string;
  /** Stderr lines as it goes (the JSON goes to stdout alone). */
  log?: (line: string) => void;
}

interface Timed {
  ms: number;
  cpuMs: number;
}

function timed(fn: () => void): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

async function timedAsync(fn: () => Promise<unknown>): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** FLOPs of one sampling step: gather (2 per active unit and gate), h U, dense later inputs, both heads. */
function flopPerEvent(w: StepperWeights, activeUnits: number): number {
  let f = 0;
  w.layers.forEach((l, i) => {
    const g = 4 * l.units;
    f += (i === 0 ? 2 * activeUnits * g : 2 * l.inputSize * g) + 2 * l.units * g;
  });
  return f + 2 * w.pitch.inputSize * (w.pitch.units + w.dur.units);
}

export async function samplingReport(o: ReportOptions) {
  const fast = LstmStepper.fromModel(o.model);
  const stock = new StockStepper(fast.weights);
  const prog = progressionFromForm('blues', 'F', { bars: Math.max(32, o.takeBars) });
  const solo = progressionFromForm('blues', 'F', { bars: 32 });
  const take = (s: LstmStepper, seed: number) => generate(s, { ...prog, seed, temperature: 1, endTick: o.takeBars * 48 });
  take(fast, 1000); // warm-up (JIT, first tf kernels)
  take(stock, 1000);
  const f: Timed[] = [];
  const s: Timed[] = [];
  const ratios: number[] = [];
  const soloRuns: Timed[] = [];
  let sameTakes = 0;
  let events = 0;
  let active = 0;
  for (let r = 0; r < o.rounds.sampling; r++) {
    const got: Partial<Record<'fast' | 'stock', { t: Timed; take: Take }>> = {};
    for (const which of r % 2 === 0 ? (['fast', 'stock'] as const) : (['stock', 'fast'] as const)) {
      let tk: Take | null = null;
      const t = timed(() => (tk = take(which === 'fast' ? fast : stock, r)));
      got[which] = { t, take: tk! };
    }
    const a = got.fast!;
    const b = got.stock!;
    const n = a.take.events.length;
    f.push({ ms: a.t.ms / n, cpuMs: a.t.cpuMs / n });
    s.push({ ms: b.t.ms / b.take.events.length, cpuMs: b.t.cpuMs / b.take.events.length });
    ratios.push(s[r].ms / f[r].ms);
    if (JSON.stringify(a.take.events) === JSON.stringify(b.take.events)) sameTakes++;
    events += n;
    let prev: EncodedEvent | null = null;
    for (const e of a.take.events) {
      active += fast.vocabulary.inputIndices(prev, e).length;
      prev = e;
    }
    soloRuns.push(timed(() => generate(fast, { ...solo, seed: r, temperature: 1 })));
    o.log?.(`sampling round ${r + 1}: fast ${f[r].ms.toFixed(4)} ms/event, stock ${s[r].ms.toFixed(3)} ms/event (${n} events)`);
  }
  stock.dispose();
  const flop = flopPerEvent(fast.weights, active / events);
  const msPerEvent = median(f.map((x) => x.ms));
  return {
    msPerEvent: round5(msPerEvent),
    stockMsPerEvent: round5(median(s.map((x) => x.ms))),
    ratio: round3(median(ratios)),
    cpuMsPerEvent: round5(median(f.map((x) => x.cpuMs))),
    stockCpuMsPerEvent: round5(median(s.map((x) => x.cpuMs))),
    solo32Ms: round3(median(soloRuns.map((x) => x.ms))),
    solo32CpuMs: round3(median(soloRuns.map((x) => x.cpuMs))),
    flopPerEvent: Math.round(flop),
    gflops: round3(flop / (msPerEvent * 1e6)),
    rounds: o.rounds.sampling,
    eventsPerTake: Math.round(events / o.rounds.sampling),
    sameTakes,
    model: o.modelName,
    ratioIs: 'median over rounds of stock / fast wall ms per event of the same take',
  };
}

/** GFLOP of one training step, as done: the first layer's one-hot input as a gather forward and
 *  a scatter-add backward (no input gradient), every product 3 times (forward, both gradients). */
function gflopPerStep(s: Shape, nonZeros: number): number {
  const rows = s.batchSize * s.window;
  const g = 4 * s.units;
  let f = 2 * (2 * nonZeros * g); // gather + scatter-add
  f += 3 * 2 * rows * s.units * g; // recurrent, first layer
  f += (s.layers - 1) * 2 * 3 * 2 * rows * s.units * g; // later layers: input and recurrent products
  f += 3 * 2 * rows * s.units * (PITCH_TOKENS + DURATION_TOKENS); // heads
  return f / 1e9;
}

export async function trainingReport(s: Shape, rounds: number, threads: number, log?: (line: string) => void) {
  const k = kernels();
  const saved = k.threads;
  k.threads = threads;
  k.startHelpers();
  const fast = new StepRunner(s, true);
  const stock = new StepRunner(s, false);
  const stepFast = () => (installFastMatMul(), timedAsync(() => fast.step()));
  const stepStock = () => (uninstallFastMatMul(), timedAsync(() => stock.step()));
  await stepFast(); // warm-up
  await stepStock();
  const f: Timed[] = [];
  const st: Timed[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      f.push(await stepFast());
      st.push(await stepStock());
    } else {
      st.push(await stepStock());
      f.push(await stepFast());
    }
    ratios.push(st[r].ms / f[r].ms);
    log?.(`${s.name} round ${r + 1}: fast ${f[r].ms.toFixed(1)} ms, stock ${st[r].ms.toFixed(0)} ms`);
  }
  installFastMatMul();
  const nonZeros = fast.inputNonZeros();
  fast.dispose();
  stock.dispose();
  k.threads = saved;
  const gf = gflopPerStep(s, nonZeros);
  const fastMs = median(f.map((x) => x.ms));
  const stockMs = median(st.map((x) => x.ms));
  return {
    fastMs: round3(fastMs),
    stockMs: round3(stockMs),
    ratio: round3(median(ratios)),
    fastCpuMs: round3(median(f.map((x) => x.cpuMs))),
    stockCpuMs: round3(median(st.map((x) => x.cpuMs))),
    fastMinMs: round3(Math.min(...f.map((x) => x.ms))),
    stockMinMs: round3(Math.min(...st.map((x) => x.ms))),
    gflopPerStep: round5(gf),
    fastGflops: round3(gf / (fastMs / 1000)),
    stockGflops: round3(gf / (stockMs / 1000)),
    denseCountedGflopPerStep: round5(gflopPerBatch(s)),
    rounds,
    threads,
    shape: { units: s.units, layers: s.layers, window: s.window, batch: s.batchSize },
    ratioIs: 'median over rounds of stock / fast wall ms of one training step',
  };
}

/** The whole report (one object). */
export async function benchReport(o: ReportOptions, backend: string) {
  const loadBefore = loadavg();
  const sampling = await samplingReport(o);
  const training = {
    default: await trainingReport(o.shapes.default, o.rounds.default, o.threads, o.log),
    '2x256': await trainingReport(o.shapes.big, o.rounds.big, o.threads, o.log),
  };
  return {
    backend,
    cpus: availableParallelism(),
    loadAverage: { before: loadBefore.map(round3), after: loadavg().map(round3) },
    sampling,
    training,
  };
}

/** The issue's shapes: the default preset (as the trainer runs it) and 2 x 256 (window 64, batch 64). */
export function issueShapes(): { default: Shape; big: Shape } {
  const d = PRESETS.default;
  return {
    default: { name: `default preset ${d.layers}x${d.units}`, units: d.units, layers: d.layers, window: d.window, batchSize: d.batchSize },
    big: { name: '2x256 (window 64, batch 64)', units: 256, layers: 2, window: 64, batchSize: 64 },
  };
}
