// Every contract channel gets one ipcMain.handle; each call is checked (sender, then payload via the
// router) before anything runs. Replies are Reply envelopes so errors reach the renderer as plain text.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiRouter } from '../../backend/api-router';
import { channelNames, EVENTS, type EventName, type Reply } from '../../api/contract';
import { registerDragOut } from './drag-out';

export async function handleInvoke(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  channel: string,
  payload: unknown,
  router: ApiRouter,
  isTrusted: (url: string | undefined) => boolean,
): Promise<Reply> {
  const url = event.senderFrame?.url;
  if (!isTrusted(url)) {
    return { ok: false, error: `refused "${channel}": the request did not come from LickLab's own page (${url ?? 'unknown sender'})` };
  }
  return router.call(channel, payload);
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'> & Partial<Pick<IpcMain, 'on'>>,
  router: ApiRouter,
  isTrusted: (url: string | undefined) => boolean,
): string[] {
  const names = channelNames(router.testMode);
  for (const channel of names) {
    ipcMain.handle(channel, (event, payload) => handleInvoke(event, channel, payload, router, isTrusted));
  }
  // Dragging a take out (a one-way message with a take id): Electron's ipcMain always has `on`.
  if (ipcMain.on) registerDragOut({ on: ipcMain.on.bind(ipcMain) as IpcMain['on'] }, { router, isTrusted });
  return names;
}

/** Forwards every contract event from the backend to the windows. */
export function forwardEvents(router: ApiRouter, windows: () => WebContents[]): () => void {
  const offs = (Object.keys(EVENTS) as EventName[]).map((event) =>
    router.on(event, (payload) => {
      for (const contents of windows()) if (!contents.isDestroyed()) contents.send(event, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
