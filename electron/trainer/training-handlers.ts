// Trainer-process handlers of the training channels (electron/channels/training.ts).
import type { ProductChannel, TrainerChannel } from '../contract';
import type { HandlerMap } from './handlers';
import { TRAINING_CHANNELS } from '../channels/training';
import { loadModelFolder } from '../../models/lstm/model-io';
import { stagingDir } from '../models-library/transfer';
import { corpusReport } from './training/corpus-report';
import { TrainingJobs } from './training/job';

type TrainingTrainerChannel = Extract<ProductChannel & keyof typeof TRAINING_CHANNELS, TrainerChannel>;

const jobs = new TrainingJobs();

export const trainingHandlers: HandlerMap<TrainingTrainerChannel> = {
  'corpus:report': () => corpusReport(),
  'train:start': (payload, ctx) => jobs.start(payload, ctx),
  'train:stop': () => jobs.stop(),
  'train:status': () => jobs.status(),
  'models:check': async ({ staging }) => {
    const { model } = await loadModelFolder(stagingDir(staging));
    model.dispose();
    return { ok: true };
  },
};
