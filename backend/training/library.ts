// The model library on disk: every folder of <data>/models holding a licklab.json, plus the shipped
// default model (read-only, always listed). Library ids are folder names; renames, deletes and
// imports are single renames within the models folder, so a crash leaves the old state or the new.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverFoldersIn } from '../../models/folder-replace';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { metaProblem, type LicklabMeta } from '../../models/lstm/model-meta';
import { modelQuality } from '../../models/lstm/quality';
import { dataPath, readSettings, writeSettings } from '../user-data';
import { DEFAULT_MODEL_ID, MODEL_ID_PATTERN, type LibraryList, type LibraryModel } from '../../api/channels/training';

type Env = Record<string, string | undefined>;
export const MODEL_FILES = ['model.json', 'weights.bin', 'licklab.json'] as const;

export function modelsRoot(env: Env = process.env): string {
  return dataPath('models', env);
}

export function checkModelName(name: string): string {
  const trimmed = name.trim();
  if (!MODEL_ID_PATTERN.test(trimmed) || trimmed.includes('..')) {
    throw new Error(
      `"${name.slice(0, 80)}" cannot be a model name: use up to 80 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`,
    );
  }
  return trimmed;
}

/** The folder of a library model; throws a clear error for unknown ids. */
export function modelDir(id: string, env: Env = process.env): string {
  if (id === DEFAULT_MODEL_ID) return DEFAULT_MODEL_DIR;
  const name = checkModelName(id);
  const dir = path.join(modelsRoot(env), name);
  if (!existsSync(path.join(dir, 'licklab.json')))
    throw new Error(`there is no model "${id}" in the library (it may have been renamed or deleted)`);
  return dir;
}

function activeIdOf(env: Env): string {
  const chosen = readSettings(env).activeModel;
  if (!chosen || !existsSync(path.join(chosen, 'licklab.json'))) return DEFAULT_MODEL_ID;
  const rel = path.relative(modelsRoot(env), chosen);
  return rel && !rel.includes(path.sep) && !rel.startsWith('..') ? rel : DEFAULT_MODEL_ID;
}

/** The text of a licklab.json as checked metadata, or a clear error. */
export function parseMetaText(text: string): LicklabMeta {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new Error('licklab.json is corrupt (not valid JSON)');
  }
  const problem = metaProblem(meta);
  if (problem) throw new Error(problem);
  return meta as LicklabMeta;
}

