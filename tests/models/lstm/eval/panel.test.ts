import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { PanelSchedule, cutToBars, playablePanelTake, preparePanel, runPanel } from '../../../../models/lstm/eval/panel';
import { bestSampleEpoch, hasSampleHistory, soundsLikeScore } from '../../../../models/lstm/eval/panel-score';
import { copyLine, copyingStats } from '../../../../models/lstm/eval/copying';
import { sampleStats } from '../../../../models/lstm/eval/sample-stats';
import { LstmStepper } from '../../../../models/lstm/stepper';
import { train } from '../../../../models/lstm/train';
import { encodeTune } from '../../../../models/music/encode';
import { buildContractModel, randomizeWeights } from '../helpers/contract-model';
import { makeEtude } from '../helpers/fixture-corpus';

const etudes = Array.from({ length: 8 }, (_, i) => makeEtude(i));
const dev = etudes.slice(0, 3);
const trainSolos = etudes.slice(3);

beforeAll(async () => {
  await initBackend();
});

describe('the sample panel', () => {
  it('cuts each dev solo to its first bars and reads the reference from the same cut', () => {
    const line = cutToBars(dev[0], 4)!;
    expect(line.startTick).toBe(dev[0].bars[0].start);
    expect(line.endTick).toBe(dev[0].bars[4].start);
    expect(line.notes.every((n) => n.start >= line.startTick && n.start < line.endTick)).toBe(true);
    const panel = preparePanel(dev, trainSolos, { takes: 2, bars: 4 });
    expect(panel.lines.map((l) => l.id)).toEqual([dev[0].id, dev[2].id]); // spread evenly
    expect(panel.real.bars).toBe(8);
    expect(panel.devSolos).toBe(3);
    // The real lines copy little from other etudes; copying the training solos themselves is total.
    const self = copyingStats(
      trainSolos.map((t) => copyLine(t.notes)),
      panel.index,
    );
    expect(self.ngram8Share).toBe(1);
    expect(panel.realCopying.ngram8Share!).toBeLessThan(0.5);
  });

  it('refuses to build without dev solos with chords or training solos, saying which', () => {
    expect(() => preparePanel([], trainSolos)).toThrow(/no dev solos/);
    expect(() =>
      preparePanel(
        dev.map((t) => ({ ...t, chords: [] })),
        trainSolos,
      ),
    ).toThrow(/none of the 3 dev solos has chords/);
    expect(() => preparePanel(dev, [])).toThrow(/no training solos/);
    expect(() => preparePanel(dev, trainSolos, { bars: 0 })).toThrow(/bars must be a whole number >= 1, got 0/);
  });

  it('plays the same takes for the same weights (fixed seeds) and measures them against the dev solos', () => {
    const panel = preparePanel(dev, trainSolos, { takes: 3, bars: 8, seed: 5 });
    const model = buildContractModel([24]);
    randomizeWeights(model, 3);
    const stepper = LstmStepper.fromModel(model);
    model.dispose();
    const a = runPanel(panel, stepper);
    const b = runPanel(panel, stepper);
    expect(a.takes).toEqual(b.takes);
    expect({ ...a.sample, ms: 0 }).toEqual({ ...b.sample, ms: 0 });
    expect(a.takes.map((t) => t.seed)).toEqual([5, 6, 7]);
    expect(a.sample.takes).toBe(3);
    expect(a.sample.score).toBeGreaterThan(0);
    expect(a.sample.score).toBeLessThan(1);
    expect(a.sample.dev.chordToneStrong).toBeCloseTo(panel.real.chordToneStrong!, 9);
    // Playable on its own: ticks from the take's first bar, chords and bars of that span only.
    const play = playablePanelTake(panel, a.takes[1]);
    const line = panel.lines[1];
    expect(play.notes.length).toBe(a.takes[1].notes.length);
    expect(Math.min(...play.notes.map((n) => n.start))).toBeGreaterThanOrEqual(0);
    expect(play.bars[0].start).toBe(0);
    expect(play.bars).toHaveLength(8);
    expect(play.chords.every((c) => c.start >= 0 && c.end <= line.endTick - line.startTick)).toBe(true);
  });

  it('scores the dev solos against themselves 1, and worse for lines that differ', () => {
    const panel = preparePanel(dev, trainSolos, { bars: 8 });
    const real = panel.real;
    const same = sampleStats(panel.lines, real);
    expect(soundsLikeScore(same, real, panel.realCopying, panel.realCopying).score).toBeCloseTo(1, 9);
    // The same notes an octave-and-a-tritone off and twice as long: wrong chord tones and rhythm.
    const moved = panel.lines.map((l) => ({
      ...l,
      notes: l.notes.map((n) => ({ ...n, pitch: n.pitch + 6, start: n.start * 2, dur: n.dur * 2 })),
    }));
    const { score, terms } = soundsLikeScore(sampleStats(moved, real), real, panel.realCopying, panel.realCopying);
    expect(score).toBeLessThan(0.9);
    expect(terms.notesPerBar).toBeCloseTo(Math.log(2), 1);
    // Copying beyond the dev solos' own share lowers the score; at or under it does not.
    const copied = { ...panel.realCopying, ngram8Share: (panel.realCopying.ngram8Share ?? 0) + 0.5 };
    expect(soundsLikeScore(same, real, copied, panel.realCopying).terms.copying).toBeCloseTo(0.5, 9);
    expect(soundsLikeScore(same, real, { ...copied, ngram8Share: 0 }, panel.realCopying).terms.copying).toBe(0);
  });

  it('picks the best sample epoch (highest score, earliest on a tie) and knows a history without one', () => {
    const s = (score: number) => ({ score });
    expect(
      bestSampleEpoch([{ epoch: 1 }, { epoch: 2, sample: s(0.7) }, { epoch: 3, sample: s(0.8) }, { epoch: 4, sample: s(0.8) }] as never),
    ).toBe(3);
    expect(bestSampleEpoch([{ epoch: 1, sample: s(NaN) }] as never)).toBeNull();
    expect(hasSampleHistory([{ epoch: 1 }] as never)).toBe(false);
  });

  it('runs every N epochs, or on a time budget that keeps it within 15% of training', () => {
    const every = new PanelSchedule(2);
    expect([1, 2, 3, 4].map((e) => every.due(e, 100))).toEqual([false, true, false, true]);
    expect([1, 2].map((e) => new PanelSchedule(0).due(e, 100))).toEqual([false, false]);
    const auto = new PanelSchedule('auto');
    const ran: number[] = [];
    for (let e = 1; e <= 40; e++) {
      if (auto.due(e, 100)) {
        auto.ran(50); // a panel costing half an epoch
        ran.push(e);
      }
    }
    expect(ran[0]).toBe(1);
    expect(auto.totalMs).toBeLessThanOrEqual(0.15 * 40 * 100);
    expect(ran.length).toBeGreaterThan(5);
    expect(() => new PanelSchedule(-1)).toThrow(/whole number >= 0/);
  });
});

