// The shipped default model (assets/default-model, made by `npm run model:make`) loads, matches
// the current encoding and default corpus, and beats both count baselines on its dev files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../models/lstm/backend';
import { makeWindows, prepareTune } from '../../../models/lstm/batching';
import { loadModelFolder } from '../../../models/lstm/model-io';
import { evaluate } from '../../../models/lstm/train';
import { loadTrainingCorpus } from '../../../models/lstm/training-corpus';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { tuneIn, vocabularyFor } from '../../../models/music/encodings';

const DEFAULT_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/default-model');

beforeAll(async () => {
  await initBackend();
});

describe('the shipped default model', () => {
  it('loads, beats the unigram and bigram baselines on dev, and reproduces its dev loss on the default corpus', async () => {
    const { model, meta } = await loadModelFolder(DEFAULT_MODEL);
    try {
      expect(meta.preset).toBe('default');
      expect(meta.history.length).toBeGreaterThan(0);
      expect(meta.bestDevLoss!).toBeLessThan(meta.baselines.unigramDevLoss);
      expect(meta.bestDevLoss!).toBeLessThan(meta.baselines.bigramDevLoss);
      // The split is stored by source; match by file name so a moved checkout still works.
      const corpus = await loadTrainingCorpus([DEFAULT_CORPUS_DIR]);
      const devNames = new Set(meta.split.dev.map((s) => path.basename(s)));
      // Scored in the encoding the model records (v1 or v2), as it was trained.
      const encoding = vocabularyFor(meta.encodingVersion).version;
      const dev = corpus.tunes.filter((t) => devNames.has(path.basename(t.source))).map((t) => prepareTune(tuneIn(t, encoding)));
      expect(dev.length, 'the default corpus no longer holds the model\'s dev files: run `npm run model:make`').toBe(meta.split.dev.length);
      const s = await evaluate(model, dev, makeWindows(dev, meta.hyperparameters.window), meta.hyperparameters.window);
      expect(s.lossSum / s.events, 'the default corpus or encoding changed since the model was made: run `npm run model:make`').toBeCloseTo(meta.bestDevLoss!, 4);
    } finally {
      model.dispose();
    }
  });
});
