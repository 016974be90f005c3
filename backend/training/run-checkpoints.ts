// Checkpoints by ear and by numbers: besides the best-dev model a run writes to its library folder,
// it keeps the best-sample-score epoch and the epoch the musician starred while listening. They
// live beside the library, in <models>/.checkpoints/<model id>/<kind>/ (hidden from the listing),
// with checkpoints.json saying which epoch each holds and which one the model folder holds now.
// `useCheckpoint` copies one into the model folder through the crash-safe replace, so the studio,
// which reloads when licklab.json changes, generates with it. The file side (index, rows, switch)
// is in checkpoint-index.ts, which needs no TensorFlow.js; this file is the trainer's keeper.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters } from '../../models/lstm/hyperparameters';
import type { LicklabMeta } from '../../models/lstm/model-meta';
import { buildModel } from '../../models/lstm/network';
import type { EpochRecord } from '../../models/lstm/training-types';
import { CHECKPOINT_KINDS, type CheckpointKind, type CheckpointRow } from '../../api/channels/training';
import { Checkpointer } from './checkpointer';
import { checkpointsDir, copyModelFolder, writeIndex } from './checkpoint-index';

export {
  CHECKPOINTS_JSON,
  checkpointRows,
  checkpointsDir,
  readCheckpointIndex,
  useCheckpoint,
  type CheckpointIndex,
} from './checkpoint-index';

/** Epochs whose weights stay in memory so the musician can star one while training runs: at least
 *  this many, more for small networks (STARRABLE_BYTES). With the whole step on the kernels a small
 *  model's epoch can take well under a second, less than it takes to hear a 4-bar take. */
export const STARRABLE_EPOCHS = 8;
/** Memory the kept epochs may take beyond the minimum: 64 MB (the default preset's 1 x 128 network
 *  keeps about 90 epochs in it, 2 x 256 about 16). */
export const STARRABLE_BYTES = 64 * 1024 * 1024;

/** How many recent epochs a network of `floats` weights keeps starrable. */
export function starrableEpochs(floats: number): number {
  return Math.max(STARRABLE_EPOCHS, Math.floor(STARRABLE_BYTES / (4 * Math.max(1, floats))));
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
    const keep = starrableEpochs(this.recent[0].weights.reduce((n, w) => n + w.size, 0));
    while (this.recent.length > keep) tf.dispose(this.recent.shift()!.weights);
    if (bestScore) {
      this.kept.set('best-sample', row('best-sample', record));
      this.saver('best-sample').capture(model, this.metaFor(record, `the best sample score of the run (epoch ${record.epoch})`));
    }
  }

  /** Keep epoch `epoch` (one of the last starrableEpochs) as the starred checkpoint. */
  star(epoch: number): void {
    const found = this.recent.find((r) => r.record.epoch === epoch);
    if (!found) {
      const have = this.recent.map((r) => r.record.epoch);
      throw new Error(
        have.length
          ? `epoch ${epoch} can no longer be starred: only the last ${have.length} epochs can (now ${have[0]}–${have[have.length - 1]})`
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
