// The preload (sandboxed, bundled to one CommonJS file): exposes only `window.licklab.request` and
// `window.licklab.on`, limited to the contract's channel and event names. No ipcRenderer, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, TEST_CHANNELS, type LicklabBridge, type Reply } from '../api/contract';
import { DRAG_OUT_MESSAGE, DRAG_PREPARE_MESSAGE } from '../api/drag-out-message';

const channels = new Set([...Object.keys(CHANNELS), ...Object.keys(TEST_CHANNELS)]);
const events = new Set(Object.keys(EVENTS));

const bridge: LicklabBridge & { dragOut(takeId: string): void; prepareDrag(takeId: string): void } = {
  request(channel: string, payload?: unknown): Promise<Reply> {
    if (!channels.has(channel)) return Promise.resolve({ ok: false, error: `unknown channel "${String(channel)}"` });
    return ipcRenderer.invoke(channel, payload) as Promise<Reply>;
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!events.has(event)) throw new Error(`unknown event "${String(event)}"`);
    const listener = (_e: IpcRendererEvent, payload: unknown) => callback(payload);
    ipcRenderer.on(event, listener);
    return () => ipcRenderer.removeListener(event, listener);
  },
  /** Start dragging a take out of the window as a .mid file: only its id crosses (main checks it). */
  dragOut(takeId: string): void {
    if (typeof takeId === 'string' && takeId.length <= 64) ipcRenderer.send(DRAG_OUT_MESSAGE, takeId);
  },
  /** Get a take's .mid file ready before a drag (on hover), so the drag starts without delay. */
  prepareDrag(takeId: string): void {
    if (typeof takeId === 'string' && takeId.length <= 64) ipcRenderer.send(DRAG_PREPARE_MESSAGE, takeId);
  },
};

contextBridge.exposeInMainWorld('licklab', bridge);