describe('training with the sample panel', () => {
  const tunes = etudes.map(encodeTune).map(({ id, source, events }) => ({ id, source, events }));
  const split = { train: trainSolos.map((t) => t.source), dev: dev.map((t) => t.source) };
  const hp = { units: 12, layers: 1, dropout: 0, batchSize: 8, window: 16, learningRate: 0.02, epochs: 3, patience: 3 };

  it('records the panel in every epoch record and hands the playable takes to onEpoch', async () => {
    const takes: number[] = [];
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: hp,
      split,
      seed: 2,
      panel: { solos: etudes, every: 1, settings: { takes: 2, bars: 4 } },
      onEpoch: (_r, _m, extras) => takes.push(extras.panelTakes?.length ?? -1),
    });
    out.model.dispose();
    expect(takes).toEqual([2, 2, 2]);
    expect(out.history.every((r) => r.sample && Number.isFinite(r.sample.score) && r.sample.takes === 2)).toBe(true);
    expect(out.panel).toMatchObject({ takes: 2, bars: 4, every: 1, devSolos: 3 });
    expect(out.bestSampleEpoch).toBe(bestSampleEpoch(out.history));
    expect(out.timings.panelMs).toBeCloseTo(
      out.history.reduce((s, r) => s + r.sample!.ms, 0),
      6,
    );
    // The dev solos' reference is the same in every epoch.
    expect(new Set(out.history.map((r) => JSON.stringify(r.sample!.dev))).size).toBe(1);
    expect(tf.memory().numTensors).toBeLessThan(1000);
  });

  it('says why the panel is off, and refuses to stop on a score it cannot compute', async () => {
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...hp, epochs: 1 },
      split,
      panel: { solos: etudes.map((t) => ({ ...t, chords: [] })) },
    });
    out.model.dispose();
    expect(out.panel).toEqual({ unavailable: 'none of the 3 dev solos has chords to play over' });
    expect(out.history[0].sample).toBeUndefined();
    await expect(train(tunes, { preset: 'custom', hyperparameters: hp, split, stopOn: 'sample-score' })).rejects.toThrow(
      /cannot stop on the sample score: the sample panel cannot run \(no solos were given/,
    );
    await expect(train(tunes, { preset: 'custom', hyperparameters: hp, split, stopOn: 'loss' as never })).rejects.toThrow(
      /stopOn must be one of dev-loss, sample-score/,
    );
  });

  it('stops on the sample score when asked: patience counts epochs since the best score', async () => {
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...hp, epochs: 30, patience: 2, learningRate: 0.05 },
      split,
      seed: 3,
      stopOn: 'sample-score',
      panel: { solos: etudes, every: 1, settings: { takes: 2, bars: 4 } },
    });
    out.model.dispose();
    expect(out.stopOn).toBe('sample-score');
    const last = out.history.length;
    if (out.stopReason === 'early-stopped') expect(last - out.bestSampleEpoch!).toBe(2);
    else expect(last).toBe(30);
  });
});
