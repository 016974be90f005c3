// What a train:start asks the network to start from: a fresh one (the preset's knobs), or a library
// model to fine-tune (models/lstm/fine-tune.ts: its weights, shape and vocabulary, the lower
// learning rate; another shape or encoding refused with the reason, before the run starts).
import { fineTuneHyperparameters, loadParent, parentRecord, type FineTuneStart } from '../../models/lstm/fine-tune';
import { resolveHyperparameters, type Hyperparameters } from '../../models/lstm/hyperparameters';
import { DEFAULT_MODEL_ID, type TrainStartPayload } from '../../api/channels/training';
import { modelDir } from './library';

type Env = Record<string, string | undefined>;

/** The library's name of a model id (the shipped default has one; a saved model is named by its id). */
export const libraryName = (id: string) => (id === DEFAULT_MODEL_ID ? 'Default model (shipped)' : id);

/** The run's hyperparameters and, when it fine-tunes, the loaded parent (dispose `from.model` after the run). */
export async function startingPoint(
  payload: Pick<TrainStartPayload, 'preset' | 'hyperparameters' | 'startFrom'>,
  env: Env,
): Promise<{ hp: Hyperparameters; from?: FineTuneStart }> {
  if (payload.startFrom === undefined) return { hp: resolveHyperparameters(payload.preset, payload.hyperparameters ?? {}) };
  const ref = { id: payload.startFrom, name: libraryName(payload.startFrom) };
  let dir: string;
  try {
    dir = modelDir(payload.startFrom, env);
  } catch (err) {
    throw new Error(`cannot fine-tune "${ref.name}": ${(err as Error).message}`, { cause: err });
  }
  const parent = await loadParent(dir, ref);
  try {
    const hp = fineTuneHyperparameters(parent.meta, payload.preset, payload.hyperparameters ?? {}, `"${ref.name}"`);
    return { hp, from: { model: parent.model, parent: parentRecord(ref, parent.meta) } };
  } catch (err) {
    parent.model.dispose();
    throw err;
  }
}
