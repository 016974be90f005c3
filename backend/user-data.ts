// Where LickLab keeps the user's things (takes, imported corpora, trained models, settings), shared
// by the Electron main process, the browser studio and the trainer process. Electron passes its
// app.getPath('userData') down as LICKLAB_DATA_DIR; the CLI and studio use the XDG data folder.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../models/write-atomic';
import { DEFAULT_MODEL_DIR } from '../models/lstm/default-model';

export function userDataDir(env: Record<string, string | undefined> = process.env): string {
  if (env.LICKLAB_DATA_DIR) return path.resolve(env.LICKLAB_DATA_DIR);
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'licklab');
}

/** A sub-folder of the data folder (created on first use): 'takes', 'models', 'corpora'. */
export function dataPath(sub: 'takes' | 'models' | 'corpora', env: Record<string, string | undefined> = process.env): string {
  const dir = path.join(userDataDir(env), sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Settings {
  /** The model the studio generates with; the shipped default model when unset or gone. */
  activeModel?: string;
}

function settingsFile(env: Record<string, string | undefined>): string {
  return path.join(userDataDir(env), 'settings.json');
}

export function readSettings(env: Record<string, string | undefined> = process.env): Settings {
  try {
    const parsed = JSON.parse(readFileSync(settingsFile(env), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Settings) : {};
  } catch {
    return {}; // missing or unreadable settings: defaults (a corrupt file is replaced on next write)
  }
}

/** Write settings atomically (temp file + rename): a crash never leaves half a file. */
export function writeSettings(update: Partial<Settings>, env: Record<string, string | undefined> = process.env): Settings {
  const next = { ...readSettings(env), ...update };
  const file = settingsFile(env);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(next, null, 2));
  return next;
}

/** The model folder the studio uses: the user's choice if it still exists, else the shipped one. */
export function activeModelDir(env: Record<string, string | undefined> = process.env): string {
  const chosen = readSettings(env).activeModel;
  if (chosen && existsSync(path.join(chosen, 'licklab.json'))) return chosen;
  return DEFAULT_MODEL_DIR;
}
