// What the trainer host remembers of the training run going on in the trainer process, from the
// events it relays (started, epoch, checkpoint, done), so that a crash of that process does not
// forget the run: the host ends it with a train:done saying where it stopped and which checkpoint
// the library keeps, and answers train:status with that ending after the restart (the new process
// knows nothing of the run).
import type { RunDone, RunInfo, RunState } from '../../api/channels/training';
import type { EpochRecord } from '../../models/lstm/training-types';

interface Watched {
  info: RunInfo;
  history: EpochRecord[];
  /** The best-dev checkpoint the trainer reported safe on disk (the model that stays in the library). */
  checkpoint: { epoch: number; modelId: string } | null;
}

export class RunWatch {
  private run: Watched | null = null;
  /** The state of a run the crash ended, for train:status until a new run starts. */
  private ended: RunState | null = null;

  /** Feed every event the trainer sends. */
  onEvent(event: string, payload: unknown): void {
    if (event === 'train:started') {
      this.run = { info: payload as RunInfo, history: [], checkpoint: null };
      this.ended = null;
      return;
    }
    const run = this.run;
    const p = payload as { runId?: string };
    if (!run || p?.runId !== run.info.runId) return;
    if (event === 'train:epoch') run.history.push((payload as { record: EpochRecord }).record);
    else if (event === 'train:checkpoint') {
      const c = payload as { epoch: number; modelId: string; kind?: string };
      if (!c.kind || c.kind === 'best-dev') run.checkpoint = { epoch: c.epoch, modelId: c.modelId };
    } else if (event === 'train:done') this.run = null;
  }

  /** The trainer process died: the run it was training (if any) ends here. */
  onCrash(how: string): RunDone | null {
    const run = this.run;
    if (!run) return null;
    this.run = null;
    const reached = run.history.length ? run.history[run.history.length - 1].epoch : 0;
    const at = reached
      ? `at epoch ${reached + 1}, after ${reached} finished epoch${reached > 1 ? 's' : ''}`
      : 'before the first epoch finished';
    const kept = run.checkpoint;
    const best = kept ? run.history.find((r) => r.epoch === kept.epoch) : undefined;
    const done: RunDone = {
      runId: run.info.runId,
      stopReason: 'failed',
      bestEpoch: kept?.epoch ?? null,
      bestDevLoss: best?.devLoss ?? null,
      modelId: kept?.modelId ?? null,
      message: `The trainer stopped ${at} (${how}); ${kept ? `the checkpoint of epoch ${kept.epoch} is kept in the library as "${kept.modelId}"` : 'no checkpoint had been saved, so nothing was kept'}`,
    };
    this.ended = {
      info: run.info,
      running: false,
      history: run.history,
      samples: [],
      progress: null,
      checkpointEpoch: kept?.epoch ?? null,
      done,
    };
    return done;
  }

  /** train:status as the trainer answered it, or the crashed run when the new process has none. */
  status(fromTrainer: RunState | null): RunState | null {
    return fromTrainer ?? this.ended;
  }
}
