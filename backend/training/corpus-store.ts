// The working corpus of the dashboard, kept on disk so the main process (dialogs, uploads) and the
// trainer process (import, training) agree and a restart loses nothing: corpora/working.json lists
// the sources (the bundled default corpus, folders/files picked in a dialog, the uploads folder)
// and the files the user left out; uploaded bytes live in corpora/uploads/. A file left out stays in
// the report (marked so, to be taken back) but training skips it; a file of several parts can have
// its solo part picked by the musician (`tracks`, by track index), which the import then uses.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../models/write-atomic';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';
import { CORPUS_FILE, CORPUS_FILES_TEXT, MIDI_FILE, sidecarNames } from '../../models/music/corpus-files';
import { readMidi } from '../../models/music/midi-read';
import { chooseSoloTrack } from '../../models/music/solo-track';
import { dataPath } from '../user-data';
import { MAX_UPLOAD_FILE_BYTES, type UploadFile } from '../../api/channels/training';

export interface CorpusEntry {
  kind: 'default' | 'picked' | 'uploads';
  path: string;
}
export interface CorpusManifest {
  entries: CorpusEntry[];
  excluded: string[]; // left out of training (uploads too: their bytes are kept)
  tracks: Record<string, number>; // file -> the track index the musician took as its solo part
}

type Env = Record<string, string | undefined>;

/** Longest file or folder name kept from an upload (file systems allow 255 bytes, less our temp suffix). */
export const MAX_UPLOAD_NAME_PART = 200;

function manifestFile(env: Env): string {
  return path.join(dataPath('corpora', env), 'working.json');
}
export function uploadsDir(env: Env = process.env): string {
  return path.join(dataPath('corpora', env), 'uploads');
}

function defaultManifest(): CorpusManifest {
  return { entries: [{ kind: 'default', path: DEFAULT_CORPUS_DIR }], excluded: [], tracks: {} };
}

/** The working corpus; the bundled default corpus until the user changes it. */
export function readManifest(env: Env = process.env): CorpusManifest {
  try {
    const raw = JSON.parse(readFileSync(manifestFile(env), 'utf8')) as Partial<CorpusManifest>;
    if (!Array.isArray(raw.entries) || !Array.isArray(raw.excluded)) return defaultManifest();
    // The default entry always points at this installation's bundled corpus.
    const entries = raw.entries.map((e) => (e.kind === 'default' ? { kind: 'default' as const, path: DEFAULT_CORPUS_DIR } : e));
    const tracks: Record<string, number> = {};
    if (raw.tracks && typeof raw.tracks === 'object')
      for (const [file, t] of Object.entries(raw.tracks)) if (Number.isInteger(t) && t >= 0) tracks[file] = t;
    return { entries, excluded: raw.excluded.filter((x): x is string => typeof x === 'string'), tracks };
  } catch {
    return defaultManifest();
  }
}

export function writeManifest(m: CorpusManifest, env: Env = process.env): CorpusManifest {
  const file = manifestFile(env);
  writeFileAtomic(file, JSON.stringify(m, null, 1));
  return m;
}

export function useDefaultCorpus(env: Env = process.env): CorpusManifest {
  return writeManifest(defaultManifest(), env);
}

/** Empties the working corpus and deletes the uploaded files (picked files are only forgotten). */
export function clearCorpus(env: Env = process.env): CorpusManifest {
  rmSync(uploadsDir(env), { recursive: true, force: true });
  return writeManifest({ entries: [], excluded: [], tracks: {} }, env);
}

export function addPickedPaths(paths: string[], env: Env = process.env): CorpusManifest {
  const m = readManifest(env);
  for (const p of paths.map((x) => path.resolve(x))) {
    if (!m.entries.some((e) => e.path === p)) m.entries.push({ kind: 'picked', path: p });
    m.excluded = m.excluded.filter((x) => x !== p && !x.startsWith(p + path.sep));
  }
  return writeManifest(m, env);
}

