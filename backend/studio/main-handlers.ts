// Main-process (or studio-server) handlers of the studio channels (api/channels/studio.ts).
// "Save MIDI..." asks the trainer for the take's bytes (it owns the takes), then the user for a
// path through the native dialog, and writes there atomically. The renderer only ever sends an id.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../models/write-atomic';
import type { HostServices } from '../host-services';
import type { MainChannel, PayloadOf, ResultOf } from '../../api/contract';
import { type STUDIO_CHANNELS } from '../../api/channels/studio';

type StudioMainChannel = Extract<MainChannel, keyof typeof STUDIO_CHANNELS>;
export type StudioMainHandlers = { [C in StudioMainChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export function createStudioMainHandlers(host: HostServices): StudioMainHandlers {
  return {
    'take:save-midi': async (request) => {
      if (host.kind !== 'electron' || !host.showSaveDialog) {
        throw new Error(
          '"Save MIDI..." with a save dialog needs the desktop app; the browser studio downloads the file instead (take:midi)',
        );
      }
      if (!host.trainer) throw new Error('the backend process is not available');
      const midi = await host.trainer.request('take:midi', request); // unknown ids fail before the dialog
      const target = await host.showSaveDialog({
        title: 'Save the take as MIDI',
        defaultName: midi.fileName,
        filters: [{ name: 'MIDI file', extensions: ['mid'] }],
      });
      if (!target) return { cancelled: true };
      const file = path.extname(target) ? target : `${target}.mid`;
      // The dialog asked before replacing `target`, not the .mid file we add the extension to.
      if (file !== target && existsSync(file)) {
        throw new Error(
          `${path.basename(file)} already exists and was not replaced: save again and pick it (or another name) in the dialog`,
        );
      }
      try {
        writeFileAtomic(file, Buffer.from(midi.base64, 'base64'));
      } catch (err) {
        throw new Error(`could not write ${file}: ${(err as Error).message}`, { cause: err });
      }
      return { saved: file };
    },
  };
}
