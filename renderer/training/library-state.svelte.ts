// The model library panel's state: list, rename, delete, set active, export and import (dialogs in
// the desktop app; a JSON bundle download and upload in the browser).
import { MAX_BUNDLE_CHUNK_CHARS, type CheckpointKind, type LibraryModel } from '../../api/channels/training';
import type { LicklabApi } from '../lib/api';
import { downloadBlob } from '../lib/download';
import { bytesToBase64, readBytes } from './file-upload';

export class LibraryState {
  models = $state.raw<LibraryModel[]>([]);
  activeId = $state('');
  /** The model whose curves the charts show when no run is live (null: the active one). */
  shownId = $state<string | null>(null);
  busy = $state('');
  error = $state('');
  notice = $state('');
  loaded = $state(false);

  constructor(private readonly api: LicklabApi) {}

  get shown(): LibraryModel | null {
    const id = this.shownId ?? this.activeId;
    return this.models.find((m) => m.id === id) ?? this.models.find((m) => !m.problem) ?? null;
  }

  private async run<T>(what: string, job: () => Promise<T>): Promise<T | undefined> {
    this.busy = what;
    this.error = '';
    try {
      return await job();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return undefined;
    } finally {
      this.busy = '';
    }
  }

  async load(): Promise<void> {
    await this.run('Loading the library…', async () => {
      const list = await this.api.request('models:list');
      this.models = list.models;
      this.activeId = list.activeId;
      if (this.shownId && !list.models.some((m) => m.id === this.shownId)) this.shownId = null;
      this.loaded = true;
    });
  }

  async rename(id: string, name: string): Promise<boolean> {
    const m = await this.run('Renaming…', () => this.api.request('models:rename', { id, name }));
    if (!m) return false;
    if (this.shownId === id) this.shownId = m.id;
    await this.load();
    return true;
  }

  async remove(id: string): Promise<void> {
    const ok = await this.run('Deleting…', () => this.api.request('models:delete', { id }));
    if (ok) await this.load();
  }

  async setActive(id: string): Promise<void> {
    const ok = await this.run('Setting the active model…', () => this.api.request('models:set-active', { id }));
    if (ok) await this.load();
  }

  /** Make one of a run's kept checkpoints the model (what the studio generates with). */
  async useCheckpoint(id: string, kind: CheckpointKind): Promise<void> {
    const m = await this.run('Switching the checkpoint…', () => this.api.request('models:use-checkpoint', { id, kind }));
    if (m) await this.load();
  }

  async exportModel(id: string): Promise<void> {
    this.notice = '';
    if (this.api.transport === 'electron') {
      const r = await this.run('Exporting…', () => this.api.request('models:export', { id }));
      if (r?.path) this.notice = `Exported to ${r.path}`;
      return;
    }
    const r = await this.run('Preparing the download…', () => this.api.request('models:export-bundle', { id }));
    if (!r) return;
    downloadBlob(new Blob([r.bundle], { type: 'application/json' }), r.fileName);
    this.notice = `Downloaded ${r.fileName}`;
  }

  async importWithDialog(): Promise<void> {
    this.notice = '';
    const m = await this.run('Importing…', () => this.api.request('models:import'));
    if (m) {
      this.notice = `Imported "${m.name}"`;
      await this.load();
    }
  }

  /** Uploads a bundle file (from "Export") in chunks; the server checks it loads before keeping it. */
  async importBundle(file: Blob): Promise<void> {
    this.notice = '';
    const m = await this.run('Importing…', async () => {
      const data = bytesToBase64(await readBytes(file));
      const size = MAX_BUNDLE_CHUNK_CHARS - (MAX_BUNDLE_CHUNK_CHARS % 4);
      const total = Math.max(1, Math.ceil(data.length / size));
      const uploadId = Math.random().toString(36).slice(2, 12).padEnd(8, '0');
      let model: LibraryModel | undefined;
      for (let i = 0; i < total; i++) {
        this.busy = `Importing (${i + 1}/${total})…`;
        const r = await this.api.request('models:upload', { uploadId, index: i, total, data: data.slice(i * size, (i + 1) * size) });
        model = r.model;
      }
      return model;
    });
    if (m) {
      this.notice = `Imported "${m.name}"`;
      await this.load();
    }
  }
}