/** A safe relative path for an uploaded file: folders kept, no '..', no absolute paths, known types only. */
export function safeUploadName(name: string): string {
  const parts = name
    .split(/[\\/]+/)
    .map((p) => p.trim())
    .filter((p) => p && p !== '.' && p !== '..')
    .map((p) => p.replace(/[^\w .()+,#&'-]/g, '_').replace(/^\.+/, '_'));
  if (parts.length === 0) throw new Error(`"${name.slice(0, 80)}" is not a usable file name`);
  const long = parts.find((p) => p.length > MAX_UPLOAD_NAME_PART);
  if (long)
    throw new Error(
      `"${long.slice(0, 40)}…" is a name of ${long.length} characters; rename it to at most ${MAX_UPLOAD_NAME_PART} and upload it again`,
    );
  const rel = parts.join('/');
  if (!CORPUS_FILE.test(rel)) {
    throw new Error(`"${parts[parts.length - 1]}" is not a file a corpus takes: it takes ${CORPUS_FILES_TEXT}`);
  }
  return rel;
}

/** Writes uploaded files into the uploads folder (each atomically) and adds that folder to the corpus.
 *  Every file is checked before anything is written, so a bad one loses nothing and adds nothing. */
export function saveUploads(files: UploadFile[], env: Env = process.env): { saved: string[] } {
  if (files.length === 0) throw new Error('no files to upload');
  const planned = files.map((f) => {
    const rel = safeUploadName(f.name);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.data)) throw new Error(`"${rel}" did not arrive as base64 data`);
    const bytes = Buffer.from(f.data, 'base64');
    if (bytes.length > MAX_UPLOAD_FILE_BYTES) {
      throw new Error(
        `"${rel}" is ${(bytes.length / 1024).toFixed(0)} KB; the browser upload takes files up to ${MAX_UPLOAD_FILE_BYTES / 1024} KB each (MIDI solos are far smaller; in the desktop app, add big files with "Add files…")`,
      );
    }
    if (bytes.length === 0) throw new Error(`"${rel}" is empty`);
    return { rel, bytes };
  });
  const root = uploadsDir(env);
  const saved: string[] = [];
  const created: string[] = []; // files this batch added, removed again if a later one fails
  for (const { rel, bytes } of planned) {
    const target = path.join(root, rel);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      const isNew = !existsSync(target);
      writeFileAtomic(target, bytes);
      if (isNew) created.push(target);
    } catch (err) {
      for (const file of created) rmQuietly(file);
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file and a folder of the upload share a name'
          : (err as Error).message;
      throw new Error(`could not save the upload "${rel}": ${why}; nothing from this batch was added`, { cause: err });
    }
    saved.push(target);
  }
  const m = readManifest(env);
  if (!m.entries.some((e) => e.kind === 'uploads')) m.entries.push({ kind: 'uploads', path: root });
  m.excluded = m.excluded.filter((x) => !saved.includes(x));
  writeManifest(m, env);
  return { saved };
}

function rmQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // e.g. ENOTDIR when a parent is a file: there is nothing there to remove
  }
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Leaves one file out. Uploaded files are deleted; others are only excluded. Only paths within the
 *  working corpus are accepted (the renderer got them from our report). */
export function removeCorpusFile(file: string, env: Env = process.env): CorpusManifest {
  const abs = path.resolve(file);
  const m = readManifest(env);
  const entry = m.entries.find((e) => inside(abs, e.path));
  if (!entry) throw new Error(`${path.basename(abs)} is not part of the working corpus`);
  if (entry.kind === 'picked' && entry.path === abs) {
    m.entries = m.entries.filter((e) => e !== entry);
    delete m.tracks[abs];
  } else if (entry.kind === 'uploads') {
    if (existsSync(abs) && statSync(abs).isDirectory())
      throw new Error(`${path.basename(abs)} is a folder: remove the files in it one by one`);
    rmSync(abs, { force: true });
    delete m.tracks[abs];
    m.excluded = m.excluded.filter((x) => x !== abs);
    for (const side of MIDI_FILE.test(abs) ? sidecarNames(path.basename(abs)).map((n) => path.join(path.dirname(abs), n)) : []) {
      if (side !== abs && existsSync(side)) rmSync(side, { force: true });
    }
  } else if (!m.excluded.includes(abs)) {
    m.excluded.push(abs);
  }
  return writeManifest(m, env);
}

/** The entry of the working corpus holding `file`, or a specific error. */
function entryOf(abs: string, m: CorpusManifest): CorpusEntry {
  const entry = m.entries.find((e) => inside(abs, e.path));
  if (!entry) throw new Error(`${path.basename(abs)} is not part of the working corpus`);
  return entry;
}

/** Leaves a file out of training (or takes it back) without deleting it: it stays in the report. */
export function setLeftOut(file: string, leftOut: boolean, env: Env = process.env): CorpusManifest {
  const abs = path.resolve(file);
  const m = readManifest(env);
  entryOf(abs, m);
  m.excluded = m.excluded.filter((x) => x !== abs);
  if (leftOut) m.excluded.push(abs);
  return writeManifest(m, env);
}

/** Takes track `track` of a MIDI file as its solo part (null: back to the importer's choice). The
 *  file is read first, so a track that does not exist, has no notes or is drums is refused by name. */
export function setSoloTrack(file: string, track: number | null, env: Env = process.env): CorpusManifest {
  const abs = path.resolve(file);
  const m = readManifest(env);
  entryOf(abs, m);
  const name = path.basename(abs);
  if (!MIDI_FILE.test(abs)) throw new Error(`${name} is not a MIDI file: only a MIDI file has tracks to pick from`);
  if (track === null) delete m.tracks[abs];
  else {
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (err) {
      throw new Error(`cannot read ${name} to pick its track: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
    try {
      chooseSoloTrack(readMidi(new Uint8Array(bytes)).tracks, track);
    } catch (err) {
      throw new Error(`cannot take track ${track} of ${name} as its solo part: ${(err as Error).message}`, { cause: err });
    }
    m.tracks[abs] = track;
  }
  return writeManifest(m, env);
}
