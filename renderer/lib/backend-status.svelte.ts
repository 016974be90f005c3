// What the status bar knows about the ML backend: asks the trainer process, follows its crashes
// (`backend:down`) and restarts (`backend:ready`).
import type { BackendInfo } from '../../api/contract';
import type { LicklabApi } from './api';

export type BackendState = 'starting' | 'ready' | 'down' | 'error';

export class BackendStatus {
  state = $state<BackendState>('starting');
  info = $state<BackendInfo | null>(null);
  /** The crash or error text when state is 'down' or 'error'. */
  message = $state('');
  /** True while an automatic restart is expected. */
  restarting = $state(false);
  /** How many times the backend came back after a crash during this session. */
  recoveries = $state(0);
  private request = 0;

  constructor(private readonly api: LicklabApi) {}

  /** Subscribes to backend events and asks for the backend; returns the unsubscribe function. */
  start(): () => void {
    const offDown = this.api.on('backend:down', (down) => {
      this.state = 'down';
      this.message = down.message;
      this.restarting = down.restarting;
    });
    const offReady = this.api.on('backend:ready', () => {
      if (this.state === 'down' || this.state === 'error') this.recoveries++;
      void this.refresh();
    });
    void this.refresh();
    return () => {
      offDown();
      offReady();
    };
  }

  async refresh(): Promise<void> {
    const mine = ++this.request;
    if (this.state !== 'down') this.state = 'starting';
    try {
      const info = await this.api.request('backend:info');
      if (mine !== this.request) return;
      this.info = info;
      this.state = 'ready';
      this.message = '';
      this.restarting = false;
    } catch (err) {
      if (mine !== this.request) return;
      // A crash already explained by `backend:down` keeps that message.
      if (this.state !== 'down') {
        this.state = 'error';
        this.message = err instanceof Error ? err.message : String(err);
      }
    }
  }
}

/** The crash/error message as a sentence for the UI, saying whether a restart is under way. */
export function problemSentence(status: Pick<BackendStatus, 'message' | 'restarting' | 'state'>): string {
  const text = status.message.charAt(0).toUpperCase() + status.message.slice(1);
  return `${text}.${status.state === 'down' && status.restarting ? ' Restarting it…' : ''}`;
}

/** "wasm 4.22.0", and the details "SIMD · 1 thread". */
export function backendLabel(info: BackendInfo): { name: string; details: string } {
  const details: string[] = [];
  if (info.simd !== undefined) details.push(info.simd ? 'SIMD' : 'no SIMD');
  if (info.threads !== undefined) details.push(`${info.threads} thread${info.threads === 1 ? '' : 's'}`);
  if (info.name === 'tensorflow') details.push('native');
  return { name: `${info.name} ${info.version}`, details: details.join(' · ') };
}
