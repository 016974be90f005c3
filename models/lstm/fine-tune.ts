// Fine-tuning: a run that starts from a trained model's weights and vocabulary instead of a fresh
// network. The new model keeps the parent's shape and encoding (a model of another encoding or
// shape is refused with the reason), trains with a lower learning rate (FINE_TUNE_LR_FACTOR times
// the preset's, unless one is given) and stops early on its own dev loss; its licklab.json names
// the parent (`parent`), which the library shows as the model's lineage.
import type * as tf from '@tensorflow/tfjs';
import { ENCODING_V1 } from '../music/vocabulary';
import { FINE_TUNE_LR_FACTOR, resolveHyperparameters, type Hyperparameters, type PresetName } from './hyperparameters';
import { loadModelFolder } from './model-io';
import type { LicklabMeta } from './model-meta';
import { describeNetwork } from './network';
import type { ParentModel } from './training-types';

export { FINE_TUNE_LR_FACTOR } from './hyperparameters';

/** What a run starting from a parent needs: the parent's network (read its weights, do not train it) and who it is. */
export interface FineTuneStart {
  model: tf.LayersModel;
  parent: ParentModel;
}

const shapeOf = (hp: Pick<Hyperparameters, 'units' | 'layers'>) => `${hp.layers} x ${hp.units}`;

/** The hyperparameters of a fine-tune run: the preset's knobs, the parent's shape and encoding, and the
 *  lower learning rate unless `overrides` names one. Refuses overrides that ask for another shape or encoding. */
export function fineTuneHyperparameters(
  parentMeta: Pick<LicklabMeta, 'hyperparameters' | 'encodingVersion'>,
  preset: PresetName,
  overrides: Partial<Hyperparameters> = {},
  parentName = 'the parent model',
): Hyperparameters {
  const p = parentMeta.hyperparameters;
  const encoding = (parentMeta.encodingVersion ?? p.encoding ?? ENCODING_V1) as Hyperparameters['encoding'];
  if (overrides.encoding !== undefined && overrides.encoding !== encoding) {
    throw new Error(
      `cannot fine-tune ${parentName}: it reads and writes ${encoding}, the run asks for ${overrides.encoding}; a fine-tune keeps its parent's vocabulary (drop the encoding choice, or train from scratch)`,
    );
  }
  for (const k of ['units', 'layers'] as const) {
    if (overrides[k] !== undefined && overrides[k] !== p[k]) {
      throw new Error(
        `cannot fine-tune ${parentName}: it is a ${shapeOf(p)} network (layers x units), the run asks for ${k} = ${overrides[k]}; a fine-tune keeps its parent's shape (drop --${k}, or train from scratch)`,
      );
    }
  }
  const base = resolveHyperparameters(preset, {});
  return resolveHyperparameters(preset, {
    ...overrides,
    units: p.units,
    layers: p.layers,
    encoding,
    learningRate: overrides.learningRate ?? base.learningRate * FINE_TUNE_LR_FACTOR,
  });
}

/** Load a parent model folder and describe it; its weights must match what its licklab.json says. */
export async function loadParent(dir: string, ref: { id: string; name: string }): Promise<{ model: tf.LayersModel; meta: LicklabMeta }> {
  let loaded: { model: tf.LayersModel; meta: LicklabMeta };
  try {
    loaded = await loadModelFolder(dir);
  } catch (err) {
    throw new Error(`cannot fine-tune "${ref.name}": ${(err as Error).message}`, { cause: err });
  }
  const net = describeNetwork(loaded.model);
  const hp = loaded.meta.hyperparameters;
  if (net.layers !== hp.layers || net.units !== hp.units) {
    loaded.model.dispose();
    throw new Error(
      `cannot fine-tune "${ref.name}": its weights are a ${shapeOf(net)} network but its licklab.json says ${shapeOf(hp)} (the folder mixes two models)`,
    );
  }
  return loaded;
}

/** The record of the parent that goes into the run's history and licklab.json. */
export function parentRecord(ref: { id: string; name: string }, meta: LicklabMeta): ParentModel {
  const best = meta.history.find((r) => r.epoch === meta.bestEpoch);
  return {
    id: ref.id,
    name: ref.name,
    encodingVersion: meta.encodingVersion,
    units: meta.hyperparameters.units,
    layers: meta.hyperparameters.layers,
    preset: meta.preset,
    bestDevNatsPerNote: best?.devNatsPerNote ?? null,
    ...(meta.corpus?.dir ? { corpus: meta.corpus.dir.split(/[\\/]/).pop() } : {}),
  };
}

/** Copy the parent's weights into a freshly built network of the same shape, weight by weight. */
export function copyWeights(from: tf.LayersModel, to: tf.LayersModel, parentName: string): void {
  const src = from.getWeights();
  const dst = to.getWeights();
  const shape = (t: tf.Tensor) => JSON.stringify(t.shape);
  if (src.length !== dst.length || src.some((w, i) => shape(w) !== shape(dst[i]))) {
    const first = src.findIndex((w, i) => !dst[i] || shape(w) !== shape(dst[i]));
    throw new Error(
      `cannot fine-tune "${parentName}": its weights do not fit the run's network (${src.length} vs ${dst.length} tensors${first >= 0 ? `; tensor ${first + 1} is ${shape(src[first])}, the network needs ${dst[first] ? shape(dst[first]) : 'none'}` : ''})`,
    );
  }
  to.setWeights(src);
}
