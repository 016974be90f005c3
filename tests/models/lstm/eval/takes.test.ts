import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { soloSpan } from '../../../../models/lstm/eval/sample-stats';
import { pickEvenly, takesOverSolos } from '../../../../models/lstm/eval/takes';
import { normalizeSeed } from '../../../../models/lstm/rng';
import { LstmStepper } from '../../../../models/lstm/stepper';
import { buildContractModel, randomizeWeights } from '../helpers/contract-model';
import { makeEtude } from '../helpers/fixture-corpus';

let stepper: LstmStepper;
const solos = [0, 1, 2].map((i) => {
  const t = makeEtude(i);
  // Start the real line in bar 2, so a take must follow the solo's own span, not the whole form.
  return { ...t, notes: t.notes.filter((n) => n.start >= t.bars[1].start) };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildContractModel([24]);
  randomizeWeights(model, 7);
  stepper = LstmStepper.fromModel(model);
  model.dispose();
});

describe('takes over real solos’ own changes', () => {
  it('picks solos evenly and deterministically', () => {
    expect(pickEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 8]);
    expect(pickEvenly([1, 2], 5)).toEqual([1, 2]);
    expect(pickEvenly([1, 2], 0)).toEqual([]);
  });

  it('plays over each chosen solo’s bars with seed base + index, the same at every call', () => {
    const takes = takesOverSolos(stepper, solos, [0, 2], 1, 10);
    expect(takes.map((t) => t.solo)).toEqual([0, 2]);
    expect(takes.map((t) => t.seed)).toEqual([normalizeSeed(10), normalizeSeed(12)]);
    for (const t of takes) {
      const span = soloSpan(solos[t.solo])!;
      expect(span.startTick).toBe(solos[t.solo].bars[1].start);
      expect(t.notes.length).toBeGreaterThan(10);
      for (const n of t.notes) {
        expect(n.start).toBeGreaterThanOrEqual(span.startTick);
        expect(n.start + n.dur).toBeLessThanOrEqual(span.endTick);
        expect(n.pitch).toBeGreaterThanOrEqual(48);
        expect(n.pitch).toBeLessThanOrEqual(84);
      }
    }
    expect(takesOverSolos(stepper, solos, [0, 2], 1, 10)).toEqual(takes);
    const hot = takesOverSolos(stepper, solos, [0], 2, 10);
    expect(hot[0].seed).toBe(takes[0].seed);
    expect(hot[0].notes).not.toEqual(takes[0].notes);
  });

  it('skips a solo without notes', () => {
    expect(takesOverSolos(stepper, [{ ...solos[0], notes: [] }], [0], 1)).toEqual([]);
  });
});
