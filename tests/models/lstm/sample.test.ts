import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNgramIndex, NoveltyIndex, eventsToLine } from '../../../models/lstm/novelty';
import { progressionFromChart } from '../../../models/music/progression';
import { chooseToken, generate, primerFromEvents, validateSampling } from '../../../models/lstm/sample';
import { LstmStepper } from '../../../models/lstm/stepper';
import { DURATIONS } from '../../../models/music/vocabulary';
import { buildContractModel, randomizeWeights } from './helpers/contract-model';

describe('chooseToken', () => {
  const logits = [Math.log(0.2), Math.log(0.5), Math.log(0.3)]; // order by score: 1, 2, 0

  it('walks the inverse CDF in score order', () => {
    expect(chooseToken(logits, 0, { temperature: 1 })).toBe(1);
    expect(chooseToken(logits, 0.49, { temperature: 1 })).toBe(1);
    expect(chooseToken(logits, 0.51, { temperature: 1 })).toBe(2);
    expect(chooseToken(logits, 0.79, { temperature: 1 })).toBe(2);
    expect(chooseToken(logits, 0.81, { temperature: 1 })).toBe(0);
  });

  it('is greedy near T = 0, and with top-k 1 or a small top-p', () => {
    for (const u of [0, 0.5, 0.999]) {
      expect(chooseToken(logits, u, { temperature: 1e-4 })).toBe(1);
      expect(chooseToken(logits, u, { temperature: 2, topK: 1 })).toBe(1);
      expect(chooseToken(logits, u, { temperature: 1, topP: 0.4 })).toBe(1);
    }
    expect(chooseToken(logits, 0.99, { temperature: 1, topP: 0.75 })).toBe(2); // top two only
    expect(chooseToken(logits, 0.99, { temperature: 1, topK: 2 })).toBe(2);
  });

  it('respects the mask', () => {
    expect(chooseToken(logits, 0, { temperature: 1 }, [1, 0, 1])).toBe(2);
    expect(() => chooseToken(logits, 0, { temperature: 1 }, [0, 0, 0])).toThrow(/no token/);
  });

  it('with a fixed uniform, a lower temperature never picks a lower-ranked token', () => {
    let s = 3;
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (let trial = 0; trial < 200; trial++) {
      const l = Array.from({ length: 20 }, () => rnd() * 6);
      const rank = (t: number) => [...l.keys()].sort((a, b) => l[b] - l[a] || a - b).indexOf(t);
      const u = rnd();
      let last = -1;
      for (const T of [0.2, 0.5, 0.8, 1.2, 1.6, 2.5]) {
        const r = rank(chooseToken(l, u, { temperature: T }));
        expect(r).toBeGreaterThanOrEqual(last);
        last = r;
      }
    }
  });

  it('validates settings with specific messages', () => {
    expect(() => validateSampling({ temperature: 0 })).toThrow(/temperature must be above 0/);
    expect(() => validateSampling({ temperature: 2.6 })).toThrow(/at most 2.5/);
    expect(() => validateSampling({ temperature: 1, topP: 0 })).toThrow(/top-p must be in \(0, 1\]/);
    expect(() => validateSampling({ temperature: 1, topP: 1.2 })).toThrow(/top-p/);
    expect(() => validateSampling({ temperature: 1, topK: 2.5 })).toThrow(/top-k/);
    expect(() => validateSampling({ temperature: 2.5, topP: 1, topK: 5 })).not.toThrow();
  });
});

