// Trainer-process handlers of the studio channels (electron/channels/studio.ts).
import type { ProductChannel, TrainerChannel } from '../contract';
import type { HandlerMap } from './handlers';
import { STUDIO_CHANNELS } from '../channels/studio';

type StudioTrainerChannel = Extract<ProductChannel & keyof typeof STUDIO_CHANNELS, TrainerChannel>;

export const studioHandlers: HandlerMap<StudioTrainerChannel> = {};
