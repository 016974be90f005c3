// Channels answered by the main process (or the studio server) itself, without the trainer.
// Add a contract channel made with `mainChannel(...)` and the type checker asks for its entry here.
import { BROWSER_HOST, type HostServices } from './host-services';
import { createStudioMainHandlers } from './studio/main-handlers';
import { createTrainingMainHandlers } from './training/main-handlers';
import { CREDITS, type MainChannel, type PayloadOf, type ResultOf } from '../api/contract';

export type MainHandlers = { [C in MainChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export function createMainHandlers(opts: { version: string; host?: HostServices }): MainHandlers {
  const host = opts.host ?? BROWSER_HOST;
  return {
    'app:about': () => ({
      name: 'LickLab',
      version: opts.version,
      description: 'Train an LSTM improviser on your own jazz solos and generate new ones over chord changes.',
      credits: CREDITS,
    }),
    ...createStudioMainHandlers(host),
    ...createTrainingMainHandlers(host),
  };
}
