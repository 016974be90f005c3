// Trainer-process handlers of the training channels (electron/channels/training.ts).
import type { ProductChannel, TrainerChannel } from '../contract';
import type { HandlerMap } from './handlers';
import { TRAINING_CHANNELS } from '../channels/training';

type TrainingTrainerChannel = Extract<ProductChannel & keyof typeof TRAINING_CHANNELS, TrainerChannel>;

export const trainingHandlers: HandlerMap<TrainingTrainerChannel> = {};
