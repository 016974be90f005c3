// Training on real solos (Weimar Jazz Database in ../shared/corpus/wjd):
//  (a) the default preset beats the unigram and bigram baselines on dev files it never saw;
//  (b) the course exercise's shape trained on ONE solo shows what the exercise hides: train loss
//      keeps falling while dev loss (20 other solos) turns up, and early stopping keeps the
//      minimum-dev epoch.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../models/lstm/backend';
import { seededRandom } from '../../models/lstm/split';
import { shuffleInPlace } from '../../models/random';
import { train } from '../../models/lstm/train';
import { loadTrainingCorpus } from '../../models/lstm/training-corpus';
import type { EpochRecord } from '../../models/lstm/training-types';
import type { EncodedTune } from '../../models/music/vocabulary';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wjd = path.resolve(projectRoot, '../shared/corpus/wjd/midi');
let tunes: EncodedTune[] = [];

beforeAll(async () => {
  if (!existsSync(wjd))
    throw new Error(`the team corpus is missing: expected the WJD solos at ${wjd} (../shared/corpus beside the project)`);
  await initBackend();
  const corpus = await loadTrainingCorpus([wjd]);
  tunes = corpus.tunes.filter((t) => t.events.length > 0);
  expect(tunes.length).toBeGreaterThan(300);
});

const fmt = (h: EpochRecord[]) => h.map((r) => `${r.epoch}: ${r.trainLoss.toFixed(3)}/${r.devLoss.toFixed(3)}`).join('  ');

describe('training on WJD solos', () => {
  it('(a) the default preset beats both baselines on dev', async () => {
    const subset = shuffleInPlace([...tunes], seededRandom(11)).slice(0, 50);
    const out = await train(subset, { preset: 'default', hyperparameters: { epochs: 3, patience: 3 }, devFraction: 0.1, seed: 1 });
    console.log(
      `(a) ${out.corpus.trainEvents} train / ${out.corpus.devEvents} dev events; unigram ${out.baselines.unigramDevLoss.toFixed(3)}, bigram ${out.baselines.bigramDevLoss.toFixed(3)}; ${fmt(out.history)}; ${(out.timings.msPerEpoch / 1000).toFixed(1)} s/epoch`,
    );
    expect(out.split.dev.filter((s) => out.split.train.includes(s))).toEqual([]);
    expect(out.bestDevLoss!).toBeLessThan(out.baselines.unigramDevLoss);
    expect(out.bestDevLoss!).toBeLessThan(out.baselines.bigramDevLoss);
    out.model.dispose();
  });

  it('(b) coursera on one solo overfits: train loss falls, dev loss rises, early stopping keeps the minimum', async () => {
    const shuffled = shuffleInPlace([...tunes], seededRandom(5));
    const one = shuffled.find((t) => t.events.length >= 800 && t.events.length <= 1500)!;
    const dev = shuffled.filter((t) => t !== one).slice(0, 20);
    // Overlapping windows (every 5 events) of the one solo, as the course exercise does.
    const patience = 12;
    const out = await train([one, ...dev], {
      preset: 'coursera',
      hyperparameters: { epochs: 60, patience, stride: 5 },
      split: { train: [one.source], dev: dev.map((t) => t.source) },
      seed: 1,
    });
    const h = out.history;
    console.log(
      `(b) train ${one.id} (${one.events.length} events), dev 20 solos; stop: ${out.stopReason}, best epoch ${out.bestEpoch}; ${fmt(h)}`,
    );
    expect(out.stopReason).toBe('early-stopped');
    const min = h.reduce((a, b) => (b.devLoss < a.devLoss ? b : a));
    expect(out.bestEpoch).toBe(min.epoch);
    expect(out.bestDevLoss).toBe(min.devLoss);
    expect(h.length).toBe(min.epoch + patience);
    const last = h.at(-1)!;
    // After the best epoch the model keeps memorising its one solo while getting clearly worse on the others.
    expect(last.trainLoss).toBeLessThan(min.trainLoss - 0.5);
    expect(last.devLoss).toBeGreaterThan(min.devLoss + 0.3);
    for (let i = min.epoch; i < h.length; i++) expect(h[i].trainLoss).toBeLessThan(h[i - 1].trainLoss + 0.05);
    out.model.dispose();
  });
});