async function readMeta(dir: string): Promise<LicklabMeta> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'licklab.json'), 'utf8');
  } catch (err) {
    throw new Error(`licklab.json cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  const meta = parseMetaText(text);
  for (const f of ['model.json', 'weights.bin']) if (!existsSync(path.join(dir, f))) throw new Error(`${f} is missing`);
  return meta;
}

/** How the library names a run's corpus: its folder's name, "default corpus", "uploaded files" or "several folders". */
export function corpusLabel(dir: string | undefined): string {
  if (!dir) return 'several folders'; // a working corpus of the default corpus plus uploads, say
  if (/default-corpus$/.test(dir)) return 'default corpus';
  if (/[\\/]corpora[\\/]/.test(dir)) return 'uploaded files';
  return path.basename(dir);
}

/** The name a finished run is offered under: corpus, preset and epochs trained ("wjd - solos - 12 epochs"),
 *  or without the epochs while it trains. Library ids allow no '·', so ' - ' separates. */
export function runModelName(corpusDir: string | undefined, preset: string, epochs?: number): string {
  const parts = [corpusLabel(corpusDir), preset];
  if (epochs !== undefined) parts.push(`${epochs} epoch${epochs === 1 ? '' : 's'}`);
  return parts.join(' - ');
}

export function describeModel(id: string, meta: LicklabMeta, opts: { readOnly: boolean; active: boolean }): LibraryModel {
  const c = meta.corpus ?? ({} as LicklabMeta['corpus']);
  return {
    id,
    name: id === DEFAULT_MODEL_ID ? 'Default model (shipped)' : id,
    readOnly: opts.readOnly,
    active: opts.active,
    createdAt: meta.createdAt,
    preset: meta.preset,
    hyperparameters: meta.hyperparameters,
    backend: meta.backend?.name ?? 'unknown',
    corpus: {
      label: corpusLabel(c.dir),
      files: c.filesOk ?? c.sources ?? 0,
      tunes: c.tunes ?? 0,
      events: c.events ?? 0,
      trainTunes: c.trainTunes ?? 0,
      devTunes: c.devTunes ?? 0,
    },
    bestEpoch: meta.bestEpoch,
    bestDevLoss: meta.bestDevLoss,
    baselines: meta.baselines ? { unigramDevLoss: meta.baselines.unigramDevLoss, bigramDevLoss: meta.baselines.bigramDevLoss } : null,
    history: meta.history,
    stopReason: meta.stopReason,
    quality: modelQuality(meta),
    ...(meta.error ? { note: meta.error } : {}),
    ...(meta.parent ? { parent: meta.parent } : {}),
    ...(meta.splitNote ? { splitNote: meta.splitNote } : {}),
  };
}

function broken(id: string, problem: string, active: boolean): LibraryModel {
  return {
    id,
    name: id,
    readOnly: false,
    active,
    problem,
    createdAt: '',
    preset: '',
    hyperparameters: {},
    backend: '',
    corpus: { label: '', files: 0, tunes: 0, events: 0, trainTunes: 0, devTunes: 0 },
    bestEpoch: null,
    bestDevLoss: null,
    baselines: null,
    history: [],
    stopReason: '',
    quality: null,
  };
}

export async function getModel(id: string, env: Env = process.env): Promise<LibraryModel> {
  const dir = modelDir(id, env);
  const active = activeIdOf(env) === id;
  try {
    return describeModel(id, await readMeta(dir), { readOnly: id === DEFAULT_MODEL_ID, active });
  } catch (err) {
    return broken(id, (err as Error).message, active);
  }
}

/** The default model first, then saved models, newest first; unreadable folders are listed with their problem. */
export async function listModels(env: Env = process.env): Promise<LibraryList> {
  const root = modelsRoot(env);
  const activeId = activeIdOf(env);
  const models: LibraryModel[] = [];
  try {
    models.push(
      describeModel(DEFAULT_MODEL_ID, await readMeta(DEFAULT_MODEL_DIR), { readOnly: true, active: activeId === DEFAULT_MODEL_ID }),
    );
  } catch (err) {
    models.push({
      ...broken(DEFAULT_MODEL_ID, `the shipped default model is not usable: ${(err as Error).message}`, activeId === DEFAULT_MODEL_ID),
      readOnly: true,
      name: 'Default model (shipped)',
    });
  }
  const saved: LibraryModel[] = [];
  await recoverFoldersIn(root).catch(() => undefined); // a model whose replace was interrupted comes back
  for (const e of await fs.readdir(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.') || !MODEL_ID_PATTERN.test(e.name)) continue; // temp and staging folders start with '.'
    const dir = path.join(root, e.name);
    try {
      saved.push(describeModel(e.name, await readMeta(dir), { readOnly: false, active: activeId === e.name }));
    } catch (err) {
      saved.push(broken(e.name, `this folder is not a usable model: ${(err as Error).message}`, activeId === e.name));
    }
  }
  saved.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return { models: [...models, ...saved], activeId };
}

function refuseDefault(id: string, what: string): void {
  if (id === DEFAULT_MODEL_ID) throw new Error(`the shipped default model is read-only: it cannot be ${what}`);
}

export async function renameModel(id: string, newName: string, env: Env = process.env): Promise<LibraryModel> {
  refuseDefault(id, 'renamed');
  const from = modelDir(id, env);
  const name = checkModelName(newName);
  if (name === id) return getModel(id, env);
  const to = path.join(modelsRoot(env), name);
  if (existsSync(to)) throw new Error(`a model named "${name}" already exists`);
  const wasActive = activeIdOf(env) === id;
  await fs.rename(from, to);
  if (wasActive) writeSettings({ activeModel: to }, env);
  return getModel(name, env);
}

export async function deleteModel(id: string, env: Env = process.env): Promise<void> {
  refuseDefault(id, 'deleted');
  const dir = path.join(modelsRoot(env), checkModelName(id));
  if (!existsSync(dir)) throw new Error(`there is no model "${id}" in the library`);
  const wasActive = activeIdOf(env) === id;
  // Renamed aside first: the library never lists a half-deleted folder.
  const aside = path.join(modelsRoot(env), `.deleting-${randomBytes(4).toString('hex')}`);
  await fs.rename(dir, aside);
  if (wasActive) writeSettings({ activeModel: undefined }, env);
  await fs.rm(aside, { recursive: true, force: true });
}

export async function setActiveModel(id: string, env: Env = process.env): Promise<string> {
  if (id === DEFAULT_MODEL_ID) {
    writeSettings({ activeModel: undefined }, env);
    return id;
  }
  const dir = modelDir(id, env);
  await readMeta(dir).catch((err: Error) => {
    throw new Error(`"${id}" cannot be the active model: ${err.message}`);
  });
  writeSettings({ activeModel: dir }, env);
  return id;
}

/** A free library id from a wished-for name ("name", "name 2", ...). */
export function freeModelId(wish: string, env: Env = process.env): string {
  // Runs of dots become one ("solo..v2" is a fine folder to import, but '..' is never allowed in an id).
  const cleaned = wish
    .replace(/[^\w .-]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 70)
    .trim();
  const base = checkModelName(cleaned || 'model');
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base} ${i}`;
    if (!existsSync(path.join(modelsRoot(env), id))) return id;
  }
}