describe('generate over chord changes', () => {
  let stepper: LstmStepper;
  const prog = progressionFromChart('| Dm7 G7 | Cmaj7 | Em7b5 A7 | Dm7 |', { bars: 8 });

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const model = buildContractModel([32]);
    randomizeWeights(model, 21, 0.5);
    stepper = LstmStepper.fromModel(model);
  });

  it('fills the form exactly, within the pitch range, over the chords of each onset', () => {
    const take = generate(stepper, { ...prog, seed: 1, temperature: 1, pitchRange: { low: 55, high: 79 } });
    const total = take.events.reduce((t, e) => t + DURATIONS[e.dur], 0);
    expect(total).toBe(8 * 48);
    expect(take.endTick).toBe(8 * 48);
    expect(take.notes.length).toBeGreaterThan(0);
    for (const n of take.notes) {
      expect(n.pitch).toBeGreaterThanOrEqual(55);
      expect(n.pitch).toBeLessThanOrEqual(79);
    }
    let tick = 0;
    for (const e of take.events) {
      const bar = Math.floor(tick / 48) % 4;
      const expected = [
        [2, 7],
        [0, 0],
        [4, 9],
        [2, 2],
      ][bar][tick % 48 < 24 ? 0 : 1];
      expect(e.root).toBe(expected);
      tick += DURATIONS[e.dur];
    }
  });

  it('same seed and settings: the same take; another seed: another take', () => {
    const a = generate(stepper, { ...prog, seed: 7, temperature: 1, topK: 20 });
    const b = generate(stepper, { ...prog, seed: 7, temperature: 1, topK: 20 });
    const c = generate(stepper, { ...prog, seed: 8, temperature: 1, topK: 20 });
    expect(b.events).toEqual(a.events);
    expect(c.events).not.toEqual(a.events);
  });

  it('a primer warms the state and changes the take; the primer is not part of it', () => {
    const plain = generate(stepper, { ...prog, seed: 3, temperature: 0.8 });
    const primer = plain.events.slice(0, 12);
    const primed = generate(stepper, { ...prog, seed: 3, temperature: 0.8, primer });
    expect(primed.events).not.toEqual(plain.events);
    expect(primed.events.reduce((t, e) => t + DURATIONS[e.dur], 0)).toBe(8 * 48);
  });

  it("builds primers from a corpus tune's events, and a primer changes the take", () => {
    const events = generate(stepper, { ...prog, seed: 4, temperature: 1 }).events;
    expect(primerFromEvents(events, 2, 5)).toEqual(events.slice(2, 7));
    expect(primerFromEvents(events, -3)).toEqual(events.slice(-3));
    const a = generate(stepper, { ...prog, seed: 4, temperature: 1, primer: primerFromEvents(events, 0, 6) });
    expect(a.events).not.toEqual(events);
  });

  it('low temperature is greedy: every seed gives the same take', () => {
    const a = generate(stepper, { ...prog, seed: 1, temperature: 1e-3 });
    const b = generate(stepper, { ...prog, seed: 999, temperature: 1e-3 });
    expect(b.events).toEqual(a.events);
  });

  it('caps the longest run copied from training by resampling', () => {
    // "Training" = a take of this very model: regenerating it greedily copies it whole.
    const greedy = generate(stepper, { ...prog, seed: 1, temperature: 0.05 });
    const novelty = new NoveltyIndex(buildNgramIndex([{ id: 't', source: 't.mid', events: greedy.events }]));
    const free = novelty.measure(eventsToLine(greedy.events));
    expect(free.longestCopiedRun).toBe(eventsToLine(greedy.events).length);
    const capped = generate(stepper, { ...prog, seed: 1, temperature: 0.05, novelty, maxCopiedRun: 6 });
    const report = novelty.measure(eventsToLine(capped.events));
    expect(capped.resampled).toBeGreaterThan(0);
    expect(report.longestCopiedRun).toBeLessThanOrEqual(6);
    expect(capped.capMisses).toBe(0);
  });

  it('refuses bad settings before generating', () => {
    expect(() => generate(stepper, { ...prog, seed: 1, temperature: 3 })).toThrow(/temperature/);
    expect(() => generate(stepper, { ...prog, seed: 1, temperature: 1, pitchRange: { low: 60, high: 64 } })).toThrow(/octave/);
    expect(() => generate(stepper, { ...prog, seed: 1, temperature: 1, maxCopiedRun: 8 })).toThrow(/n-gram index/);
  });
});
