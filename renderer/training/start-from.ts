// The training form's "Start from": a fresh network, or a library model to fine-tune (the shipped
// default or any saved one). Choosing a model puts its shape and the fine-tune learning rate
// (FINE_TUNE_LR_FACTOR x the preset's) into the form, so the form shows what will run; the shape
// fields are then the model's and locked. The trainer checks again (models/lstm/fine-tune.ts).
import { DEFAULT_MODEL_ID, type LibraryModel } from '../../api/channels/training';
import { FINE_TUNE_LR_FACTOR, PRESETS } from '../../models/lstm/hyperparameters';
import type { TrainingForm } from './form';

export const FRESH = '';
/** The form fields a fine-tune takes from its parent (locked while one is chosen). */
export const PARENT_FIELDS = ['units', 'layers'] as const;

export interface StartChoice {
  id: string; // FRESH or a library id
  label: string;
}

/** What the form offers: a fresh network, then every usable model (the default first), not the one training now. */
export function startChoices(models: readonly LibraryModel[], busyId = ''): StartChoice[] {
  const usable = models.filter((m) => !m.problem && m.id !== busyId);
  return [
    { id: FRESH, label: 'a fresh network' },
    ...usable.map((m) => ({ id: m.id, label: m.id === DEFAULT_MODEL_ID ? 'the default model (fine-tune)' : `${m.name} (fine-tune)` })),
  ];
}

/** The form after choosing where to start: a model's shape and the lower learning rate, or the preset's again. */
export function chooseStart(form: TrainingForm, model: LibraryModel | null): TrainingForm {
  const base = PRESETS[form.preset];
  if (!model) {
    if (!form.startFrom) return form;
    return {
      ...form,
      startFrom: FRESH,
      values: { ...form.values, units: String(base.units), layers: String(base.layers), learningRate: String(base.learningRate) },
    };
  }
  const hp = model.hyperparameters;
  return {
    ...form,
    startFrom: model.id,
    values: {
      ...form.values,
      units: String(hp.units ?? base.units),
      layers: String(hp.layers ?? base.layers),
      learningRate: String(+(base.learningRate * FINE_TUNE_LR_FACTOR).toPrecision(6)),
    },
  };
}

/** One sentence on what a fine-tune from `model` keeps and changes. */
export function startNote(model: LibraryModel | null): string {
  if (!model) return 'Trains a new network from random weights.';
  const hp = model.hyperparameters;
  const enc = hp.encoding ? `, ${hp.encoding.replace('licklab-events-', '')}` : '';
  return (
    `Fine-tunes “${model.name}” (${hp.layers ?? '?'} x ${hp.units ?? '?'}${enc}): starts from its weights and vocabulary, keeps its shape, ` +
    `learns at ${FINE_TUNE_LR_FACTOR} x the preset's rate, and stops early on this corpus's dev loss. The new model records it as its parent.`
  );
}
