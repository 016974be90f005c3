// One range per knob: the form, the contract and the trainer accept and refuse the same values.
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../api/contract';
import { KNOB_LIMITS, PRESETS, resolveHyperparameters, type NumericKnob } from '../../../models/lstm/hyperparameters';
import { fieldError, KNOBS } from '../../../renderer/training/form';

function probes(knob: NumericKnob): number[] {
  const { min, max, integer } = KNOB_LIMITS[knob];
  const step = integer ? 1 : 1e-6;
  return [min - step, min, min + step, max - step, max, max + step, integer ? min + 0.5 : (min + max) / 2];
}

describe('knob limits', () => {
  it.each(KNOBS)('%s: form, contract and trainer agree at the edges', (knob) => {
    for (const v of probes(knob)) {
      let trainer = true;
      try {
        resolveHyperparameters('custom', { [knob]: v, ...(knob === 'window' ? { stride: Math.min(v, PRESETS.custom.window) } : {}) });
      } catch {
        trainer = false;
      }
      const contract = checkRequest('train:start', { preset: 'custom', hyperparameters: { [knob]: v } }, false) === null;
      const form = fieldError(knob, String(v)) === null;
      expect({ v, contract, form }).toEqual({ v, contract: trainer, form: trainer });
    }
  });
});
