// A model "trained a little" for tests that need real musical behaviour (the temperature sweep):
// the shipped default model when it exists, else a small model trained on part of the default
// corpus (cached in the OS temp folder by a hash of its recipe and corpus, so repeated runs skip
// the training).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../../../models/lstm/backend';
import { generatorFromModel, type Generator } from '../../../../models/lstm/generator';
import { referenceHistograms } from '../../../../models/lstm/metrics';
import { loadModelFolder, saveModelFolder } from '../../../../models/lstm/model-io';
import { metaFromResult } from '../../../../models/lstm/model-meta';
import { buildNgramIndex } from '../../../../models/lstm/novelty';
import { train } from '../../../../models/lstm/train';
import { loadTrainingCorpus } from '../../../../models/lstm/training-corpus';
import { DEFAULT_CORPUS_DIR } from '../../../../models/music/default-corpus';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MODEL = path.resolve(here, '../../../../assets/default-model');

const RECIPE = {
  tunes: 20,
  hp: { units: 64, layers: 1, dropout: 0, epochs: 12, window: 48, batchSize: 16, learningRate: 0.02, patience: 12 },
  seed: 3,
};

export async function trainedGenerator(): Promise<{ gen: Generator; which: string }> {
  await initBackend();
  if (existsSync(path.join(DEFAULT_MODEL, 'licklab.json'))) {
    const { model, meta } = await loadModelFolder(DEFAULT_MODEL);
    return { gen: await generatorFromModel(model, meta), which: 'the default model' };
  }
  const files = readdirSync(DEFAULT_CORPUS_DIR).sort();
  if (files.length === 0) throw new Error(`the default corpus ${DEFAULT_CORPUS_DIR} is empty: run npm run corpus:make`);
  const hash = createHash('sha256')
    .update(JSON.stringify(RECIPE))
    .update(files.map((f) => `${f}:${statSync(path.join(DEFAULT_CORPUS_DIR, f)).size}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(os.tmpdir(), `licklab-test-model-${hash}`);
  if (!existsSync(path.join(dir, 'licklab.json'))) {
    const backend = await initBackend();
    // Every other tune (sorted), so all forms and keys of the corpus are in the small set.
    const all = (await loadTrainingCorpus([DEFAULT_CORPUS_DIR])).tunes.sort((a, b) => a.id.localeCompare(b.id));
    const tunes = all.filter((_, i) => i % 2 === 0).slice(0, RECIPE.tunes);
    const result = await train(tunes, { preset: 'custom', hyperparameters: RECIPE.hp, seed: RECIPE.seed });
    const meta = metaFromResult(result, backend);
    const trainSet = new Set(meta.split.train);
    const dev = referenceHistograms(tunes.filter((t) => !trainSet.has(t.source)));
    await saveModelFolder(
      dir,
      result.model,
      {
        ...meta,
        ngramIndex: buildNgramIndex(
          tunes.filter((t) => trainSet.has(t.source)),
          dev,
        ),
      },
      { force: true },
    );
  }
  const { model, meta } = await loadModelFolder(dir);
  return { gen: await generatorFromModel(model, meta), which: `a small model trained on ${RECIPE.tunes} tunes of the default corpus` };
}
