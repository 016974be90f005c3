// `licklab train --from MODEL_DIR|default`: load the parent model to fine-tune, with the run's
// hyperparameters (its shape and encoding, the lower learning rate) and one line that says so.
// A parent that cannot be read, or a run that asks for another shape or encoding, is refused here,
// before the corpus is read.
import path from 'node:path';
import { DEFAULT_MODEL_ID } from '../api/channels/training';
import { DEFAULT_MODEL_DIR } from '../models/lstm/default-model';
import { FINE_TUNE_LR_FACTOR, fineTuneHyperparameters, loadParent, parentRecord, type FineTuneStart } from '../models/lstm/fine-tune';
import type { Hyperparameters, PresetName } from '../models/lstm/hyperparameters';
import { CliError } from './cli-error';

export async function fineTuneFrom(
  from: string,
  preset: PresetName,
  overrides: Partial<Hyperparameters>,
): Promise<{ start: FineTuneStart; hyperparameters: Hyperparameters; line: string }> {
  const isDefault = from === 'default';
  const dir = isDefault ? DEFAULT_MODEL_DIR : path.resolve(from);
  const ref = isDefault ? { id: DEFAULT_MODEL_ID, name: 'Default model (shipped)' } : { id: dir, name: path.basename(dir) };
  let parent;
  try {
    parent = await loadParent(dir, ref);
  } catch (err) {
    throw new CliError((err as Error).message, 1, { cause: err });
  }
  let hp: Hyperparameters;
  try {
    hp = fineTuneHyperparameters(parent.meta, preset, overrides, `"${ref.name}"`);
  } catch (err) {
    parent.model.dispose();
    throw new CliError((err as Error).message, 1, { cause: err });
  }
  return {
    start: { model: parent.model, parent: parentRecord(ref, parent.meta) },
    hyperparameters: hp,
    line:
      `fine-tuning "${ref.name}" (${hp.layers} x ${hp.units}, ${hp.encoding}): its weights and vocabulary, learning rate ${hp.learningRate}` +
      `${overrides.learningRate === undefined ? ` (${FINE_TUNE_LR_FACTOR} x the preset's)` : ''}, early stopping on this corpus's dev loss`,
  };
}
