// Drag a take out of the window into a DAW or file manager. The renderer sends only a take id; the
// sender is checked like every IPC call; the MIDI bytes come from the trainer (it owns the takes)
// and are written to a temp folder BEFORE webContents.startDrag, which needs an existing file.
// Hovering a take prepares its file, so the drag itself can start without waiting for the trainer.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nativeImage, type IpcMain, type IpcMainEvent } from 'electron';
import type { ApiRouter } from '../../backend/api-router';
import { takeId } from '../../api/channels/studio';
import { DRAG_OUT_MESSAGE, DRAG_PREPARE_MESSAGE } from '../../api/drag-out-message';
import type { TakeMidi } from '../../api/takes';

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

type Sender = Pick<IpcMainEvent, 'senderFrame' | 'sender'>;

/** Files written for takes, by take id (re-written on every prepare, so a rename is picked up). */
const prepared = new Map<string, string>();

function refuse(deps: DragOutDeps, error: string): DragOutResult {
  (deps.log ?? console.warn)(`licklab: drag-out refused: ${error}`);
  return { ok: false, error };
}

/** Sender and id checks shared by both messages; returns the problem or null. */
function checkMessage(event: Sender, id: unknown, deps: DragOutDeps): string | null {
  const url = event.senderFrame?.url;
  if (!deps.isTrusted(url)) return `the request did not come from LickLab's own page (${url ?? 'unknown sender'})`;
  return takeId(id, 'the dragged take');
}

/** Writes the take's .mid file into the drag folder (one folder per take keeps its own name). */
async function writeDragFile(id: string, deps: DragOutDeps): Promise<DragOutResult> {
  const reply = await deps.router.call('take:midi', { id });
  if (!reply.ok) return { ok: false, error: reply.error };
  const midi = reply.result as TakeMidi;
  const dir = path.join(deps.tempDir ?? path.join(os.tmpdir(), 'licklab-drag'), id);
  const file = path.join(dir, path.basename(midi.fileName));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, Buffer.from(midi.base64, 'base64'));
  } catch (err) {
    return { ok: false, error: `could not write the drag file: ${(err as Error).message}` };
  }
  prepared.set(id, file);
  return { ok: true, file };
}

export async function prepareDragOut(event: Sender, id: unknown, deps: DragOutDeps): Promise<DragOutResult> {
  const problem = checkMessage(event, id, deps);
  if (problem) return refuse(deps, problem);
  const written = await writeDragFile(id as string, deps);
  return written.ok ? written : refuse(deps, written.error);
}

export async function handleDragOut(event: Sender, id: unknown, deps: DragOutDeps): Promise<DragOutResult> {
  const problem = checkMessage(event, id, deps);
  if (problem) return refuse(deps, problem);
  // A prepared file starts the drag at once (the mouse button is still down); else write it first.
  let file = prepared.get(id as string);
  if (!file || !existsSync(file)) {
    const written = await writeDragFile(id as string, deps);
    if (!written.ok) return refuse(deps, written.error);
    file = written.file;
  }
  if (event.sender.isDestroyed()) return refuse(deps, 'the window closed before the drag started');
  event.sender.startDrag({ file, icon: nativeImage.createFromDataURL(ICON_PNG) });
  return { ok: true, file };
}

/** Listens for the preload's drag messages (fire-and-forget: the drag itself is the answer). */
export function registerDragOut(ipcMain: Pick<IpcMain, 'on'>, deps: DragOutDeps): void {
  ipcMain.on(DRAG_PREPARE_MESSAGE, (event, id: unknown) => void prepareDragOut(event, id, deps));
  ipcMain.on(DRAG_OUT_MESSAGE, (event, id: unknown) => void handleDragOut(event, id, deps));
}
