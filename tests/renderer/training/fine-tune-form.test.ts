// The training form's "Start from" (start-from.ts) and the second dev curve on the loss chart
// (chart-data.ts compareCurve, compare-data.ts): what the form sends, what the chart draws.
import { describe, expect, it } from 'vitest';
import type { LibraryModel } from '../../../api/channels/training';
import { FINE_TUNE_LR_FACTOR, PRESETS } from '../../../models/lstm/hyperparameters';
import { chartSeries } from '../../../renderer/training/chart-data';
import { compareChoices, compareSummary } from '../../../renderer/training/compare-data';
import { changedKnobs, initialForm, presetValues, toPayload } from '../../../renderer/training/form';
import { FRESH, chooseStart, startChoices, startNote } from '../../../renderer/training/start-from';
import { rec } from './epoch-fixture';

const model = (id: string, extra: Partial<LibraryModel> = {}): LibraryModel =>
  ({
    id,
    name: id === '@default' ? 'Default model (shipped)' : id,
    readOnly: id === '@default',
    active: false,
    createdAt: '',
    preset: 'solos',
    hyperparameters: { units: 256, layers: 2, encoding: 'licklab-events-v2' },
    backend: 'wasm',
    corpus: { label: 'x', files: 1, tunes: 1, events: 1, trainTunes: 1, devTunes: 1 },
    bestEpoch: 2,
    bestDevLoss: 4,
    baselines: null,
    history: [rec(1, 4.5, 6.0), rec(2, 4.2, 5.7), rec(3, 4.3, 5.8)],
    stopReason: 'completed',
    ...extra,
  }) as LibraryModel;

describe('Start from', () => {
  it('offers a fresh network, then every usable model but the one training', () => {
    const models = [model('@default'), model('mine'), model('broken', { problem: 'corrupt' }), model('training now')];
    expect(startChoices(models, 'training now')).toEqual([
      { id: FRESH, label: 'a fresh network' },
      { id: '@default', label: 'the default model (fine-tune)' },
      { id: 'mine', label: 'mine (fine-tune)' },
    ]);
  });

  it("puts the model's shape and the lower learning rate in the form, sends startFrom, and undoes it for a fresh network", () => {
    const form = chooseStart(initialForm('default'), model('mine'));
    expect(form.startFrom).toBe('mine');
    expect(form.values).toMatchObject({
      units: '256',
      layers: '2',
      learningRate: String(PRESETS.default.learningRate * FINE_TUNE_LR_FACTOR),
    });
    expect(changedKnobs(form)).toEqual(['LSTM units', 'Layers', 'Learning rate']);
    expect(toPayload(form)).toMatchObject({
      preset: 'default',
      startFrom: 'mine',
      hyperparameters: { units: 256, layers: 2, learningRate: PRESETS.default.learningRate * FINE_TUNE_LR_FACTOR },
    });
    const fresh = chooseStart(form, null);
    expect(fresh.startFrom).toBe(FRESH);
    expect(fresh.values).toMatchObject(presetValues('default'));
    expect(toPayload(fresh).startFrom).toBeUndefined();
    expect(toPayload(fresh).hyperparameters).toBeUndefined();
    expect(startNote(model('mine'))).toMatch(
      /^Fine-tunes “mine” \(2 x 256, v2\): starts from its weights and vocabulary, keeps its shape, learns at 0\.5 x/,
    );
    expect(startNote(null)).toBe('Trains a new network from random weights.');
  });
});

describe('a second dev curve on the chart', () => {
  const input = { baselines: null, sampleEpochs: [], log: false, smoothing: 0 };
  it('draws the other run per note on the dev chart only, on the same epoch axis and loss range', () => {
    const mine = [rec(1, 4.0, 5.2), rec(2, 3.9, 5.1)];
    const s = chartSeries({ ...input, history: mine, compare: { label: 'from scratch', history: model('x').history } });
    expect(s.dev.compare).toEqual({ label: 'from scratch', epochs: [1, 2, 3], values: [6.0, 5.7, 5.8], best: 2 });
    expect(s.train.compare).toBeNull();
    expect(s.dev.xMax).toBe(3); // the longer run sets the axis
    expect(s.dev.range[1]).toBeGreaterThanOrEqual(6.0 + 0.6); // both curves (and train) inside one range
    expect(s.dev.range[0]).toBeLessThanOrEqual(5.1);
    expect(compareSummary(mine, s.unit, 'this run', s.dev.compare)).toBe(
      'Best dev loss (nats/note): this run 5.100 at epoch 2; “from scratch” 5.700 at epoch 2 (this run 0.600 lower).',
    );
  });

  it('takes the unit from the other run before the first epoch, and leaves out a run without per-note figures', () => {
    const before = chartSeries({ ...input, history: [], compare: { label: 'x', history: model('x').history } });
    expect(before.unit).toBe('note');
    expect(before.dev.compare?.values).toEqual([6.0, 5.7, 5.8]);
    expect(compareSummary([], 'note', 'this run', before.dev.compare)).toBe(
      'Best dev loss (nats/note): this run: no epoch yet; “x” 5.700 at epoch 2.',
    );
    const old = chartSeries({ ...input, history: [rec(1, 4.0, 5.2)], compare: { label: 'old', history: [rec(1, 3.0), rec(2, 2.9)] } });
    expect(old.dev.compare).toBeNull();
  });

  it('offers every model with a history except the charted one, the previous run first', () => {
    const models = [model('@default'), model('a'), model('b'), model('empty', { history: [] })];
    expect(compareChoices(models, 'a', 'b')).toEqual([
      { id: 'b', label: 'the previous run: b' },
      { id: '@default', label: 'Default model (shipped)' },
    ]);
  });
});
