// The stepper's weights read straight from a model folder's files (model.json's topology and
// manifest, weights.bin), with no TensorFlow.js: loading tfjs to build a tf.LayersModel only to copy
// its weights out again cost `licklab sample` ~0.5-1 s of its start. The result equals
// extractStepperWeights(loadModelFolder(dir).model) (stepper.ts), and a folder that loader refuses
// for its shape is refused here with the same words (sizes checked against the recorded encoding).
import { vocabularyFor } from '../music/encodings';
import { readModelFiles, type ModelFiles } from './model-folder-read';
import type { LicklabMeta } from './model-meta';
import { headOf, lstmLayerOf, vocabularyOfWeights, type HeadWeights, type LstmLayerWeights, type StepperWeights } from './stepper';

interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown> & { layer?: { config?: Record<string, unknown> } };
}

interface TopologyJson {
  class_name?: string;
  config?: { layers?: LayerJson[]; input_layers?: unknown[][]; output_layers?: unknown[][] };
}

/** Each weight's values as a view on weights.bin, by manifest name (the manifest's order is the file's). */
function weightViews(files: ModelFiles): Map<string, { shape: number[]; values: Float32Array }> {
  const views = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of files.specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    views.set(spec.name, { shape: spec.shape, values: new Float32Array(files.weightData, offset, count) });
    offset += 4 * count;
  }
  return views;
}

/** A layer's weights in saved order (kernel, [recurrent_kernel,] bias): the manifest names them `<layer>/...`. */
function layerWeights(views: ReturnType<typeof weightViews>, layer: string) {
  return [...views].filter(([name]) => name.startsWith(`${layer}/`)).map(([, v]) => v);
}

/** tfjs writes activations as class names ('sigmoid', 'hardSigmoid') or Keras names ('hard_sigmoid'). */
function activation(value: unknown): string {
  const name = typeof value === 'string' ? value : String((value as { class_name?: unknown } | null)?.class_name ?? value);
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}

function readLstm(layer: LayerJson, views: ReturnType<typeof weightViews>): LstmLayerWeights {
  const act = activation(layer.config.activation ?? 'tanh');
  const rec = activation(layer.config.recurrent_activation ?? 'hardSigmoid');
  return lstmLayerOf(layer.name, act, rec, layerWeights(views, layer.name));
}

function readHead(layer: LayerJson, views: ReturnType<typeof weightViews>): HeadWeights {
  // A TimeDistributed(Dense) wrapper keeps its Dense config one level down.
  const act = activation(layer.config.activation ?? layer.config.layer?.config?.activation ?? 'linear');
  return headOf(layer.name, act, layerWeights(views, layer.name));
}

/** The network's shape problem against the recorded encoding (model-io's checkShapes, read from the topology). */
function shapeProblem(layers: LayerJson[], topology: TopologyJson, meta: LicklabMeta): string | null {
  const vocab = vocabularyFor(meta.encodingVersion);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const inputs = topology.config?.input_layers ?? [];
  const inShape = (inputs.length === 1 ? byName.get(String(inputs[0][0]))?.config.batch_input_shape : undefined) as number[] | undefined;
  if (inputs.length !== 1 || inShape?.length !== 3 || inShape[2] !== vocab.inputSize) {
    return `its input is ${JSON.stringify(inShape)}, expected [batch, time, ${vocab.inputSize}] for ${vocab.version} (a different vocabulary)`;
  }
  const names = (topology.config?.output_layers ?? []).map((o) => String(o[0]));
  if (names.length !== 2 || !names[0].startsWith('pitch') || !names[1].startsWith('dur'))
    return `its outputs are ${names.join(', ')}, expected the heads pitch and dur`;
  const tokens = names.map((n) => {
    const c = byName.get(n)?.config;
    return c?.units ?? c?.layer?.config?.units;
  });
  if (tokens[0] !== vocab.pitchTokens || tokens[1] !== vocab.durationTokens) {
    return `its heads have ${tokens[0]} and ${tokens[1]} tokens, expected ${vocab.pitchTokens} pitch and ${vocab.durationTokens} duration tokens for ${vocab.version}`;
  }
  if (!byName.has('lstm_1')) return 'it has no layer lstm_1';
  return null;
}

/** StepperWeights of checked model files; errors name the folder as loadModelFolder's do. */
export function stepperWeightsOfFiles(files: ModelFiles): StepperWeights {
  const fail = (why: string) => new Error(`cannot load the model in ${files.dir}: ${why}`);
  const topology = files.modelTopology as TopologyJson;
  const layers = topology.config?.layers;
  if (!Array.isArray(layers)) throw fail('model.json has no layer list (not a TensorFlow.js layers model)');
  const problem = shapeProblem(layers, topology, files.meta);
  if (problem) throw fail(problem);
  const views = weightViews(files);
  const names = layers.map((l) => l.name);
  const lstmNames = names.filter((n) => /^lstm_\d+$/.test(n)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  lstmNames.forEach((n, i) => {
    if (n !== `lstm_${i + 1}`) throw new Error(`LSTM layers must be numbered lstm_1..lstm_n, found ${lstmNames.join(', ')}`);
  });
  for (const head of ['pitch', 'dur']) if (!names.includes(head)) throw new Error(`the model has no output head named "${head}"`);
  const layer = (n: string) => layers.find((l) => l.name === n)!;
  const lstms = lstmNames.map((n) => readLstm(layer(n), views));
  for (let i = 1; i < lstms.length; i++) {
    if (lstms[i].inputSize !== lstms[i - 1].units)
      throw new Error(`lstm_${i + 1} input size ${lstms[i].inputSize} != lstm_${i} units ${lstms[i - 1].units}`);
  }
  const last = lstms[lstms.length - 1].units;
  const pitch = readHead(layer('pitch'), views);
  const dur = readHead(layer('dur'), views);
  for (const h of [pitch, dur])
    if (h.inputSize !== last) throw new Error(`an output head reads ${h.inputSize} values but the last LSTM has ${last} units`);
  const weights = { layers: lstms, pitch, dur };
  vocabularyOfWeights(weights); // throws when no vocabulary fits the shapes
  return weights;
}

/** A model folder's metadata and stepper weights, without TensorFlow.js. */
export async function readStepperWeights(dir: string): Promise<{ meta: LicklabMeta; weights: StepperWeights }> {
  const files = await readModelFiles(dir);
  return { meta: files.meta, weights: stepperWeightsOfFiles(files) };
}
