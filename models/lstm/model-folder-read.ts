// Reading a model folder's files (licklab.json, model.json, weights.bin) with every check that needs
// no TensorFlow.js: sampling builds its stepper from these bytes directly (stepper-weights-file.ts),
// so `licklab sample` never loads tfjs (~0.5-1 s of start-up); model-io.ts turns them into a
// tf.LayersModel for training and evaluation.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverFolder } from '../folder-replace';
import { metaProblem, type LicklabMeta } from './model-meta';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const META_JSON = 'licklab.json';

/** One entry of model.json's weightsManifest (tfjs's WeightsManifestEntry, float32 only here). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** What a model folder holds, checked: the topology is model.json's, not yet validated as a network. */
export interface ModelFiles {
  dir: string;
  meta: LicklabMeta;
  modelTopology: object;
  specs: WeightSpec[];
  weightData: ArrayBuffer;
}

export async function statOrNull(p: string) {
  return fs.stat(p).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

/** A file-system error in words a user can act on. */
export function explain(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'the disk is full';
  if (e.code === 'EACCES' || e.code === 'EPERM') return `permission denied (${e.path ?? ''})`;
  if (e.code === 'EROFS') return 'the file system is read-only';
  return e instanceof Error ? e.message : String(err);
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${what} is missing`, { cause: err });
    throw new Error(`cannot read ${what}: ${explain(err)}`, { cause: err });
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} is corrupt (not valid JSON: ${(err as Error).message})`, { cause: err });
  }
}

/** licklab.json of a model folder, checked, without loading the weights. */
export async function readModelMeta(dir: string): Promise<LicklabMeta> {
  const target = path.resolve(dir);
  await recoverFolder(target).catch(() => undefined); // a read-only library still loads
  const st = await statOrNull(target);
  if (!st) throw new Error(`no model folder at ${target}`);
  if (!st.isDirectory()) throw new Error(`${target} is a file, not a model folder`);
  const metaFile = path.join(target, META_JSON);
  if (!(await statOrNull(metaFile))) throw new Error(`${target} is not a LickLab model folder (no ${META_JSON})`);
  const meta = parseJson(await readText(metaFile, META_JSON), `${target}/${META_JSON}`);
  const problem = metaProblem(meta);
  if (problem) throw new Error(`cannot load the model in ${target}: ${problem}`);
  return meta as LicklabMeta;
}

/** The folder's three files, checked as files: metadata, a layers-model model.json naming exactly
 *  weights.bin, float32 weights whose byte count matches the manifest. */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const target = path.resolve(dir);
  const meta = await readModelMeta(target);
  const fail = (why: string) => new Error(`cannot load the model in ${target}: ${why}`);
  const modelText = await readText(path.join(target, MODEL_JSON), MODEL_JSON).catch((e: Error) => {
    throw fail(e.message);
  });
  let parsed: unknown;
  try {
    parsed = parseJson(modelText, MODEL_JSON);
  } catch (err) {
    throw fail((err as Error).message);
  }
  const modelJson = parsed as { modelTopology?: object; weightsManifest?: { paths: string[]; weights: WeightSpec[] }[] } | null;
  if (!modelJson?.modelTopology || !Array.isArray(modelJson.weightsManifest))
    throw fail(`${MODEL_JSON} is not a TensorFlow.js layers model`);
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
  if (paths.length !== 1 || paths[0] !== WEIGHTS_BIN) throw fail(`${MODEL_JSON} must name exactly one weights file, ${WEIGHTS_BIN}`);
  let weights: Buffer;
  try {
    weights = await fs.readFile(path.join(target, WEIGHTS_BIN));
  } catch (err) {
    throw fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${WEIGHTS_BIN} is missing` : explain(err));
  }
  const expected = specs.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (specs.some((w) => w.dtype !== 'float32')) throw fail('only float32 weights are supported');
  if (weights.byteLength !== expected)
    throw fail(`${WEIGHTS_BIN} has ${weights.byteLength} bytes, the model needs ${expected} (truncated or from another model)`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return { dir: target, meta, modelTopology: modelJson.modelTopology, specs, weightData };
}
