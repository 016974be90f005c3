// The files of a model's kept checkpoints (<models>/.checkpoints/<model id>/, see run-checkpoints.ts):
// the index, the rows the library shows, and switching the model folder to one of them. Plain file
// work, apart from the trainer's RunCheckpoints, so the studio and the app read and switch
// checkpoints without loading TensorFlow.js.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { abandonSave, newSaveTag, replaceFolder, stagingPath } from '../../models/folder-replace';
import { writeFileAtomic } from '../../models/write-atomic';
import { CHECKPOINT_KINDS, type CheckpointKind, type CheckpointRow } from '../../api/channels/training';

export const CHECKPOINTS_JSON = 'checkpoints.json';

export interface CheckpointIndex {
  inUse: CheckpointKind;
  kept: Omit<CheckpointRow, 'inUse'>[];
}

export function checkpointsDir(modelsRoot: string, modelId: string): string {
  return path.join(modelsRoot, '.checkpoints', modelId);
}

export function readCheckpointIndex(modelsRoot: string, modelId: string): CheckpointIndex | null {
  try {
    const raw = JSON.parse(readFileSync(path.join(checkpointsDir(modelsRoot, modelId), CHECKPOINTS_JSON), 'utf8')) as CheckpointIndex;
    return raw && Array.isArray(raw.kept) && CHECKPOINT_KINDS.includes(raw.inUse) ? raw : null;
  } catch {
    return null;
  }
}

/** The rows the library shows (kept checkpoints whose folder is there), or undefined. */
export function checkpointRows(modelsRoot: string, modelId: string): CheckpointRow[] | undefined {
  const index = readCheckpointIndex(modelsRoot, modelId);
  if (!index) return undefined;
  const dir = checkpointsDir(modelsRoot, modelId);
  const rows = index.kept
    .filter((k) => existsSync(path.join(dir, k.kind, 'licklab.json')))
    .map((k) => ({ ...k, inUse: k.kind === index.inUse }));
  return rows.length ? rows : undefined;
}

export async function writeIndex(modelsRoot: string, modelId: string, index: CheckpointIndex): Promise<void> {
  const dir = checkpointsDir(modelsRoot, modelId);
  await fs.mkdir(dir, { recursive: true });
  writeFileAtomic(path.join(dir, CHECKPOINTS_JSON), `${JSON.stringify(index, null, 1)}\n`);
}

const MODEL_FILES = ['model.json', 'weights.bin', 'licklab.json'];

/** Copy a model folder to `to`, replacing it through the one crash-safe replace
 *  (models/folder-replace.ts: a kill at any step leaves the old folder or the new one). */
export async function copyModelFolder(from: string, to: string): Promise<void> {
  const tag = newSaveTag();
  const staged = stagingPath(to, tag);
  try {
    await fs.mkdir(staged, { recursive: true });
    for (const f of MODEL_FILES) await fs.copyFile(path.join(from, f), path.join(staged, f));
    await replaceFolder(to, staged, tag);
  } catch (err) {
    abandonSave(tag);
    await fs.rm(staged, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** Make a kept checkpoint the model (the library folder); the studio generates with it from now on. */
export async function useCheckpoint(modelsRoot: string, modelId: string, modelDir: string, kind: CheckpointKind): Promise<void> {
  const index = readCheckpointIndex(modelsRoot, modelId);
  if (!index) throw new Error(`the model "${modelId}" keeps no checkpoints (it was trained before they were kept, or imported)`);
  const from = path.join(checkpointsDir(modelsRoot, modelId), kind);
  if (!index.kept.some((k) => k.kind === kind) || !existsSync(path.join(from, 'licklab.json'))) {
    throw new Error(`the model "${modelId}" has no ${kind} checkpoint (it keeps ${index.kept.map((k) => k.kind).join(', ')})`);
  }
  if (index.inUse === kind) return;
  await copyModelFolder(from, modelDir);
  await writeIndex(modelsRoot, modelId, { ...index, inUse: kind });
}
