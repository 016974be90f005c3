// Checkpoints by ear and by numbers: besides the best-dev model a run writes to its library folder,
// it keeps the best-sample-score epoch and the epoch the musician starred while listening. They
// live beside the library, in <models>/.checkpoints/<model id>/<kind>/ (hidden from the listing),
// with checkpoints.json saying which epoch each holds and which one the model folder holds now.
// `useCheckpoint` copies one into the model folder through the crash-safe replace, so the studio,
// which reloads when licklab.json changes, generates with it.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters } from '../../models/lstm/hyperparameters';
import type { LicklabMeta } from '../../models/lstm/model-meta';
import { buildModel } from '../../models/lstm/network';
import type { EpochRecord } from '../../models/lstm/training-types';
import { abandonSave, newSaveTag, replaceFolder, stagingPath } from '../../models/folder-replace';
import { writeFileAtomic } from '../../models/write-atomic';
import { CHECKPOINT_KINDS, type CheckpointKind, type CheckpointRow } from '../../api/channels/training';
import { Checkpointer } from './checkpointer';

export const CHECKPOINTS_JSON = 'checkpoints.json';
/** Epochs whose weights stay in memory so the musician can star one while training runs. */
export const STARRABLE_EPOCHS = 8;

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

async function writeIndex(modelsRoot: string, modelId: string, index: CheckpointIndex): Promise<void> {
  const dir = checkpointsDir(modelsRoot, modelId);
  await fs.mkdir(dir, { recursive: true });
  writeFileAtomic(path.join(dir, CHECKPOINTS_JSON), `${JSON.stringify(index, null, 1)}\n`);
}

const row = (kind: CheckpointKind, r: EpochRecord) => ({ kind, epoch: r.epoch, devLoss: r.devLoss, score: r.sample?.score ?? null });

/** The kept checkpoints of one running training (trainer process). */
export class RunCheckpoints {
  private readonly savers = new Map<CheckpointKind, Checkpointer>();
  private readonly recent: { record: EpochRecord; weights: tf.Tensor[] }[] = [];
  private readonly kept = new Map<CheckpointKind, Omit<CheckpointRow, 'inUse'>>();
  private holder: tf.LayersModel | null = null;

  constructor(
    private readonly modelsRoot: string,
    private readonly modelId: string,
    private readonly hp: Hyperparameters,
    private readonly metaFor: (record: EpochRecord, note: string) => LicklabMeta,
    private readonly onSaved: (kind: CheckpointKind, epoch: number) => void = () => {},
  ) {}

  private saver(kind: Exclude<CheckpointKind, 'best-dev'>): Checkpointer {
    let s = this.savers.get(kind);
    if (!s) {
      s = new Checkpointer(path.join(checkpointsDir(this.modelsRoot, this.modelId), kind), this.hp, (epoch) => this.onSaved(kind, epoch));
      this.savers.set(kind, s);
    }
    return s;
  }

  /** From onEpoch (weights read synchronously): remember the epoch for a star, keep a new best score. */
  epoch(record: EpochRecord, model: tf.LayersModel, bestScore: boolean): void {
    this.recent.push({ record, weights: model.getWeights().map((w) => w.clone()) });
    while (this.recent.length > STARRABLE_EPOCHS) tf.dispose(this.recent.shift()!.weights);
    if (bestScore) {
      this.kept.set('best-sample', row('best-sample', record));
      this.saver('best-sample').capture(model, this.metaFor(record, `the best sample score of the run (epoch ${record.epoch})`));
    }
  }

  /** Keep epoch `epoch` (one of the last STARRABLE_EPOCHS) as the starred checkpoint. */
  star(epoch: number): void {
    const found = this.recent.find((r) => r.record.epoch === epoch);
    if (!found) {
      const have = this.recent.map((r) => r.record.epoch);
      throw new Error(
        have.length
          ? `epoch ${epoch} can no longer be starred: only the last ${STARRABLE_EPOCHS} epochs can (now ${have[0]}–${have[have.length - 1]})`
          : `epoch ${epoch} has not finished yet`,
      );
    }
    this.holder ??= buildModel(this.hp);
    this.holder.setWeights(found.weights);
    this.kept.set('starred', row('starred', found.record));
    this.saver('starred').capture(this.holder, this.metaFor(found.record, `the epoch starred while listening (epoch ${epoch})`));
  }

  /** After the final save of the best-dev model into `modelDir`: a copy of it, and the index. */
  async finish(modelDir: string, best: EpochRecord | null): Promise<void> {
    for (const s of this.savers.values()) await s.drain();
    if (best && existsSync(path.join(modelDir, 'licklab.json'))) {
      await copyModelFolder(modelDir, path.join(checkpointsDir(this.modelsRoot, this.modelId), 'best-dev'));
      this.kept.set('best-dev', row('best-dev', best));
    }
    const kept = CHECKPOINT_KINDS.filter((k) => this.kept.has(k)).map((k) => this.kept.get(k)!);
    if (kept.length) await writeIndex(this.modelsRoot, this.modelId, { inUse: 'best-dev', kept });
  }

  dispose(): void {
    for (const r of this.recent) tf.dispose(r.weights);
    this.recent.length = 0;
    for (const s of this.savers.values()) s.dispose();
    this.holder?.dispose();
    this.holder = null;
  }
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
