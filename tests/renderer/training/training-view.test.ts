// @vitest-environment jsdom
// The dashboard in jsdom with a fake API: corpus rows, the default model's curves on first show,
// form validation, a run driven by trainer events (charts, throughput, samples, overfitting), Stop,
// a trainer crash, library actions and uploads. uPlot (canvas) and Tone are mocked here; they are
// exercised in real Chromium by tests/e2e/training-dashboard.test.ts.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EpochRecord } from '../../../models/lstm/training-types';
import type { LibraryModel, RunInfo, SampleTake } from '../../../api/channels/training';
import { BackendStatus } from '../../../renderer/lib/backend-status.svelte';
import TrainingView from '../../../renderer/training/TrainingView.svelte';
import { trainingApi } from './fake-training-api';

const charts = vi.hoisted(() => ({ updates: [] as { label: string; epochs: number[] }[] }));
vi.mock('../../../renderer/training/uplot-chart', () => ({
  createLossChart: async (_el: HTMLElement, opts: { label: string }) => ({
    update: (s: { epochs: number[] }) => charts.updates.push({ label: opts.label, epochs: s.epochs }),
    resize: () => {},
    destroy: () => {},
  }),
}));
const audio = vi.hoisted(() => ({ played: [] as unknown[] }));
vi.mock('../../../renderer/audio', () => ({
  ensureAudioStarted: async () => ({ ok: true }),
  createPlayer: () => ({
    load: async () => {},
    play: async (take: unknown) => void audio.played.push(take),
    stop: () => {},
    dispose: () => {},
  }),
}));

const rec = (epoch: number, trainLoss: number, devLoss: number): EpochRecord => ({
  epoch,
  trainLoss,
  devLoss,
  trainPerplexity: 1,
  devPerplexity: 1,
  devAccuracy: 0.2,
  devPitchAccuracy: 0.3,
  devDurAccuracy: 0.4,
  unigramDevLoss: 4.4,
  bigramDevLoss: 3.0,
  ms: 1500,
  trainEvents: 1000,
  eventsPerSec: 2000,
});
const model = (id: string, over: Partial<LibraryModel> = {}): LibraryModel => ({
  id,
  name: id === '@default' ? 'Default model (shipped)' : id,
  readOnly: id === '@default',
  active: id === '@default',
  createdAt: '2026-11-22T10:00:00Z',
  preset: 'default',
  hyperparameters: {},
  backend: 'wasm',
  corpus: { label: 'default corpus', files: 51, tunes: 51, events: 17000, trainTunes: 46, devTunes: 5 },
  bestEpoch: 2,
  bestDevLoss: 2.5,
  baselines: { unigramDevLoss: 4.4, bigramDevLoss: 3.0 },
  history: [rec(1, 3, 2.9), rec(2, 2.5, 2.5), rec(3, 2.2, 2.6)],
  stopReason: 'early-stopped',
  ...over,
});
const report = {
  files: [
    {
      path: '/c/a.mid',
      name: 'a.mid',
      origin: 'upload',
      status: 'ok',
      notes: 120,
      bars: 12,
      track: '0 "Solo"',
      chordSource: 'chart',
      chordCoverage: 1,
    },
    {
      path: '/c/bad.mid',
      name: 'bad.mid',
      origin: 'upload',
      status: 'skipped',
      reason: 'not a MIDI file (no MThd header)',
      notes: 0,
      bars: 0,
      chordSource: 'none',
      chordCoverage: 0,
    },
  ],
  totals: { files: 2, ok: 1, skipped: 1, notes: 120, bars: 12, leftOut: 0 },
  usesDefault: false,
};
const info: RunInfo = {
  runId: 'run1',
  modelId: 'new model',
  preset: 'custom',
  hyperparameters: {
    units: 16,
    layers: 1,
    dropout: 0,
    l2: 0,
    learningRate: 0.01,
    batchSize: 8,
    window: 16,
    stride: 16,
    epochs: 6,
    patience: 5,
    clipNorm: 5,
  },
  devFraction: 0.1,
  seed: 1,
  trainFiles: 9,
  devFiles: 1,
  trainEvents: 900,
  devEvents: 100,
  baselines: { unigramDevLoss: 4.3, bigramDevLoss: 3.5 },
  backend: 'wasm',
  startedAt: '',
};
const sample = (epoch: number, label = `epoch ${epoch}`): SampleTake => ({
  epoch,
  label,
  notes: [{ pitch: 60, start: 0, dur: 12, velocity: 90 }],
  chords: [],
  bars: [{ start: 0, beats: 4 }],
  tempo: 160,
  seed: 7,
  temperature: 0.8,
});

