// Trainer-process handlers of the training channels (api/channels/training.ts).
import type { ProductChannel, TrainerChannel } from '../../api/contract';
import type { HandlerMap } from '../trainer/handlers';
import { type TRAINING_CHANNELS } from '../../api/channels/training';
import { loadModelFolder } from '../../models/lstm/model-io';
import { stagingDir } from './library-transfer';
import { corpusReport } from './corpus-report';
import { TrainingJobs } from './job';

type TrainingTrainerChannel = Extract<ProductChannel & keyof typeof TRAINING_CHANNELS, TrainerChannel>;

const jobs = new TrainingJobs();

export const trainingHandlers: HandlerMap<TrainingTrainerChannel> = {
  'corpus:report': () => corpusReport(),
  'train:start': (payload, ctx) => jobs.start(payload, ctx),
  'train:stop': () => jobs.stop(),
  'train:status': () => jobs.status(),
  'train:star': ({ epoch }) => jobs.star(epoch),
  'models:check': async ({ staging }) => {
    const { model } = await loadModelFolder(stagingDir(staging));
    model.dispose();
    return { ok: true };
  },
};
