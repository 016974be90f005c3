// The studio's takes and generation state: what is stored, which take is on the roll, the A/B pair,
// the busy/error state of a generation running in the trainer process, and the primer (a phrase
// Generate and Sweep continue while one is set; see primer-source.ts).
import type { LicklabApi } from '../lib/api';
import type { PrimerPhrase, TakeList, TakeRecord, TakeUpdate } from '../../api/takes';
import type { ModelQuality } from '../../models/lstm/quality';
import { DEFAULT_SETTINGS, answerRequest, generateRequest, nextSeed, sweepRequest, type PanelSettings } from './generate-settings';
import { primerFromSelection, type PrimerChoice } from './primer-source';
import type { RollNote } from '../pianoroll';
import type { BarRange } from '../pianoroll/bar-selection';
import { checkChart } from './chart-check';

export type Busy = null | 'generate' | 'sweep';

export class TakesState {
  takes: TakeRecord[] = $state([]);
  skipped: TakeList['skipped'] = $state([]);
  currentId: string | null = $state(null);
  a: string | null = $state(null);
  b: string | null = $state(null);
  busy: Busy = $state(null);
  error: string | null = $state(null);
  loaded = $state(false);
  settings: PanelSettings = $state({ ...DEFAULT_SETTINGS });
  /** The library model new takes come from (set active in Training); null until known. */
  activeModel: { id: string; name: string; quality: ModelQuality | null } | null = $state(null);
  /** The phrase Generate and Sweep continue (null: takes start from nothing). */
  primer: PrimerChoice | null = $state(null);
  /** Why the last primer could not be taken (no notes in those bars...). */
  primerProblem: string | null = $state(null);
  /** Bars selected on the roll's ruler, with the take they were selected on. */
  selection: { takeId: string; range: BarRange } | null = $state(null);
  #api: LicklabApi;

  constructor(api: LicklabApi) {
    this.#api = api;
  }

  get current(): TakeRecord | null {
    return this.takes.find((t) => t.id === this.currentId) ?? null;
  }

  byId(id: string | null): TakeRecord | null {
    return id ? (this.takes.find((t) => t.id === id) ?? null) : null;
  }

