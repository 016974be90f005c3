// Generation speed: ms per generated event with the default model (one stateful step per event
// on the wasm kernels), against the naive way (model.predict on the whole growing window for every event).
// With tfjs-node present, also the native path against the wasm path, interleaved take by take:
// the model loaded on each backend, its stepper timed in turn.
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateBackend, describeBackend, initBackend } from '../models/lstm/backend';
import { PRESETS } from '../models/lstm/hyperparameters';
import { loadModelFolder } from '../models/lstm/model-io';
import { buildModel } from '../models/lstm/network';
import { progressionFromForm } from '../models/music/progression';
import { chooseToken, generate } from '../models/lstm/sample';
import { LstmStepper } from '../models/lstm/stepper';
import { contextAt } from '../models/music/encode';
import type { EncodedEvent } from '../models/music/vocabulary';
import { quantile } from './lstm-step';

const DEFAULT_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'default-model');
const EVENTS = 256;

async function model(): Promise<{ model: tf.LayersModel; which: string }> {
  if (existsSync(path.join(DEFAULT_MODEL, 'licklab.json')))
    return { model: (await loadModelFolder(DEFAULT_MODEL)).model, which: 'assets/default-model' };
  const hp = PRESETS.default;
  return {
    model: buildModel(hp, 1),
    which: `untrained model of the default preset's shape (${hp.layers} x ${hp.units}; assets/default-model not built yet)`,
  };
}

/** The naive sampler: re-run the whole window through model.predict for every new event (in the
 *  model's own vocabulary, read from its shapes as the stepper does). */
function naive(m: tf.LayersModel, events: number, prog: ReturnType<typeof progressionFromForm>): number {
  const vocab = LstmStepper.fromModel(m).vocabulary;
  const width = vocab.inputSize;
  const rows: number[][] = [];
  let prev: EncodedEvent | null = null;
  let tick = 0;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const ctx = contextAt(tick, prog.chords, prog.bars);
    rows.push(vocab.inputIndices(prev, ctx));
    const data = new Float32Array(rows.length * width);
    rows.forEach((idx, t) => idx.forEach((k) => (data[t * width + k] = 1)));
    const [p, d] = tf.tidy(() => {
      const out = m.predict(tf.tensor3d(data, [1, rows.length, width])) as tf.Tensor[];
      return out.map((o) => o.slice([0, rows.length - 1, 0], [1, 1, -1]).log());
    });
    const pl = p.dataSync();
    const dl = d.dataSync();
    tf.dispose([p, d]);
    const ev: EncodedEvent = { pitch: chooseToken(pl, 0.5, { temperature: 1 }), dur: chooseToken(dl, 0.5, { temperature: 1 }), ...ctx };
    tick += vocab.spanTicks(ev.dur);
    prev = ev;
  }
  return performance.now() - t0;
}

/** ms per event of one take of `stepper` (at least `events` events). */
function takeMs(stepper: LstmStepper, prog: ReturnType<typeof progressionFromForm>, seed: number, events = EVENTS): number {
  for (let bars = 16; ; bars *= 2) {
    const t0 = performance.now();
    const take = generate(stepper, { ...prog, seed, temperature: 1, endTick: bars * 48 });
    const ms = performance.now() - t0;
    if (take.events.length >= events || bars >= 4096) return ms / take.events.length;
  }
}

