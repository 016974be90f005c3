// The training form: preset, knobs and run settings as the user types them (strings), checked field
// by field with the trainer's own ranges (KNOB_LIMITS in models/lstm/hyperparameters.ts), and turned
// into the train:start payload. The trainer checks again: this only makes mistakes visible early.
import { KNOB_LIMITS, PRESETS, RUN_LIMITS, type Hyperparameters, type KnobLimit, type PresetName } from '../../models/lstm/hyperparameters';
import type { TrainStartPayload } from '../../api/channels/training';
import { PANEL_BUDGET } from '../../models/lstm/eval/panel';

export const KNOBS = ['units', 'layers', 'dropout', 'learningRate', 'batchSize', 'window', 'l2', 'epochs', 'patience'] as const;
export type Knob = (typeof KNOBS)[number];
export const SETTINGS = ['devFraction', 'seed', 'sampleEvery', 'panelEvery'] as const;
export type Setting = (typeof SETTINGS)[number];
export type Field = Knob | Setting;

export interface TrainingForm {
  preset: PresetName;
  values: Record<Field, string>;
  /** A library model to fine-tune ('' or absent: a fresh network; start-from.ts). */
  startFrom?: string;
}

interface Rule extends KnobLimit {
  label: string;
  hint?: string;
}

export const RULES: Record<Field, Rule> = {
  units: { label: 'LSTM units', ...KNOB_LIMITS.units },
  layers: { label: 'Layers', ...KNOB_LIMITS.layers },
  dropout: { label: 'Dropout', ...KNOB_LIMITS.dropout },
  learningRate: { label: 'Learning rate', ...KNOB_LIMITS.learningRate },
  batchSize: { label: 'Batch size', ...KNOB_LIMITS.batchSize },
  window: { label: 'Window (notes)', ...KNOB_LIMITS.window },
  l2: { label: 'L2', ...KNOB_LIMITS.l2 },
  epochs: { label: 'Max epochs', ...KNOB_LIMITS.epochs },
  patience: { label: 'Patience', ...KNOB_LIMITS.patience, hint: 'epochs without a better dev loss before stopping' },
  devFraction: { label: 'Dev fraction', ...RUN_LIMITS.devFraction, hint: 'share of files held out, never trained on' },
  seed: { label: 'Seed', ...RUN_LIMITS.seed },
  sampleEvery: { label: 'Sample every', ...RUN_LIMITS.sampleEvery, hint: 'epochs between samples (0 = only at the end)' },
  panelEvery: {
    label: 'Panel every',
    ...RUN_LIMITS.panelEvery,
    hint: `epochs between sample panels (0 = never; auto = as often as fits in ${Math.round(PANEL_BUDGET * 100)}% of the time)`,
  },
};

/** The panel field's word for the default schedule (the time budget). */
export const AUTO = 'auto';

export function presetValues(preset: PresetName): Record<Knob, string> {
  const hp = PRESETS[preset];
  return Object.fromEntries(KNOBS.map((k) => [k, String(hp[k])])) as Record<Knob, string>;
}

/** The knobs set away from the preset's values (numerically: "0.20" equals 0.2), by label. */
export function changedKnobs(form: TrainingForm): string[] {
  const base = PRESETS[form.preset];
  return KNOBS.filter((k) => Number(form.values[k]) !== base[k]).map((k) => RULES[k].label);
}

export function initialForm(preset: PresetName = 'default'): TrainingForm {
  return { preset, values: { ...presetValues(preset), devFraction: '0.1', seed: '1', sampleEvery: '2', panelEvery: AUTO } };
}

/** The problem with one field's text, or null. */
export function fieldError(field: Field, text: string): string | null {
  const rule = RULES[field];
  const t = text.trim();
  if (field === 'panelEvery' && t === AUTO) return null;
  if (t === '') return `${rule.label} is required`;
  const v = Number(t);
  if (!Number.isFinite(v)) return `${rule.label} must be a number, not "${t.slice(0, 20)}"`;
  if (rule.integer && !Number.isInteger(v)) return `${rule.label} must be a whole number`;
  const low = rule.openMin ? v <= rule.min : v < rule.min;
  const high = rule.openMax ? v >= rule.max : v > rule.max;
  if (low || high) {
    return `${rule.label} must be ${rule.openMin ? 'above' : 'at least'} ${rule.min} and ${rule.openMax ? 'below' : 'at most'} ${rule.max}`;
  }
  return null;
}

export function formErrors(form: TrainingForm): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const f of [...KNOBS, ...SETTINGS]) {
    const e = fieldError(f, form.values[f]);
    if (e) errors[f] = e;
  }
  return errors;
}

/** Allowed, but worth knowing (shown without blocking Start). */
export function formWarnings(form: TrainingForm): string[] {
  const out: string[] = [];
  const patience = Number(form.values.patience);
  const epochs = Number(form.values.epochs);
  if (Number.isFinite(patience) && Number.isFinite(epochs) && patience >= epochs)
    out.push('Patience is not below the epochs: early stopping cannot happen.');
  return out;
}

/** The train:start payload: knobs that differ from the preset are sent as overrides. */
export function toPayload(form: TrainingForm): TrainStartPayload {
  const errors = formErrors(form);
  const first = Object.values(errors)[0];
  if (first) throw new Error(first);
  const base = PRESETS[form.preset];
  const overrides: Partial<Hyperparameters> = {};
  for (const k of KNOBS) {
    const v = Number(form.values[k]);
    if (v !== base[k]) overrides[k] = v;
  }
  return {
    preset: form.preset,
    ...(Object.keys(overrides).length ? { hyperparameters: overrides } : {}),
    devFraction: Number(form.values.devFraction),
    seed: Number(form.values.seed),
    sampleEvery: Number(form.values.sampleEvery),
    ...((form.values.panelEvery ?? AUTO).trim() === AUTO ? {} : { panelEvery: Number(form.values.panelEvery) }),
    ...(form.startFrom ? { startFrom: form.startFrom } : {}),
  };
}
