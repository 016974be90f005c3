import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../models/lstm/backend';
import { buildModel, describeNetwork } from '../../../models/lstm/network';
import { resolveHyperparameters } from '../../../models/lstm/hyperparameters';
import { DURATION_TOKENS, INPUT_SIZE, PITCH_TOKENS } from '../../../models/music/vocabulary';

beforeAll(async () => {
  await initBackend();
});

describe('buildModel', () => {
  it('follows the contract layout: lstm_1..n, dropout between, heads pitch and dur', () => {
    const m = buildModel({ units: 8, layers: 2, dropout: 0.1 }, 3);
    expect(m.layers.map((l) => l.name)).toEqual(['events', 'lstm_1', 'dropout_1', 'lstm_2', 'dropout_2', 'pitch', 'dur']);
    const cfg = m.getLayer('lstm_1').getConfig() as Record<string, unknown>;
    expect(cfg).toMatchObject({
      units: 8,
      returnSequences: true,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      unitForgetBias: true,
    });
    // glorotUniform serializes as VarianceScaling(scale 1, fanAvg, uniform).
    expect(cfg.recurrentInitializer).toMatchObject({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
    });
    const w = m
      .getLayer('lstm_1')
      .getWeights()
      .map((t) => t.shape);
    expect(w).toEqual([[INPUT_SIZE, 32], [8, 32], [32]]);
    expect(describeNetwork(m)).toEqual({ layers: 2, units: 8 });
    const [p, d] = m.predict(tf.zeros([2, 5, INPUT_SIZE])) as tf.Tensor[];
    expect(p.shape).toEqual([2, 5, PITCH_TOKENS]);
    expect(d.shape).toEqual([2, 5, DURATION_TOKENS]);
    tf.dispose([p, d]);
    m.dispose();
  });
  it('is reproducible for a seed, and dropout acts only in training mode', () => {
    const a = buildModel({ units: 4, layers: 1, dropout: 0.5 }, 9);
    const b = buildModel({ units: 4, layers: 1, dropout: 0.5 }, 9);
    const wa = a.getWeights().map((t) => Array.from(t.dataSync()));
    expect(b.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(wa);
    const x = tf.ones([1, 6, INPUT_SIZE]);
    const infer1 = (a.apply(x, { training: false }) as tf.Tensor[])[0].dataSync();
    const infer2 = (a.apply(x, { training: false }) as tf.Tensor[])[0].dataSync();
    const trained = (a.apply(x, { training: true }) as tf.Tensor[])[0].dataSync();
    expect(Array.from(infer2)).toEqual(Array.from(infer1));
    expect(Array.from(trained)).not.toEqual(Array.from(infer1));
    a.dispose();
    b.dispose();
  });
});

describe('resolveHyperparameters', () => {
  it('applies overrides and validates every knob', () => {
    expect(resolveHyperparameters('coursera')).toMatchObject({ units: 64, layers: 1, learningRate: 0.01, window: 30 });
    expect(resolveHyperparameters('custom', { window: 20 })).toMatchObject({ window: 20, stride: 20 });
    expect(() => resolveHyperparameters('custom', { epochs: 0 })).toThrow(/epochs must be an integer in \[1/);
    expect(() => resolveHyperparameters('custom', { dropout: 1 })).toThrow(/dropout/);
    expect(() => resolveHyperparameters('custom', { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => resolveHyperparameters('custom', { units: 2.5 })).toThrow(/units/);
    expect(() => resolveHyperparameters('custom', { window: 10, stride: 11 })).toThrow(/stride/);
    expect(() => resolveHyperparameters('nope' as 'custom')).toThrow(/unknown preset/);
  });
});