  /** The five takes of the current take's sweep (or of the newest sweep), lowest temperature first. */
  get sweepTakes(): TakeRecord[] {
    const id = this.current?.sweepId ?? this.takes.find((t) => t.sweepId)?.sweepId;
    if (!id) return [];
    return this.takes.filter((t) => t.sweepId === id).sort((x, y) => x.settings.temperature - y.settings.temperature);
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.#api.request('take:list');
      this.takes = list.takes;
      this.skipped = list.skipped;
      if (!this.current) this.currentId = list.takes[0]?.id ?? null;
    } catch (err) {
      this.error = `Could not read the stored takes: ${(err as Error).message}`;
    } finally {
      this.loaded = true;
    }
  }

  /** Which model generates: shown in the panel, so a musician knows before pressing Generate. */
  async loadActiveModel(): Promise<void> {
    try {
      const list = await this.#api.request('models:list');
      const m = list.models.find((x) => x.id === list.activeId);
      this.activeModel = { id: list.activeId, name: m?.name ?? list.activeId, quality: m?.quality ?? null };
    } catch {
      this.activeModel = null; // the takes still work; the line is simply not shown
    }
  }

  select(id: string): void {
    if (this.byId(id)) this.currentId = id;
  }

  /** Why Generate and Sweep cannot run now (a job is running, the chart has problems), else null. */
  get blockedWhy(): string | null {
    if (this.busy) return 'A generation is running';
    if (this.settings.sourceKind !== 'chart') return null;
    const check = checkChart(this.settings.chart);
    return check.problems.length > 0 || check.blocking !== null ? 'Fix the chord chart first' : null;
  }

  async generate(): Promise<TakeRecord | null> {
    if (this.blockedWhy) return null;
    const seed = nextSeed(this.settings);
    this.settings.seed = seed;
    return this.#run('generate', async () => {
      const take = await this.#api.request('take:generate', generateRequest(this.settings, seed, this.primer?.request));
      this.takes = [take, ...this.takes];
      this.currentId = take.id;
      return take;
    });
  }

  async sweep(): Promise<TakeRecord[] | null> {
    if (this.blockedWhy) return null;
    const seed = nextSeed(this.settings);
    this.settings.seed = seed;
    return this.#run('sweep', async () => {
      const { takes } = await this.#api.request('take:sweep', sweepRequest(this.settings, seed, this.primer?.request));
      this.takes = [...takes, ...this.takes]; // coolest first, as the store lists them (newest first)
      this.currentId = takes[0]?.id ?? this.currentId;
      return takes;
    });
  }

  /** Set the primer from a source (primer-source.ts); a source with nothing to continue says why. */
  setPrimer(make: () => PrimerChoice): boolean {
    try {
      this.primer = make();
      this.primerProblem = null;
      return true;
    } catch (err) {
      this.primerProblem = `No primer: ${(err as Error).message}.`;
      return false;
    }
  }

  /** Bars selected on the ruler of the take on the roll: they become the primer at once. */
  selectBars(range: BarRange): void {
    const t = this.current;
    if (!t) return;
    this.selection = { takeId: t.id, range };
    this.setPrimer(() => primerFromSelection(t, range));
  }

  /** The selection to draw: only on the take it was made on. */
  get rollSelection(): BarRange | null {
    return this.current && this.selection?.takeId === this.current.id ? this.selection.range : null;
  }

  /** The notes of the take on the roll; a continued take's first notes are its primer (marked, as
   *  humanized timing may put the next note a hair before the primer's end). */
  get rollNotes(): RollNote[] {
    const t = this.current;
    const p = t?.primer;
    return p ? t.notes.map((n, i) => ({ ...n, primer: i < p.notes })) : (t?.notes ?? []);
  }

  clearPrimer(): void {
    this.primer = null;
    this.primerProblem = null;
    this.selection = null;
  }

  /** A trade's answer: the call continued for `bars` bars after it, stored as a take and put on the
   *  roll. Resolves with the take (its notes after the call are the answer). */
  async answerCall(phrase: PrimerPhrase, atBar: number, bars: number, round = 0): Promise<TakeRecord> {
    const seed = nextSeed(this.settings);
    const take = await this.#api.request('take:generate', answerRequest(this.settings, seed, phrase, atBar, bars, round));
    this.takes = [take, ...this.takes];
    this.currentId = take.id;
    return take;
  }

  /** Runs one backend job; on failure the takes stay as they were and the backend's message shows. */
  async #run<T>(kind: Exclude<Busy, null>, job: () => Promise<T>): Promise<T | null> {
    this.busy = kind;
    this.error = null;
    try {
      return await job();
    } catch (err) {
      this.error = `${kind === 'sweep' ? 'Sweep' : 'Generation'} failed: ${(err as Error).message}`;
      return null;
    } finally {
      this.busy = null;
    }
  }

  async update(id: string, patch: Omit<TakeUpdate, 'id'>): Promise<void> {
    try {
      const updated = await this.#api.request('take:update', { id, ...patch });
      this.takes = this.takes.map((t) => (t.id === id ? updated : t));
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#api.request('take:delete', { id });
      const i = this.takes.findIndex((t) => t.id === id);
      this.takes = this.takes.filter((t) => t.id !== id);
      if (this.currentId === id) this.currentId = this.takes[Math.min(i, this.takes.length - 1)]?.id ?? null;
      if (this.a === id) this.a = null;
      if (this.b === id) this.b = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** Move the selection up or down the list (newest first). */
  step(delta: number): void {
    if (!this.takes.length) return;
    const i = this.takes.findIndex((t) => t.id === this.currentId);
    const next = Math.min(this.takes.length - 1, Math.max(0, (i < 0 ? 0 : i) + delta));
    this.currentId = this.takes[next].id;
  }

  /** A/B: mark the current take as A or B. */
  mark(slot: 'a' | 'b', id: string | null = this.currentId): void {
    this[slot] = id;
  }

  /** Switch the roll between A and B (A when neither is shown). Returns the take now current. */
  flipAB(): TakeRecord | null {
    if (!this.a || !this.b) return null;
    this.currentId = this.currentId === this.a ? this.b : this.a;
    return this.current;
  }

  /** Load a take's tempo and swing into the panel so playback sounds as generated. */
  adoptSettings(take: TakeRecord): void {
    this.settings.tempo = take.settings.tempo;
    this.settings.swing = take.settings.swing;
  }
}
