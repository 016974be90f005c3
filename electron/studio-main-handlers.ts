// Main-process (or studio-server) handlers of the studio channels (electron/channels/studio.ts).
import type { HostServices } from './host-services';
import type { MainChannel, PayloadOf, ResultOf } from './contract';
import { STUDIO_CHANNELS } from './channels/studio';

type StudioMainChannel = Extract<MainChannel, keyof typeof STUDIO_CHANNELS>;
export type StudioMainHandlers = { [C in StudioMainChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export function createStudioMainHandlers(host: HostServices): StudioMainHandlers {
  void host; // dialogs (Electron) and the trainer, for the handlers to come
  return {};
}
