import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBaselines } from '../../../../models/lstm/baselines';
import { makeWindows, prepareTune } from '../../../../models/lstm/batching';
import { countBaselines, unavailableBaselines } from '../../../../models/lstm/eval/count-baselines';
import { lossFigures, scoreModelOnTunes } from '../../../../models/lstm/eval/score';
import { evaluate } from '../../../../models/lstm/train';
import { REST } from '../../../../models/music/vocabulary';
import { buildContractModel, randomizeWeights } from '../helpers/contract-model';
import { fixtureCorpus } from '../helpers/fixture-corpus';

const tunes = fixtureCorpus(6);
const dev = tunes.slice(4);
let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildContractModel([16]);
  randomizeWeights(model, 5);
});
afterAll(() => model?.dispose());

describe('scoring a model on whole solos', () => {
  it("gives the trainer's dev-loss evaluation on the same windows, kept per solo", async () => {
    const s = await scoreModelOnTunes(model, dev, { window: 24 });
    const prepared = dev.map(prepareTune);
    const trainer = await evaluate(model, prepared, makeWindows(prepared, 24, 24), 24);
    expect(s.tunes).toBe(2);
    expect(s.events).toBe(trainer.events);
    expect(s.nats).toBeCloseTo(trainer.lossSum, 2);
    expect(s.bothCorrect).toBe(trainer.bothCorrect);
    expect(s.pitchCorrect).toBe(trainer.pitchCorrect);
    expect(s.perTune.map((t) => t.id)).toEqual(dev.map((t) => t.id));
    expect(s.perTune[0].nats + s.perTune[1].nats).toBeCloseTo(s.nats, 6);
    expect(s.perTune[0].notes).toBe(dev[0].events.filter((e) => e.pitch !== REST).length);
    // A solo's total does not depend on the other solos in its batch.
    const alone = await scoreModelOnTunes(model, [dev[1]], { window: 24, batchRows: 3 });
    expect(alone.nats).toBeCloseTo(s.perTune[1].nats, 3);
  });

  it('reports per note (total over the notes, rests included in the total) and per event', () => {
    const f = lossFigures({ events: 150, notes: 100, nats: 300, pitchCorrect: 30, durCorrect: 60, bothCorrect: 15 });
    expect(f.natsPerNote).toBe(3);
    expect(f.natsPerEvent).toBe(2);
    expect(f.perplexity).toBeCloseTo(Math.exp(2));
    expect(f.accuracy).toEqual({ pitch: 0.2, duration: 0.4, both: 0.1 });
    expect(() => lossFigures({ events: 0, notes: 0, nats: 0, pitchCorrect: 0, durCorrect: 0, bothCorrect: 0 })).toThrow(/no notes/);
  });

  it('leaves out solos with no events and refuses a bad window', async () => {
    const s = await scoreModelOnTunes(model, [{ id: 'x', source: 'x.mid', events: [] }, dev[0]], { window: 24 });
    expect(s.tunes).toBe(1);
    await expect(scoreModelOnTunes(model, dev, { window: 0 })).rejects.toThrow(/window/);
  });
});

describe('count baselines per note', () => {
  it('scales the per-event loss of baselines.ts by events over notes', () => {
    const b = countBaselines(tunes.slice(0, 4), dev);
    const raw = fitBaselines(tunes.slice(0, 4), dev);
    const events = dev.reduce((s, t) => s + t.events.length, 0);
    const notes = dev.reduce((s, t) => s + t.events.filter((e) => e.pitch !== REST).length, 0);
    expect(b.unigram.natsPerEvent).toBe(raw.unigramDevLoss);
    expect(b.bigram.natsPerNote).toBeCloseTo((raw.bigramDevLoss * events) / notes, 10);
    expect(b.unigram.k).toBe(raw.unigramK);
  });

  it('fitted on the scored solos themselves (the reference) it counts better than fitted on others', () => {
    const fromOthers = countBaselines(tunes.slice(0, 4), dev);
    const reference = countBaselines(dev, dev);
    expect(reference.unigram.natsPerNote!).toBeLessThan(fromOthers.unigram.natsPerNote!);
    expect(reference.bigram.natsPerNote!).toBeLessThan(fromOthers.bigram.natsPerNote!);
    expect(() =>
      countBaselines(dev, [{ id: 'r', source: 'r', events: [{ pitch: REST, dur: 3, root: 0, chordMask: 1, beat: 0, sub: 0 }] }]),
    ).toThrow(/no notes/);
    expect(unavailableBaselines('gone')).toMatchObject({
      unigram: { natsPerNote: null },
      bigram: { natsPerNote: null },
      unavailable: 'gone',
    });
  });
});
