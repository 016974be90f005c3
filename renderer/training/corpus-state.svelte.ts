// The corpus panel's state: the working corpus as the trainer imported it, and the ways to change
// it (dialogs in the desktop app, uploads in the browser, remove, default, clear), leave a file
// out of training or take it back, and take another part of a band file as its solo.
import type { CorpusReport } from '../../api/channels/training';
import type { LicklabApi } from '../lib/api';
import { planUpload, readBatch, type PickedFile } from './file-upload';

export class CorpusState {
  report = $state<CorpusReport | null>(null);
  busy = $state('');
  error = $state('');
  notice = $state('');

  constructor(private readonly api: LicklabApi) {}

  private async run(what: string, job: () => Promise<CorpusReport | null | void>): Promise<void> {
    this.busy = what;
    this.error = '';
    try {
      const report = await job();
      if (report) this.report = report;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = '';
    }
  }

  load(): Promise<void> {
    return this.run('Reading the corpus…', () => this.api.request('corpus:report'));
  }

  addWithDialog(folders: boolean): Promise<void> {
    this.notice = '';
    return this.run('Importing…', () => this.api.request('corpus:add', { folders }));
  }

  /** Uploads picked or dropped files in batches; too-big and non-MIDI files are reported, not sent. */
  upload(files: PickedFile[]): Promise<void> {
    const plan = planUpload(files);
    const notes: string[] = [];
    if (plan.ignored)
      notes.push(
        `${plan.ignored} file${plan.ignored === 1 ? ' is' : 's are'} not MIDI or a chord sidecar and ${plan.ignored === 1 ? 'was' : 'were'} left out`,
      );
    this.notice = notes.join('; ');
    return this.run('Uploading…', async () => {
      if (plan.tooBig.length) this.error = '';
      let last: CorpusReport | null = null;
      let sent = 0;
      for (const batch of plan.batches) {
        this.busy = `Uploading ${sent + 1}–${sent + batch.length} of ${plan.batches.reduce((s, b) => s + b.length, 0)} files…`;
        last = await this.api.request('corpus:upload', { files: await readBatch(batch) });
        sent += batch.length;
      }
      if (plan.tooBig.length) {
        throw new Error(`Too big to upload (the browser studio takes files up to 640 KB each): ${plan.tooBig.join(', ')}`);
      }
      if (plan.batches.length === 0 && !plan.tooBig.length)
        throw new Error('No MIDI files (.mid, .midi, .kar, .smf) were found in what you picked');
      return last;
    }).then(() => {
      // A batch that failed part-way still changed the corpus: show what is there now.
      if (this.error)
        void this.api.request('corpus:report').then(
          (r) => (this.report = r),
          () => {},
        );
    });
  }

  remove(path: string): Promise<void> {
    return this.run('Removing…', () => this.api.request('corpus:remove', { path }));
  }

  /** Leave a file out of training (it stays listed) or take it back. */
  leaveOut(path: string, leftOut: boolean): Promise<void> {
    return this.run(leftOut ? 'Leaving the file out…' : 'Taking the file back…', () =>
      this.api.request('corpus:leave-out', { path, leftOut }),
    );
  }

  /** Re-import a file with another part as its solo (a track index), or the importer's choice (null). */
  pickTrack(path: string, track: number | null): Promise<void> {
    return this.run('Importing the file with that part…', () => this.api.request('corpus:track', { path, track }));
  }

  useDefault(): Promise<void> {
    this.notice = '';
    return this.run('Loading the default corpus…', () => this.api.request('corpus:use-default'));
  }

  clear(): Promise<void> {
    this.notice = '';
    return this.run('Clearing…', () => this.api.request('corpus:clear'));
  }
}
