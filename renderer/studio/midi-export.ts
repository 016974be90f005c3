// Getting a take out as a .mid file: the Electron save dialog (main writes the file; we send only the
// id), a download in the browser studio, and dragging a take out of the window.
import type { LicklabApi } from '../lib/api';
import { downloadBlob } from '../lib/download';
import type { BandParts, TakeMidi } from '../../api/takes';

export function midiBlob(midi: TakeMidi): Blob {
  const bin = atob(midi.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'audio/midi' });
}

/** "Save MIDI...": a native dialog in Electron, a download in the browser, with the band parts the
 *  transport plays (comp, bass), so the file holds what was heard. Returns what happened. */
export async function saveTakeMidi(api: LicklabApi, id: string, band?: BandParts): Promise<string> {
  if (api.transport === 'electron') {
    const r = await api.request('take:save-midi', { id, ...(band ? { band } : {}) });
    return 'saved' in r ? `Saved ${r.saved}` : 'Save cancelled';
  }
  const midi = await api.request('take:midi', { id, ...(band ? { band } : {}) });
  downloadBlob(midiBlob(midi), midi.fileName);
  return `Downloaded ${midi.fileName}`;
}

type DragBridge = { dragOut?: (takeId: string) => void; prepareDrag?: (takeId: string) => void };

/** Blob URLs of takes prepared for a browser drag (dragstart cannot wait for the backend). */
const prepared = new Map<string, { url: string; fileName: string }>();

/** Get a take's MIDI ready ahead of a possible drag (on hover): Electron writes the file in main,
 *  the browser keeps a blob URL. */
export async function prepareDrag(api: LicklabApi, id: string): Promise<void> {
  const bridge = (window as unknown as { licklab?: DragBridge }).licklab;
  if (bridge?.prepareDrag) return bridge.prepareDrag(id);
  if (api.transport === 'electron' || prepared.has(id)) return;
  const midi = await api.request('take:midi', { id });
  prepared.set(id, { url: URL.createObjectURL(midiBlob(midi)), fileName: midi.fileName });
}

/** Drag a take out: Electron starts a native file drag (main writes the file); the browser offers a
 *  DownloadURL (Chromium drops it as a file where supported). */
export function startTakeDrag(e: DragEvent, id: string): 'native' | 'download-url' | 'not-ready' {
  const bridge = (window as unknown as { licklab?: DragBridge }).licklab;
  if (bridge?.dragOut) {
    e.preventDefault();
    bridge.dragOut(id);
    return 'native';
  }
  const p = prepared.get(id);
  if (!p || !e.dataTransfer) return 'not-ready';
  e.dataTransfer.effectAllowed = 'copy';
  e.dataTransfer.setData('DownloadURL', `audio/midi:${p.fileName}:${p.url}`);
  e.dataTransfer.setData('text/uri-list', p.url);
  return 'download-url';
}
