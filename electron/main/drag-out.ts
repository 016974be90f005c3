// Drag a take out of the window into a DAW or file manager. The renderer sends only a take id; the
// sender is checked like every IPC call; the MIDI bytes come from the trainer (it owns the takes)
// and are written to a temp folder BEFORE webContents.startDrag, which needs an existing file.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nativeImage, type IpcMain, type IpcMainEvent } from 'electron';
import type { ApiRouter } from '../api-router';
import { takeId } from '../channels/studio';
import { DRAG_OUT_MESSAGE } from '../takes/drag-out-message';
import type { TakeMidi } from '../takes/take-types';

// 32x32 amber tile with note bars (the drag image; startDrag needs a non-empty icon).
const ICON_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAASklEQVR42mNgGAVQ8GBJxH964lEHjDpg8DtAXFqRKDzqgNFEOPIcQGzaIJRGRh0wmgiHjgOIjVtS08KoA0YT4agDRh0w+BwwYgEAQVMZXafCFL8AAAAASUVORK5CYII=';

export interface DragOutDeps {
  router: Pick<ApiRouter, 'call'>;
  isTrusted: (url: string | undefined) => boolean;
  /** Where drag files go (default: <os temp>/licklab-drag). */
  tempDir?: string;
  log?: (msg: string) => void;
}

export type DragOutResult = { ok: true; file: string } | { ok: false; error: string };

export async function handleDragOut(event: Pick<IpcMainEvent, 'senderFrame' | 'sender'>, id: unknown, deps: DragOutDeps): Promise<DragOutResult> {
  const log = deps.log ?? console.warn;
  const fail = (error: string): DragOutResult => {
    log(`licklab: drag-out refused: ${error}`);
    return { ok: false, error };
  };
  const url = event.senderFrame?.url;
  if (!deps.isTrusted(url)) return fail(`the request did not come from LickLab's own page (${url ?? 'unknown sender'})`);
  const problem = takeId(id, 'the dragged take');
  if (problem) return fail(problem);
  const reply = await deps.router.call('take:midi', { id });
  if (!reply.ok) return fail(reply.error);
  const midi = reply.result as TakeMidi;
  // One folder per take keeps the file named after the take without clashes between takes.
  const dir = path.join(deps.tempDir ?? path.join(os.tmpdir(), 'licklab-drag'), id as string);
  const file = path.join(dir, path.basename(midi.fileName));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, Buffer.from(midi.base64, 'base64'));
  } catch (err) {
    return fail(`could not write the drag file: ${(err as Error).message}`);
  }
  if (event.sender.isDestroyed()) return fail('the window closed before the drag started');
  event.sender.startDrag({ file, icon: nativeImage.createFromDataURL(ICON_PNG) });
  return { ok: true, file };
}

/** Listens for the preload's drag-out message (fire-and-forget: the drag itself is the answer). */
export function registerDragOut(ipcMain: Pick<IpcMain, 'on'>, deps: DragOutDeps): void {
  ipcMain.on(DRAG_OUT_MESSAGE, (event, id: unknown) => void handleDragOut(event, id, deps));
}