let fake: ReturnType<typeof trainingApi>;
let library: LibraryModel[];

beforeEach(() => {
  charts.updates.length = 0;
  audio.played.length = 0;
  library = [model('@default'), model('mine', { active: false, bestDevLoss: 3.1, bestEpoch: 1, history: [rec(1, 3.5, 3.1)] })];
  fake = trainingApi({
    'backend:info': () => ({ name: 'wasm', version: '4.22.0', simd: true, threads: 1, fallbackReason: 'tfjs-node is not installed' }),
    'corpus:report': () => report,
    'corpus:upload': () => report,
    'models:list': () => ({ models: library, activeId: library.find((m) => m.active)?.id ?? '@default' }),
    'train:status': () => null,
    'train:start': () => info,
    'train:stop': () => ({ stopping: true }),
    'models:rename': ({ id, name }: { id: string; name: string }) => {
      library = library.map((m) => (m.id === id ? { ...m, id: name, name } : m));
      return library.find((m) => m.id === name);
    },
    'models:delete': ({ id }: { id: string }) => {
      library = library.filter((m) => m.id !== id);
      return { deleted: id };
    },
    'models:set-active': ({ id }: { id: string }) => {
      library = library.map((m) => ({ ...m, active: m.id === id }));
      return { activeId: id };
    },
  });
});
afterEach(() => cleanup());

async function mount() {
  const status = new BackendStatus(fake.api);
  status.start();
  render(TrainingView, { api: fake.api, status });
  await waitFor(() => expect(screen.getAllByTestId('library-row')).toHaveLength(library.length));
  await waitFor(() => expect(status.state).toBe('ready'));
  return status;
}
const chartAttr = (key: 'train' | 'dev', name: string) => screen.getByTestId(`${key}-chart`).getAttribute(name);

