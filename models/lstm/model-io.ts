// Model folders: model.json + weights.bin (tfjs layers format) + licklab.json, written atomically.
// Everything goes to a temporary folder beside the target (same file system), each file fsynced,
// then renamed into place; replacing (force) renames the old folder aside first and removes it
// only after the new one is in place. A crash or full disk at any point leaves either the old
// model or the new one, never a half-written folder.
// Reading the files (and every check that needs no tfjs) lives in model-folder-read.ts.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { vocabularyFor, type Vocabulary } from '../music/encodings';
import { abandonSave, newSaveTag, recoverFolder, replaceFolder, stagingPath, type ReplaceOptions } from '../folder-replace';
import { makeFolders } from '../make-folders';
import { metaProblem, type LicklabMeta } from './model-meta';
import { META_JSON, MODEL_JSON, WEIGHTS_BIN, explain, readModelFiles, statOrNull } from './model-folder-read';

export { META_JSON, MODEL_JSON, WEIGHTS_BIN, readModelMeta } from './model-folder-read';

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

export async function loadModelFolder(dir: string): Promise<{ model: tf.LayersModel; meta: LicklabMeta }> {
  const { dir: target, meta, modelTopology, specs, weightData } = await readModelFiles(dir);
  const fail = (why: string) => new Error(`cannot load the model in ${target}: ${why}`);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData }));
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
