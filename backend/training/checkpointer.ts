// Keeps the best-dev checkpoint of a running training on disk, so a crash of the trainer process
// loses at most the epochs since the last improvement. The weights are cloned synchronously in
// onEpoch (training goes on right after), copied into a model of the same shape that training never
// touches, and saved atomically (saveModelFolder); saves run one at a time, the newest wins.
import * as tf from '@tensorflow/tfjs';
import { saveModelFolder } from '../../models/lstm/model-io';
import type { LicklabMeta } from '../../models/lstm/model-meta';
import { buildModel } from '../../models/lstm/network';
import type { Hyperparameters } from '../../models/lstm/hyperparameters';

export class Checkpointer {
  private readonly holder: tf.LayersModel;
  private queue: Promise<void> = Promise.resolve();
  private pending: { weights: tf.Tensor[]; meta: LicklabMeta } | null = null;
  /** The last error of a checkpoint save (training goes on; the final save reports its own). */
  lastError: string | null = null;
  savedEpoch: number | null = null;

  constructor(
    private readonly dir: string,
    hp: Hyperparameters,
    private readonly onSaved: (epoch: number) => void = () => {},
  ) {
    this.holder = buildModel(hp);
  }

  /** Call from onEpoch with the model holding the best weights; `meta` describes the checkpoint. */
  capture(model: tf.LayersModel, meta: LicklabMeta): void {
    const weights = model.getWeights().map((w) => w.clone());
    if (this.pending) tf.dispose(this.pending.weights); // a newer best replaces a save not yet started
    this.pending = { weights, meta };
    this.queue = this.queue.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const job = this.pending;
    if (!job) return;
    this.pending = null;
    try {
      this.holder.setWeights(job.weights);
      await saveModelFolder(this.dir, this.holder, job.meta, { force: true });
      this.savedEpoch = job.meta.bestEpoch;
      this.lastError = null;
      if (job.meta.bestEpoch !== null) this.onSaved(job.meta.bestEpoch);
    } catch (err) {
      this.lastError = (err as Error).message;
    } finally {
      tf.dispose(job.weights);
    }
  }

  /** Waits for queued saves; then the final model may replace the checkpoint. */
  async drain(): Promise<void> {
    await this.queue;
  }

  dispose(): void {
    if (this.pending) tf.dispose(this.pending.weights);
    this.pending = null;
    this.holder.dispose();
  }
}
