// The training run as the dashboard sees it: started, batch progress, epochs (with samples), done,
// or lost with the trainer process (backend:down). Events of other runs are ignored.
import type { RunDone, RunInfo, SampleTake, TrainStartPayload } from '../../api/channels/training';
import type { BatchProgress, EpochRecord } from '../../models/lstm/training-types';
import type { LicklabApi } from '../lib/api';

export class RunTracker {
  info = $state.raw<RunInfo | null>(null);
  history = $state.raw<EpochRecord[]>([]);
  samples = $state.raw<SampleTake[]>([]);
  /** The sample panel's first take of each epoch it ran (click a point of the sample chart to hear it). */
  panelTakes = $state.raw<SampleTake[]>([]);
  starredEpoch = $state<number | null>(null);
  progress = $state.raw<BatchProgress | null>(null);
  /** The epoch whose checkpoint is safely on disk. */
  checkpointEpoch = $state<number | null>(null);
  done = $state.raw<RunDone | null>(null);
  running = $state(false);
  starting = $state(false);
  stopping = $state(false);
  /** Why the last start failed (bad knobs, empty corpus…). */
  error = $state('');
  /** Set when the trainer process died during the run. */
  crashed = $state('');
  /** The library model of the run before this one in this session (to compare their dev curves). */
  previousModelId = $state<string | null>(null);
  /** Called when a run ends with a model in the library (to refresh it). */
  onSaved: (modelId: string) => void = () => {};

  constructor(private readonly api: LicklabApi) {}

  /** Subscribe to the trainer's events and pick up a run already going (page reload). */
  start(): () => void {
    const offs = [
      this.api.on('train:started', (info) => this.begin(info)),
      this.api.on('train:progress', (p) => {
        if (p.runId === this.info?.runId) this.progress = p;
      }),
      this.api.on('train:epoch', (e) => {
        if (e.runId !== this.info?.runId) return;
        this.history = [...this.history, e.record];
        if (e.sample) this.samples = [...this.samples, e.sample];
        if (e.panelTake) this.panelTakes = [...this.panelTakes, e.panelTake];
      }),
      this.api.on('train:checkpoint', (c) => {
        if (c.runId !== this.info?.runId) return;
        if (c.kind === 'starred') this.starredEpoch = c.epoch;
        else if (c.kind === undefined || c.kind === 'best-dev') this.checkpointEpoch = c.epoch;
      }),
      this.api.on('train:done', (d) => {
        if (d.runId !== this.info?.runId) return;
        if (d.sample) this.samples = [...this.samples, d.sample];
        this.finish(d);
      }),
      this.api.on('backend:down', (down) => {
        if (!this.running) return;
        this.running = false;
        this.stopping = false;
        this.#crashWhy = /\(([^)]*)\)/.exec(down.message)?.[1] ?? '';
        const saved = this.checkpointEpoch;
        this.crashed = this.#crashMessage(saved, this.history.find((r) => r.epoch === saved)?.devLoss ?? null);
        if (saved !== null && this.info) this.onSaved(this.info.modelId);
      }),
      this.api.on('backend:ready', () => {
        if (this.crashed && this.info) {
          this.onSaved(this.info.modelId);
          void this.#confirmKept(this.info);
        }
      }),
    ];
    void this.api.request('train:status').then(
      (state) => {
        if (!state || this.info) return;
        this.begin(state.info);
        this.history = state.history;
        this.samples = state.samples;
        this.panelTakes = state.panelTakes ?? [];
        this.starredEpoch = state.starredEpoch ?? null;
        this.progress = state.progress;
        this.checkpointEpoch = state.checkpointEpoch;
        if (!state.running && state.done) this.finish(state.done, false);
      },
      () => {},
    );
    return () => offs.forEach((off) => off());
  }

  #crashWhy = '';

  #crashMessage(saved: number | null, devLoss: number | null): string {
    const why = this.#crashWhy;
    return (
      `The backend process stopped during training${why ? ` (${why})` : ''}. ` +
      (saved !== null && this.info
        ? `The best checkpoint saved so far (epoch ${saved}${devLoss !== null ? `, dev ${devLoss.toFixed(3)}` : ''}) is kept in the library as "${this.info.modelId}". `
        : 'No checkpoint had been saved yet, so nothing was kept. ') +
      'You can start training again once the backend is back.'
    );
  }

  /** After a crash, say what the library really kept: a checkpoint can reach the disk after the last
   *  checkpoint event the page saw (the process died in between). */
  async #confirmKept(info: RunInfo): Promise<void> {
    try {
      const list = await this.api.request('models:list');
      const m = list.models.find((x) => x.id === info.modelId && !x.problem);
      if (!m || m.bestEpoch === null || this.info !== info || !this.crashed) return;
      this.checkpointEpoch = m.bestEpoch;
      this.crashed = this.#crashMessage(m.bestEpoch, m.bestDevLoss);
    } catch {
      // The message from the crash stays; the library panel shows the truth when it loads.
    }
  }

  private begin(info: RunInfo): void {
    if (this.info?.runId === info.runId) return;
    if (this.done?.modelId) this.previousModelId = this.done.modelId;
    this.info = info;
    this.history = [];
    this.samples = [];
    this.panelTakes = [];
    this.starredEpoch = null;
    this.progress = null;
    this.checkpointEpoch = null;
    this.done = null;
    this.crashed = '';
    this.running = true;
  }

  private finish(d: RunDone, announce = true): void {
    this.done = d;
    this.running = false;
    this.stopping = false;
    if (announce && d.modelId) this.onSaved(d.modelId);
  }

  /** The run's model was renamed in the library (named when the run ended): the title and message follow. */
  renamed(from: string, to: string): void {
    if (this.info?.modelId === from) this.info = { ...this.info, modelId: to };
    if (this.done?.modelId === from)
      this.done = { ...this.done, modelId: to, message: this.done.message.replace(`as "${from}"`, `as "${to}"`) };
  }

  async startRun(payload: TrainStartPayload): Promise<void> {
    this.error = '';
    this.starting = true;
    try {
      const info = await this.api.request('train:start', payload);
      this.begin(info); // the train:started event may come before or after this reply
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.starting = false;
    }
  }

  /** Keep an epoch of the running training as its starred checkpoint. */
  async star(epoch: number): Promise<void> {
    this.error = '';
    try {
      await this.api.request('train:star', { epoch });
      this.starredEpoch = epoch;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      const r = await this.api.request('train:stop');
      if (!r.stopping) this.stopping = false;
    } catch (err) {
      this.stopping = false;
      this.error = err instanceof Error ? err.message : String(err);
    }
  }
}