/** The chosen native sampling path against the wasm one, takes interleaved; skipped without tfjs-node. */
async function nativeAgainstWasm(prog: ReturnType<typeof progressionFromForm>): Promise<void> {
  const before = tf.getBackend();
  const problem = (await activateBackend('tensorflow')) ?? (await activateBackend('wasm'));
  if (problem) {
    console.log(`native vs wasm sampling: skipped, ${problem}`);
    return;
  }
  const steppers: Record<'tensorflow' | 'wasm', LstmStepper> = {} as never;
  for (const name of ['tensorflow', 'wasm'] as const) {
    await tf.setBackend(name);
    const { model: m } = await model();
    steppers[name] = LstmStepper.fromModel(m);
    m.dispose();
    takeMs(steppers[name], prog, 0); // warm up
  }
  // Pairs of the same take, the order flipped every round (ABBA) so drifting load hits both alike;
  // the ratio is the median of the pairs' ratios. Takes of 2048 events or more: a 256-event take
  // lasts ~4 ms, where a timer tick or a GC moved single pairs by 10%.
  const times: Record<'tensorflow' | 'wasm', number[]> = { tensorflow: [], wasm: [] };
  const ratios: number[] = [];
  const ROUNDS = 32;
  for (let run = 0; run < ROUNDS; run++) {
    const order = run % 2 === 0 ? (['tensorflow', 'wasm'] as const) : (['wasm', 'tensorflow'] as const);
    for (const name of order) {
      await tf.setBackend(name);
      times[name].push(takeMs(steppers[name], prog, run, 2048));
    }
    ratios.push(times.wasm[run] / times.tensorflow[run]);
  }
  const med = (xs: number[]) => quantile(xs, 0.5);
  console.log(
    `native vs wasm sampling (the same ${ROUNDS} takes each, in ABBA order): native ${med(times.tensorflow).toFixed(4)} ms/event, wasm ${med(times.wasm).toFixed(4)} ms/event, ` +
      `ratio wasm/native ${med(ratios).toFixed(2)} (median of the pairs, quartiles ${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)}; both run LickLab's wasm stepper, the backend only loads the weights, so 1.0 is the expectation)`,
  );
  if (before) await tf.setBackend(before);
}

export default async function main(): Promise<void> {
  const backend = await initBackend();
  const { model: m, which } = await model();
  console.log(`backend ${describeBackend(backend)}; model: ${which}`);
  const stepper = LstmStepper.fromModel(m);
  const prog = progressionFromForm('blues', 'F', { bars: 600 });
  generate(stepper, { ...prog, seed: 0, temperature: 1, endTick: 48 * 4 }); // warm up the JIT
  // Takes long enough for 256 events whatever the model's rhythm; time scaled to exactly 256 events.
  const perEvent: number[] = [];
  let events = 0;
  for (let run = 0; run < 5; run++) {
    for (let bars = 16; ; bars *= 2) {
      const t0 = performance.now();
      const take = generate(stepper, { ...prog, seed: run, temperature: 1, endTick: bars * 48 });
      const ms = performance.now() - t0;
      if (take.events.length >= EVENTS || bars >= 512) {
        perEvent.push(ms / take.events.length);
        events = take.events.length;
        break;
      }
    }
  }
  perEvent.sort((a, b) => a - b);
  const stepMs = perEvent[2];
  console.log(
    `stepper: ${stepMs.toFixed(3)} ms/event -> ${EVENTS} events in ${(stepMs * EVENTS).toFixed(0)} ms (median of 5 takes, last ${events} events)`,
  );
  const bars32 = generate(stepper, { ...prog, seed: 9, temperature: 1, endTick: 32 * 48 });
  const t32 = performance.now();
  generate(stepper, { ...prog, seed: 9, temperature: 1, endTick: 32 * 48 });
  console.log(`32 bars (${bars32.events.length} events) in ${(performance.now() - t32).toFixed(0)} ms`);
  const naiveEvents = 128;
  const naiveMs = naive(m, naiveEvents, prog);
  const stepFor = stepMs * naiveEvents;
  console.log(
    `naive model.predict on the growing window: ${(naiveMs / naiveEvents).toFixed(2)} ms/event over ${naiveEvents} events (${naiveMs.toFixed(0)} ms); ` +
      `the stepper is ${(naiveMs / stepFor).toFixed(0)}x faster at this length, and the naive cost keeps growing with the window`,
  );
  await nativeAgainstWasm(prog);
}
