// "Hear it learn": a short solo from the weights of the moment over a fixed progression (4 bars of
// F blues, fixed seed, T 0.8), so samples of different epochs differ only by what the model learned.
// And the sample panel's first take of an epoch (over a dev solo's own changes, T 1) as a take to hear.
import type * as tf from '@tensorflow/tfjs';
import type { playablePanelTake } from '../../models/lstm/eval/panel';
import { PANEL_TEMPERATURE } from '../../models/lstm/eval/panel';
import { progressionFromForm } from '../../models/music/progression';
import { generate } from '../../models/lstm/sample';
import { LstmStepper } from '../../models/lstm/stepper';
import type { SampleTake } from '../../api/channels/training';

export const SAMPLE_SEED = 7;
export const SAMPLE_TEMPERATURE = 0.8;
export const SAMPLE_TEMPO = 160;
const progression = progressionFromForm('blues', 'F', { bars: 4 });

/** Reads the weights synchronously (safe inside train()'s onEpoch) and generates in plain JS. */
export function learnSample(model: tf.LayersModel, epoch: number, label: string): SampleTake {
  const stepper = LstmStepper.fromModel(model);
  const take = generate(stepper, {
    chords: progression.chords,
    bars: progression.bars,
    seed: SAMPLE_SEED,
    temperature: SAMPLE_TEMPERATURE,
  });
  return {
    epoch,
    label,
    notes: take.notes,
    chords: progression.chords,
    bars: progression.bars,
    tempo: SAMPLE_TEMPO,
    seed: SAMPLE_SEED,
    temperature: SAMPLE_TEMPERATURE,
  };
}

/** The panel take of an epoch as a take the dashboard plays (label names the dev solo it is over). */
export function panelSample(take: ReturnType<typeof playablePanelTake>, epoch: number): SampleTake {
  return {
    epoch,
    label: `epoch ${epoch} panel take over ${take.id}`,
    notes: take.notes,
    chords: take.chords,
    bars: take.bars,
    tempo: take.tempo,
    seed: take.seed,
    temperature: PANEL_TEMPERATURE,
  };
}
