// Moving models in and out of the library. A model folder is imported by staging a copy in a hidden
// folder beside the library (same file system), proving it loads (loadModelFolder, in the trainer),
// then renaming it into place: all or nothing. The browser gets and gives one JSON bundle (no zip):
// the three files, with the weights in base64.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MODEL_ID, type LibraryModel, type ModelBundle } from '../../api/channels/training';
import { MODEL_FILES, freeModelId, getModel, modelDir, modelsRoot, parseMetaText } from './library';

type Env = Record<string, string | undefined>;
const STAGING = /^\.import-[0-9a-f]{12}$/;

export function stagingDir(staging: string, env: Env = process.env): string {
  if (!STAGING.test(staging)) throw new Error(`"${staging.slice(0, 40)}" is not a staged import`);
  const dir = path.join(modelsRoot(env), staging);
  if (!existsSync(dir)) throw new Error('the staged import is gone (it was committed or discarded)');
  return dir;
}

async function newStaging(env: Env): Promise<{ name: string; dir: string }> {
  const name = `.import-${randomBytes(6).toString('hex')}`;
  const dir = path.join(modelsRoot(env), name);
  await fs.mkdir(dir);
  return { name, dir };
}

export async function exportBundle(id: string, env: Env = process.env): Promise<{ fileName: string; bundle: string }> {
  const dir = modelDir(id, env);
  const [modelJson, meta, weights] = await Promise.all([
    fs.readFile(path.join(dir, 'model.json'), 'utf8'),
    fs.readFile(path.join(dir, 'licklab.json'), 'utf8'),
    fs.readFile(path.join(dir, 'weights.bin')),
  ]);
  parseMetaText(meta);
  const name = id === DEFAULT_MODEL_ID ? 'licklab-default-model' : id;
  const bundle: ModelBundle = {
    format: 'licklab-model-bundle',
    formatVersion: 1,
    name,
    files: { 'model.json': modelJson, 'licklab.json': meta, 'weights.bin': weights.toString('base64') },
  };
  return { fileName: `${name.replace(/\s+/g, '-')}.licklab.json`, bundle: JSON.stringify(bundle) };
}

/** Parses a bundle and writes its files into a staging folder; returns the staging name and the wished name. */
export async function stageBundle(text: string, env: Env = process.env): Promise<{ staging: string; name: string }> {
  let bundle: Partial<ModelBundle>;
  try {
    bundle = JSON.parse(text) as Partial<ModelBundle>;
  } catch {
    throw new Error('the file is not a LickLab model bundle (not valid JSON)');
  }
  if (bundle?.format !== 'licklab-model-bundle')
    throw new Error('the file is not a LickLab model bundle (export one from the model library)');
  if (bundle.formatVersion !== 1)
    throw new Error(`the model bundle has version ${String(bundle.formatVersion)}; this LickLab reads version 1`);
  const files = bundle.files;
  if (
    !files ||
    typeof files['model.json'] !== 'string' ||
    typeof files['licklab.json'] !== 'string' ||
    typeof files['weights.bin'] !== 'string'
  ) {
    throw new Error('the model bundle lacks model.json, licklab.json or weights.bin');
  }
  parseMetaText(files['licklab.json']);
  const { name, dir } = await newStaging(env);
  try {
    await fs.writeFile(path.join(dir, 'model.json'), files['model.json']);
    await fs.writeFile(path.join(dir, 'licklab.json'), files['licklab.json']);
    await fs.writeFile(path.join(dir, 'weights.bin'), Buffer.from(files['weights.bin'], 'base64'));
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { staging: name, name: typeof bundle.name === 'string' && bundle.name ? bundle.name : 'imported model' };
}

/** Copies a model folder (picked in a dialog) into a staging folder. */
export async function stageFolder(src: string, env: Env = process.env): Promise<{ staging: string; name: string }> {
  for (const f of MODEL_FILES) {
    if (!existsSync(path.join(src, f))) throw new Error(`${src} is not a LickLab model folder: ${f} is missing`);
  }
  parseMetaText(await fs.readFile(path.join(src, 'licklab.json'), 'utf8'));
  const { name, dir } = await newStaging(env);
  try {
    for (const f of MODEL_FILES) await fs.copyFile(path.join(src, f), path.join(dir, f));
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { staging: name, name: path.basename(src) };
}

export async function discardStaged(staging: string, env: Env = process.env): Promise<void> {
  await fs.rm(stagingDir(staging, env), { recursive: true, force: true });
}

/** Moves a checked staging folder into the library under a free name. */
export async function commitStaged(staging: string, wish: string, env: Env = process.env): Promise<LibraryModel> {
  const dir = stagingDir(staging, env);
  let id: string;
  try {
    id = freeModelId(wish, env);
    await fs.rename(dir, path.join(modelsRoot(env), id));
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true }); // a failed import leaves no hidden copy behind
    throw err;
  }
  return getModel(id, env);
}

/** Copies a library model to `<destParent>/<name>` (temp folder + rename: never half a folder). */
export async function exportFolder(id: string, destParent: string, env: Env = process.env): Promise<string> {
  const src = modelDir(id, env);
  const name = id === DEFAULT_MODEL_ID ? 'licklab-default-model' : id;
  const target = path.join(destParent, name);
  if (existsSync(target)) throw new Error(`${target} already exists; pick another folder`);
  const temp = path.join(destParent, `.${name}.exporting-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(temp);
  try {
    for (const f of MODEL_FILES) await fs.copyFile(path.join(src, f), path.join(temp, f));
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true });
    throw err;
  }
  return target;
}
