import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTake, generatorFromModel, noveltyIndexForSplit, resolveNovelty } from '../../../models/lstm/generator';
import type { LicklabMeta } from '../../../models/lstm/model-meta';
import { progressionFromForm } from '../../../models/music/progression';
import { buildContractModel, randomizeWeights } from './helpers/contract-model';
import { fixtureCorpus } from './helpers/fixture-corpus';

const tunes = fixtureCorpus(5);
const split = { train: tunes.slice(0, 4).map((t) => t.source), dev: [tunes[4].source] };
const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-gen-corpus-'));
const meta = (extra: Partial<LicklabMeta>) => ({ split, corpus: { dir: corpusDir }, ...extra }) as unknown as LicklabMeta;
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

describe('novelty for a loaded model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('uses the index stored in licklab.json, with its dev histograms', async () => {
    const data = noveltyIndexForSplit(tunes, split);
    expect(data.tunes).toBe(4);
    expect(data.dev?.notes).toBeGreaterThan(0);
    const r = await resolveNovelty(meta({ ngramIndex: JSON.parse(JSON.stringify(data)) }), async () => {
      throw new Error('must not read the corpus');
    });
    expect(r.novelty).not.toBeNull();
    expect(r.reference?.interval).toHaveLength(27);
  });

  it('rebuilds it from the recorded train split when the corpus is still there', async () => {
    let asked: string[] = [];
    const r = await resolveNovelty(meta({}), async (paths) => {
      asked = paths;
      return tunes;
    });
    expect(asked).toEqual([corpusDir]);
    expect(r.novelty!.measure([]).longestCopiedRun).toBe(0);
    expect(r.reason).toBeUndefined();
  });

  it('finds a relocated corpus (the bundled one on another machine) by file name', async () => {
    const moved = mkdtempSync(path.join(os.tmpdir(), 'licklab-gen-moved-'));
    try {
      for (const t of tunes) writeFileSync(path.join(moved, t.source), '');
      const relocated = tunes.map((t) => ({ ...t, source: path.join(moved, t.source) }));
      let asked: string[] = [];
      const r = await resolveNovelty(
        meta({ corpus: { dir: '/nowhere/default-corpus' } } as Partial<LicklabMeta>),
        async (paths) => {
          asked = paths;
          return relocated;
        },
        moved,
      );
      expect(asked).toEqual([moved]);
      expect(r.novelty).not.toBeNull();
      expect(r.novelty!.data.tunes).toBe(4);
      expect(r.reference?.notes).toBeGreaterThan(0);
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  it('says why novelty is unavailable otherwise', async () => {
    const gone = await resolveNovelty(meta({ corpus: { dir: path.join(corpusDir, 'gone') } } as Partial<LicklabMeta>));
    expect(gone.novelty).toBeNull();
    expect(gone.reason).toMatch(/no n-gram index and its training corpus .* is not available/);
    const emptied = await resolveNovelty(meta({}), async () => []);
    expect(emptied.reason).toMatch(/none of the model's training files/);
  });

  it('generateTake measures a take, copying exactly what it copies', async () => {
    const model = buildContractModel([16]);
    randomizeWeights(model, 4);
    const gen = await generatorFromModel(model, meta({ ngramIndex: noveltyIndexForSplit(tunes, split) }));
    const { take, metrics } = generateTake(gen, { ...progressionFromForm('blues', 'C'), seed: 1, temperature: 1 });
    expect(metrics.notes).toBe(take.notes.length);
    expect(metrics.longestCopiedRun).not.toBeNull();
    expect(metrics.intervalDistance).not.toBeNull();
    const noIndex = await generatorFromModel(model, meta({ corpus: {} } as Partial<LicklabMeta>));
    expect(() => generateTake(noIndex, { ...progressionFromForm('blues', 'C'), seed: 1, temperature: 1, maxCopiedRun: 8 })).toThrow(
      /cannot cap copied runs/,
    );
  });
});
