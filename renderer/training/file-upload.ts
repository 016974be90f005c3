// Files from an <input type=file> (multiple or webkitdirectory) or a drop, read into base64 batches
// small enough for one WebSocket message each. Only MIDI files and chord sidecars go up; a file
// over the size limit is reported by name and left out, the others still go.
import { MAX_UPLOAD_FILE_BYTES, type UploadFile } from '../../api/channels/training';
import { CORPUS_FILE, MIDI_FILE } from '../../models/music/corpus-files';

/** Base64 characters per request (the server takes messages up to 1 MiB). */
export const BATCH_CHARS = 700_000;

export interface PickedFile {
  file: Blob;
  /** Relative path (folder/name.mid) or the bare name. */
  name: string;
}

export interface UploadPlan {
  batches: PickedFile[][];
  tooBig: string[];
  ignored: number;
  midiCount: number;
}

export function base64Chars(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Which files go up, in batches; which are too big; how many are not MIDI or sidecars. */
export function planUpload(files: readonly PickedFile[]): UploadPlan {
  const batches: PickedFile[][] = [];
  const tooBig: string[] = [];
  let ignored = 0;
  let midiCount = 0;
  let current: PickedFile[] = [];
  let chars = 0;
  for (const f of files) {
    if (!CORPUS_FILE.test(f.name)) {
      ignored++;
      continue;
    }
    if (f.file.size > MAX_UPLOAD_FILE_BYTES) {
      tooBig.push(`${f.name} (${Math.round(f.file.size / 1024)} KB)`);
      continue;
    }
    if (MIDI_FILE.test(f.name)) midiCount++;
    const c = base64Chars(f.file.size) + f.name.length + 64;
    if (current.length && chars + c > BATCH_CHARS) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(f);
    chars += c;
  }
  if (current.length) batches.push(current);
  return { batches, tooBig, ignored, midiCount };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(bin);
}

/** The bytes of a file (FileReader where Blob.arrayBuffer is missing, as in older engines and jsdom). */
export function readBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

export async function readBatch(batch: readonly PickedFile[]): Promise<UploadFile[]> {
  return Promise.all(batch.map(async (f) => ({ name: f.name, data: bytesToBase64(await readBytes(f.file)) })));
}

/** Files of an <input type=file>, keeping folder paths of a webkitdirectory pick. */
export function fromFileList(list: FileList | readonly File[]): PickedFile[] {
  return Array.from(list).map((file) => ({ file, name: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name }));
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: Entry, out: PickedFile[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
    out.push({ file, name: entry.fullPath.replace(/^\/+/, '') || file.name });
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries returns at most ~100 entries per call: read until it returns none.
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const e of batch) await walk(e, out);
    }
  }
}

/** Files (and the files inside dropped folders) of a drop. */
export async function fromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const items = Array.from(data.items ?? []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?(): Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length && entries.every((e) => e)) {
    const out: PickedFile[] = [];
    for (const e of entries) await walk(e!, out);
    return out;
  }
  return fromFileList(data.files);
}
