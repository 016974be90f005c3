import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../models/lstm/backend';
import { evaluate, train } from '../../../models/lstm/train';
import { makeWindows, prepareTune } from '../../../models/lstm/batching';
import type { BatchProgress, EpochRecord } from '../../../models/lstm/training-types';
import { patternCorpus, patternTune, randomTune } from './synthetic-tunes';
import { tuneIn } from '../../../models/music/encodings';
import { ENCODING_V2, type EncodedTune, type EncodingVersion } from '../../../models/music/vocabulary';

const tiny = { units: 12, layers: 1, dropout: 0, batchSize: 8, window: 12, learningRate: 0.02 };

beforeAll(async () => {
  await initBackend();
});

async function devLossOf(
  model: tf.LayersModel,
  tunes: EncodedTune[],
  dev: string[],
  window: number,
  encoding: EncodingVersion = ENCODING_V2,
) {
  const prep = tunes.filter((t) => dev.includes(t.source)).map((t) => prepareTune(tuneIn(t, encoding)));
  const s = await evaluate(model, prep, makeWindows(prep, window), window);
  return s.lossSum / s.events;
}

describe('train', () => {
  it('learns a pattern: dev loss falls below both baselines, mean nats per event, flat tensor count', async () => {
    const tunes = patternCorpus(12, 60);
    const tensors: number[] = [];
    const progress: BatchProgress[] = [];
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...tiny, units: 16, batchSize: 4, epochs: 10, patience: 10, learningRate: 0.03 },
      devFraction: 0.25,
      seed: 5,
      onEpoch: () => tensors.push(tf.memory().numTensors),
      onProgress: (p) => progress.push(p),
    });
    expect(out.stopReason).toBe('completed');
    expect(out.history).toHaveLength(10);
    expect(out.split.dev).toHaveLength(3);
    expect(out.corpus).toMatchObject({ tunes: 12, sources: 12, events: 720, trainEvents: 540, devEvents: 180 });
    const last = out.history.at(-1)!;
    expect(out.bestDevLoss!).toBeLessThan(out.baselines.bigramDevLoss);
    expect(out.bestDevLoss!).toBeLessThan(out.baselines.unigramDevLoss);
    expect(last.trainLoss).toBeLessThan(out.history[0].trainLoss);
    expect(last.devPerplexity).toBeCloseTo(Math.exp(last.devLoss), 6);
    expect(last.devAccuracy).toBeGreaterThan(0.5);
    expect(last.devAccuracy).toBeLessThanOrEqual(Math.min(last.devPitchAccuracy, last.devDurAccuracy));
    expect(last.unigramDevLoss).toBe(out.baselines.unigramDevLoss);
    expect(tensors.every((n) => n === tensors[0])).toBe(true);
    // 540 train events in 12-event windows = 45 windows = 12 batches of 4 per epoch.
    expect(progress.filter((p) => p.epoch === 1).map((p) => p.batch)).toEqual([...Array(12).keys()].map((i) => i + 1));
    expect(progress[0]).toMatchObject({ type: 'batch', batches: 12 });
    expect(progress[0].eventsPerSec).toBeGreaterThan(0);
    expect(progress.at(-1)!.epochEtaSec).toBe(0);
    // The returned model holds the best-dev weights.
    expect(await devLossOf(out.model, tunes, out.split.dev, 12)).toBeCloseTo(out.bestDevLoss!, 5);
    out.model.dispose();
  });

  it('early stopping picks the minimum-dev epoch and restores its weights when the model overfits', async () => {
    // Train on noise, score on other noise: dev loss rises as the model memorises.
    const tunes = [randomTune('train.mid', 300, 1), randomTune('dev.mid', 200, 2)];
    const history: EpochRecord[] = [];
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...tiny, units: 32, learningRate: 0.03, epochs: 40, patience: 2 },
      split: { train: ['train.mid'], dev: ['dev.mid'] },
      onEpoch: (r) => history.push(r),
    });
    expect(out.stopReason).toBe('early-stopped');
    expect(out.devFraction).toBeNull();
    const min = history.reduce((a, b) => (b.devLoss < a.devLoss ? b : a));
    expect(out.bestEpoch).toBe(min.epoch);
    expect(history.length).toBe(min.epoch + 2);
    expect(history.at(-1)!.trainLoss).toBeLessThan(history[0].trainLoss);
    expect(await devLossOf(out.model, tunes, ['dev.mid'], 12)).toBeCloseTo(out.bestDevLoss!, 5);
    out.model.dispose();
  });

  it('cancel stops within one batch and keeps the best model so far', async () => {
    const tunes = patternCorpus(10, 60);
    const ctl = new AbortController();
    let batchesAfterAbort = 0;
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...tiny, epochs: 50 },
      seed: 2,
      signal: ctl.signal,
      onProgress: (p) => {
        if (ctl.signal.aborted) batchesAfterAbort++;
        if (p.epoch === 2 && p.batch === 2) ctl.abort();
      },
    });
    expect(out.stopReason).toBe('cancelled');
    expect(batchesAfterAbort).toBe(0);
    expect(out.history).toHaveLength(1);
    expect(out.bestEpoch).toBe(1);
    expect(await devLossOf(out.model, tunes, out.split.dev, 12)).toBeCloseTo(out.bestDevLoss!, 5);
    out.model.dispose();
  });

  it('a cancel during the dev pass drops the unfinished epoch', async () => {
    const tunes = patternCorpus(10, 60);
    const ctl = new AbortController();
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...tiny, epochs: 50 },
      seed: 2,
      signal: ctl.signal,
      evalBatchSize: 1,
      onProgress: (p) => {
        if (p.epoch === 2 && p.batch === p.batches) ctl.abort();
      },
    });
    expect(out.stopReason).toBe('cancelled');
    expect(out.history.map((r) => r.epoch)).toEqual([1]);
    expect(out.bestEpoch).toBe(1);
    out.model.dispose();
  });

  it('stops on a non-finite loss with a clear error and keeps the best model', async () => {
    // Poison the pitch head's bias after epoch 1 (through the engine's variable registry): the
    // next batch's loss is NaN.
    const tunes = patternCorpus(6, 40);
    const out = await train(tunes, {
      preset: 'custom',
      hyperparameters: { ...tiny, epochs: 5 },
      onEpoch: (r) => {
        if (r.epoch !== 1) return;
        const vars = Object.values(tf.engine().registeredVariables).filter((x) => /pitch.*bias/.test(x.name));
        expect(vars.length).toBeGreaterThan(0);
        for (const v of vars) v.assign(tf.fill(v.shape, NaN));
      },
    });
    expect(out.stopReason).toBe('diverged');
    expect(out.error).toMatch(/training diverged at epoch 2, batch 1: the loss became NaN.*Kept the best model \(epoch 1\)/);
    expect(out.bestEpoch).toBe(1);
    const loss = await devLossOf(out.model, tunes, out.split.dev, 12);
    expect(loss).toBeCloseTo(out.bestDevLoss!, 5);
    out.model.dispose();
  });

  it('refuses bad input before any training', async () => {
    await expect(train([], {})).rejects.toThrow(/corpus is empty/);
    // One file is split by phrase (split-plan.ts); without a breath it is one phrase: nothing to hold out.
    await expect(train([patternTune('one.mid', 50)], {})).rejects.toThrow(
      /^the corpus is one file with 50 notes in 1 phrase: too little to hold any out as dev \(a phrase ends at a breath/,
    );
    await expect(train(patternCorpus(4, 20), { devFraction: 0.7 })).rejects.toThrow(/dev fraction/);
    await expect(train(patternCorpus(4, 20), { hyperparameters: { epochs: 0 } })).rejects.toThrow(/epochs/);
    await expect(train(patternCorpus(4, 20), { seed: 1.5 })).rejects.toThrow(/seed/);
  });
});
