// What the host of the API offers the main-side handlers: Electron has native dialogs; the browser
// studio has none (there the renderer uploads files and downloads results instead). Handlers that
// need a dialog check `kind` and give a clear error elsewhere.
import type { TrainerHost } from './trainer/trainer-host';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface HostServices {
  kind: 'electron' | 'browser';
  /** The trainer process, for main-side handlers that hand work on (e.g. after a dialog): typed
   *  requests only, so a channel's payload and result are checked against the contract. */
  trainer?: Pick<TrainerHost, 'request'>;
  /** Electron only: paths the user picked (empty when cancelled). */
  showOpenDialog?(opts: { title: string; folders?: boolean; multiple?: boolean; filters?: FileFilter[] }): Promise<string[]>;
  /** Electron only: the path the user chose, or null when cancelled. */
  showSaveDialog?(opts: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>;
}

export const BROWSER_HOST: HostServices = { kind: 'browser' };
