import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBatch, prepareTune } from '../../../models/lstm/batching';
import { disposeBatch, evalBatch, natsPerNote, toTensors } from '../../../models/lstm/loss';
import { vocabularyFor } from '../../../models/music/encodings';
import { ENCODING_V2, REST, type EncodedEvent, type EncodedTune } from '../../../models/music/vocabulary';

const v2 = vocabularyFor(ENCODING_V2);

/** A network whose heads ignore their input: pitch REST with p = 1/2 (bias ln 73 against 0 for the
 *  73 pitches), every duration 1/84; so a rest event costs ln 2 + ln 84 and a note ln 146 + ln 84. */
function constantModel(): tf.LayersModel {
  const input = tf.input({ shape: [null, v2.inputSize] });
  const pitch = tf.layers
    .dense({ units: v2.pitchTokens, activation: 'softmax', name: 'pitch', kernelInitializer: 'zeros' })
    .apply(input) as tf.SymbolicTensor;
  const dur = tf.layers
    .dense({ units: v2.durationTokens, activation: 'softmax', name: 'dur', kernelInitializer: 'zeros' })
    .apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: [pitch, dur] });
  const bias = new Float32Array(v2.pitchTokens);
  bias[REST] = Math.log(73);
  model.getLayer('pitch').setWeights([tf.zeros([v2.inputSize, v2.pitchTokens]), tf.tensor1d(bias)]);
  return model;
}

const ev = (pitch: number, dur: number): EncodedEvent => ({ pitch, dur, root: 0, chordMask: 1, beat: 0, sub: 0 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('losses per event and per note', () => {
  it('a hand-made batch: the total counts rest events, per note divides it by the notes only, padding never counts', async () => {
    const model = constantModel();
    // Two tunes, windows of 3 steps: [note, rest, note] and [note, note] + one padding step.
    const tunes = (
      [
        { id: 'a', source: 'a', encoding: ENCODING_V2, events: [ev(40, 5), ev(REST, 8), ev(41, 5)] },
        { id: 'b', source: 'b', encoding: ENCODING_V2, events: [ev(42, 2), ev(43, 5)] },
      ] as EncodedTune[]
    ).map(prepareTune);
    const batch = makeBatch(
      tunes,
      [
        { tune: 0, start: 0, length: 3 },
        { tune: 1, start: 0, length: 2 },
      ],
      3,
    );
    expect(batch).toMatchObject({ events: 5, notes: 4 });
    const t = toTensors(batch);
    const sums = await evalBatch(model, t);
    disposeBatch(t);
    model.dispose();
    const rest = Math.log(2) + Math.log(84);
    const note = Math.log(146) + Math.log(84);
    const total = rest + 4 * note;
    expect(sums.events).toBe(5);
    expect(sums.notes).toBe(4);
    expect(sums.lossSum).toBeCloseTo(total, 3);
    expect(sums.lossSum / sums.events).toBeCloseTo(total / 5, 4); // nats per event
    expect(natsPerNote(sums.lossSum, sums.notes)).toBeCloseTo(total / 4, 4); // nats per note
    expect(Number.isNaN(natsPerNote(1, 0))).toBe(true);
  });
});