describe('TrainingView', () => {
  it("shows the corpus rows, the library and the active (default) model's curves", async () => {
    await mount();
    await waitFor(() => expect(screen.getByTestId('corpus-totals').textContent).toContain('1 of 2 files usable'));
    expect(screen.getByTestId('corpus-table').textContent).toMatch(/bad\.mid\s*skipped: not a MIDI file/);
    expect(screen.getByTestId('corpus-table').textContent).toMatch(/chord chart · 100%/);
    expect(chartAttr('dev', 'data-points')).toBe('3');
    expect(chartAttr('dev', 'data-best-epoch')).toBe('2');
    expect(chartAttr('train', 'data-unigram')).toBe('4.4000');
    expect(chartAttr('train', 'data-range')).toBe(chartAttr('dev', 'data-range'));
    expect(charts.updates.some((u) => u.label === 'dev loss' && u.epochs.length === 3)).toBe(true);
    expect(screen.getByTestId('training-fallback').textContent).toContain('tfjs-node is not installed');
    // Another library model's curves on request.
    await fireEvent.click(screen.getAllByTestId('show-curves')[1]);
    await waitFor(() => expect(chartAttr('dev', 'data-points')).toBe('1'));
  });

  it('blocks Start on an invalid field with a clear message, then sends the knobs that differ', async () => {
    await mount();
    await fireEvent.input(screen.getByTestId('field-units'), { target: { value: '0' } });
    expect(screen.getByTestId('field-error').textContent).toBe('LSTM units must be at least 1 and at most 2048');
    expect((screen.getByTestId('start') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('field-units'), { target: { value: '16' } });
    await fireEvent.input(screen.getByTestId('field-epochs'), { target: { value: '6' } });
    expect(screen.queryByTestId('field-error')).toBeNull();
    expect(screen.getByTestId('preset-info').textContent).toMatch(/changed from the preset: LSTM units, Max epochs/);
    await fireEvent.click(screen.getByTestId('start'));
    await waitFor(() =>
      expect(fake.sent('train:start')).toEqual([
        { preset: 'default', hyperparameters: { units: 16, epochs: 6 }, devFraction: 0.1, seed: 1, sampleEvery: 2 },
      ]),
    );
  });

  it('follows a run: progress, epochs on both charts, samples to play, overfitting notice, Stop and done', async () => {
    await mount();
    await fireEvent.click(screen.getByTestId('start'));
    await waitFor(() => expect(screen.getByTestId('run-state').getAttribute('data-running')).toBe('true'));
    fake.fire('train:progress', {
      runId: 'run1',
      type: 'batch',
      epoch: 1,
      batch: 5,
      batches: 20,
      trainLoss: 4,
      eventsPerSec: 2345.6,
      epochEtaSec: 12,
      etaSec: 140,
    });
    await waitFor(() =>
      expect(screen.getByTestId('run-state').textContent).toMatch(
        /Epoch 1\/6 · batch 5\/20 · 2,346 notes\/s · epoch ETA 12 s · at most 2 min 20 s left/,
      ),
    );
    fake.fire('train:progress', {
      runId: 'other',
      type: 'batch',
      epoch: 9,
      batch: 1,
      batches: 2,
      trainLoss: 1,
      eventsPerSec: 1,
      epochEtaSec: 1,
      etaSec: 1,
    });
    const losses: [number, number][] = [
      [4, 3.6],
      [3.5, 3.3],
      [3.2, 3.35],
      [3.0, 3.4],
      [2.8, 3.5],
    ];
    losses.forEach(([t, d], i) =>
      fake.fire('train:epoch', {
        runId: 'run1',
        record: rec(i + 1, t, d),
        best: i === 1,
        ...(i % 2 === 1 ? { sample: sample(i + 1) } : {}),
      }),
    );
    await waitFor(() => expect(chartAttr('train', 'data-points')).toBe('5'));
    expect(chartAttr('dev', 'data-values')).toBe('3.6000,3.3000,3.3500,3.4000,3.5000');
    expect(chartAttr('dev', 'data-unigram')).toBe('4.3000'); // the run's own baselines
    expect(chartAttr('dev', 'data-best-epoch')).toBe('2');
    expect(screen.getByTestId('overfit-notice').textContent).toMatch(/dev loss has risen for 3 epochs in a row/);
    expect(screen.getByTestId('play-epoch-2').getAttribute('aria-label')).toBe('Play the epoch 2 sample');
    await fireEvent.click(screen.getByTestId('play-epoch-2'));
    await waitFor(() => expect(audio.played).toHaveLength(1));
    expect((audio.played[0] as SampleTake).label).toBe('epoch 2');
    await fireEvent.click(screen.getByTestId('stop'));
    await waitFor(() => expect(fake.sent('train:stop')).toHaveLength(1));
    expect(screen.getByTestId('stop').textContent).toBe('Stopping…');
    const lists = fake.sent('models:list').length;
    fake.fire('train:done', {
      runId: 'run1',
      stopReason: 'cancelled',
      bestEpoch: 2,
      bestDevLoss: 3.3,
      modelId: 'new model',
      message: 'Stopped during epoch 6 (5 finished). Best dev loss 3.300 nats/note at epoch 2; saved to the library as "new model".',
      sample: sample(2, 'best (epoch 2)'),
    });
    await waitFor(() => expect(screen.getByTestId('run-state').textContent).toContain('Stopped during epoch 6 (5 finished)'));
    expect(screen.getByTestId('play-final').textContent).toContain('best (epoch 2)');
    await waitFor(() => expect(fake.sent('models:list').length).toBe(lists + 1));
  });

  it('says so when the trainer crashes mid-run, naming the checkpoint on disk, and Start comes back', async () => {
    await mount();
    await fireEvent.click(screen.getByTestId('start'));
    await waitFor(() => expect(screen.getByTestId('run-state').getAttribute('data-running')).toBe('true'));
    fake.fire('train:epoch', { runId: 'run1', record: rec(1, 4, 3.6), best: true });
    fake.fire('train:checkpoint', { runId: 'run1', epoch: 1, modelId: 'new model' });
    fake.fire('train:epoch', { runId: 'run1', record: rec(2, 3.8, 3.4), best: true });
    fake.fire('backend:down', {
      message: 'the backend process stopped unexpectedly (signal SIGKILL)',
      exitCode: null,
      signal: 'SIGKILL',
      restarting: true,
    });
    await waitFor(() =>
      expect(screen.getByTestId('train-crashed').textContent).toBe(
        'The backend process stopped during training (signal SIGKILL). The best checkpoint saved so far (epoch 1, dev 3.600) is kept in the library as "new model". You can start training again once the backend is back.',
      ),
    );
    // The epoch-2 checkpoint reached the disk although its event never did (the process died between):
    // once the backend is back the message names what the library really kept.
    library = [
      ...library,
      model('new model', { active: false, bestDevLoss: 3.4, bestEpoch: 2, history: [rec(1, 4, 3.6), rec(2, 3.8, 3.4)] }),
    ];
    fake.fire('backend:ready', { pid: 2, restarts: 1 });
    await waitFor(() => expect((screen.getByTestId('start') as HTMLButtonElement).disabled).toBe(false));
    await waitFor(() =>
      expect(screen.getByTestId('train-crashed').textContent).toContain('(epoch 2, dev 3.400) is kept in the library as "new model"'),
    );
    expect(screen.getByTestId('run-state').getAttribute('data-checkpoint')).toBe('2');
  });

  it('shows why a start was refused', async () => {
    await mount();
    fake.api.request = ((channel: string) =>
      channel === 'train:start'
        ? Promise.reject(new Error('the corpus is too small to split into train and dev'))
        : Promise.resolve(null)) as typeof fake.api.request;
    await fireEvent.click(screen.getByTestId('start'));
    await waitFor(() => expect(screen.getByTestId('train-error').textContent).toBe('the corpus is too small to split into train and dev'));
  });

  it('renames, deletes (after confirming) and sets the active model', async () => {
    await mount();
    const row = () => screen.getAllByTestId('library-row').find((r) => r.getAttribute('data-id') === 'mine')!;
    await fireEvent.click(row().querySelectorAll('button')[3]); // Rename
    const input = screen.getByLabelText('new name') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'my blues' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.sent('models:rename')).toEqual([{ id: 'mine', name: 'my blues' }]));
    await waitFor(() =>
      expect(screen.getAllByTestId('library-row').map((r) => r.getAttribute('data-id'))).toEqual(['@default', 'my blues']),
    );
    const mine = () => screen.getAllByTestId('library-row')[1];
    await fireEvent.click(mine().querySelector('[data-testid="set-active"]')!);
    await waitFor(() => expect(mine().querySelector('[data-testid="active-badge"]')).not.toBeNull());
    await fireEvent.click(screen.getAllByRole('button', { name: 'Delete' })[0]);
    expect(fake.sent('models:delete')).toEqual([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Really delete' }));
    await waitFor(() => expect(screen.getAllByTestId('library-row')).toHaveLength(1));
    expect(fake.sent('models:delete')).toEqual([{ id: 'my blues' }]);
  });

  it('uploads picked files as base64 and refuses oversized ones with their names', async () => {
    await mount();
    const input = screen.getByTestId('upload-files') as HTMLInputElement;
    const small = new File([new Uint8Array([77, 84, 104, 100])], 'solo.mid');
    const big = new File([new Uint8Array(700 * 1024)], 'huge.mid');
    Object.defineProperty(input, 'files', { value: [small, big], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(fake.sent('corpus:upload')).toEqual([{ files: [{ name: 'solo.mid', data: 'TVRoZA==' }] }]));
    await waitFor(() => expect(screen.getByTestId('corpus-error').textContent).toMatch(/Too big to upload .*huge\.mid \(700 KB\)/));
  });
});
