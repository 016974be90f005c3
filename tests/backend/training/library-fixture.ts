// Temporary data folders holding copies of the shipped model, for library tests.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MODEL_DIR } from '../../../models/lstm/default-model';

export function tempEnv(prefix: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `licklab-${prefix}-`));
  return { dir, env: { LICKLAB_DATA_DIR: dir } };
}

/** Copies the shipped default model into <data>/models/<name>. */
export function addModelCopy(env: Record<string, string>, name: string): string {
  const target = path.join(env.LICKLAB_DATA_DIR, 'models', name);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(DEFAULT_MODEL_DIR, target, { recursive: true });
  return target;
}
