// Model folders: model.json + weights.bin (tfjs layers format) + licklab.json, written atomically.
// Everything goes to a temporary folder beside the target (same file system), each file fsynced,
// then renamed into place; replacing (force) renames the old folder aside first and removes it
// only after the new one is in place. A crash or full disk at any point leaves either the old
// model or the new one, never a half-written folder.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { vocabularyFor, type Vocabulary } from '../music/encodings';
import { abandonSave, newSaveTag, recoverFolder, replaceFolder, stagingPath, type ReplaceOptions } from '../folder-replace';
import { makeFolders } from '../make-folders';
import { metaProblem, type LicklabMeta } from './model-meta';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const META_JSON = 'licklab.json';

export interface SaveOptions {
  force?: boolean; // replace an existing model folder
  /** Test hook: runs after every file is written, before any rename. */
  afterWrite?: (tempDir: string) => void | Promise<void>;
  /** Test hook: runs before each step of the replace (models/folder-replace.ts). */
  beforeStep?: ReplaceOptions['beforeStep'];
}

async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const fh = await fs.open(file, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r').catch(() => null);
  if (!fh) return;
  await fh.sync().catch(() => undefined); // not every file system syncs directories
  await fh.close();
}

async function statOrNull(p: string) {
  return fs.stat(p).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

function explain(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'the disk is full';
  if (e.code === 'EACCES' || e.code === 'EPERM') return `permission denied (${e.path ?? ''})`;
  if (e.code === 'EROFS') return 'the file system is read-only';
  return e instanceof Error ? e.message : String(err);
}

/** The artifacts tfjs would save, captured in memory. */
async function captureArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('TensorFlow.js produced no model artifacts');
  return captured;
}

export async function saveModelFolder(dir: string, model: tf.LayersModel, meta: LicklabMeta, opts: SaveOptions = {}): Promise<void> {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  await recoverFolder(target).catch(() => undefined); // leftovers cost disk space, not this save
  const existing = await statOrNull(target);
  if (existing) {
    if (!opts.force) throw new Error(`${target} already exists; choose another folder or replace it with --force`);
    if (!existing.isDirectory()) throw new Error(`${target} exists and is not a folder; refusing to replace it`);
    const entries = await fs.readdir(target);
    if (entries.length > 0 && !entries.includes(META_JSON)) {
      throw new Error(`${target} is not a LickLab model folder (no ${META_JSON}); refusing to replace it even with --force`);
    }
  }
  const problem = metaProblem(meta);
  if (problem) throw new Error(`refusing to save: ${problem}`);

  const tag = newSaveTag();
  const temp = stagingPath(target, tag);
  try {
    await makeFolders(parent);
    await fs.mkdir(temp);
    const artifacts = await captureArtifacts(model);
    const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
    };
    await writeSynced(path.join(temp, WEIGHTS_BIN), weights);
    await writeSynced(path.join(temp, MODEL_JSON), JSON.stringify(modelJson));
    await writeSynced(path.join(temp, META_JSON), JSON.stringify(meta, null, 1));
    await syncDir(temp);
    await opts.afterWrite?.(temp);
  } catch (err) {
    abandonSave(tag);
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(
      `could not save the model to ${target}: ${explain(err)}; ${existing ? 'the previous model is untouched' : 'nothing was written'}`,
      { cause: err },
    );
  }
  try {
    await replaceFolder(target, temp, tag, { beforeStep: opts.beforeStep });
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`could not move the saved model into ${target}: ${explain(err)}`, { cause: err });
  }
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

export async function loadModelFolder(dir: string): Promise<{ model: tf.LayersModel; meta: LicklabMeta }> {
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
  const modelJson = parsed as {
    modelTopology?: object;
    weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  } | null;
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
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData }));
  } catch (err) {
    throw fail(`${MODEL_JSON} does not describe a loadable model: ${explain(err)}`);
  }
  const shapeProblem = checkShapes(model, vocabularyFor(meta.encodingVersion));
  if (shapeProblem) {
    model.dispose();
    throw fail(shapeProblem);
  }
  return { model, meta };
}

/** The layout the sampler relies on (notes/contracts.md), with the sizes of the recorded encoding. */
function checkShapes(model: tf.LayersModel, vocab: Vocabulary): string | null {
  const inShape = model.inputs[0]?.shape;
  if (model.inputs.length !== 1 || inShape?.length !== 3 || inShape[2] !== vocab.inputSize) {
    return `its input is ${JSON.stringify(inShape)}, expected [batch, time, ${vocab.inputSize}] for ${vocab.version} (a different vocabulary)`;
  }
  const names = model.outputNames;
  const outs = model.outputs.map((o) => o.shape);
  if (names.length !== 2 || !names[0].startsWith('pitch') || !names[1].startsWith('dur'))
    return `its outputs are ${names.join(', ')}, expected the heads pitch and dur`;
  if (outs[0][2] !== vocab.pitchTokens || outs[1][2] !== vocab.durationTokens) {
    return `its heads have ${outs[0][2]} and ${outs[1][2]} tokens, expected ${vocab.pitchTokens} pitch and ${vocab.durationTokens} duration tokens for ${vocab.version}`;
  }
  if (!model.layers.some((l) => l.name === 'lstm_1')) return 'it has no layer lstm_1';
  return null;
}
