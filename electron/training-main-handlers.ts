// Main-process (or studio-server) handlers of the training channels (electron/channels/training.ts).
import type { HostServices } from './host-services';
import type { MainChannel, PayloadOf, ResultOf } from './contract';
import { TRAINING_CHANNELS } from './channels/training';

type TrainingMainChannel = Extract<MainChannel, keyof typeof TRAINING_CHANNELS>;
export type TrainingMainHandlers = { [C in TrainingMainChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export function createTrainingMainHandlers(host: HostServices): TrainingMainHandlers {
  void host; // dialogs (Electron) and the trainer, for the handlers to come
  return {};
}
