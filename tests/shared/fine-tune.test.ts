// Issue 18, must show 1: on a handful of one player's solos, fine-tuning the shipped default model
// reaches a lower best dev loss (nats per note) than training from scratch with the same preset on
// the same split; at 5 files (split by file) and at 1 file (split by phrase), over three seeds (three
// splits: with one dev file a single split is a coin toss). Prints both curves of every split.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../models/lstm/backend';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { fineTuneHyperparameters, loadParent, parentRecord, type FineTuneStart } from '../../models/lstm/fine-tune';
import { train, type TrainOutput } from '../../models/lstm/train';
import { loadTrainingCorpus } from '../../models/lstm/training-corpus';
import type { LicklabMeta } from '../../models/lstm/model-meta';
import type { EncodedTune } from '../../models/music/vocabulary';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const midiDir = path.resolve(projectRoot, '../shared/corpus/wjd/midi');
// One performer (the WJD file names are <Performer>_<Tune>.mid): the first five of his solos by name.
const PERFORMER = 'CharlieParker';

let from: FineTuneStart;
let parentMeta: LicklabMeta;

beforeAll(async () => {
  if (!existsSync(midiDir)) throw new Error(`the team corpus is missing: expected the WJD solos at ${midiDir}`);
  await initBackend();
  const ref = { id: '@default', name: 'Default model (shipped)' };
  const parent = await loadParent(DEFAULT_MODEL_DIR, ref);
  parentMeta = parent.meta;
  from = { model: parent.model, parent: parentRecord(ref, parent.meta) };
});

async function solos(n: number): Promise<EncodedTune[]> {
  const files = readdirSync(midiDir)
    .filter((f) => f.startsWith(`${PERFORMER}_`) && f.endsWith('.mid'))
    .sort()
    .slice(0, n)
    .map((f) => path.join(midiDir, f));
  expect(files).toHaveLength(n);
  const corpus = await loadTrainingCorpus(files);
  expect(corpus.filesOk).toBe(n);
  return corpus.tunes;
}

const curve = (o: TrainOutput) => o.history.map((r) => `${r.epoch}:${r.devNatsPerNote!.toFixed(3)}`).join(' ');
const line = (what: string, o: TrainOutput) =>
  `${what}: best dev ${o.bestDevNatsPerNote!.toFixed(3)} nats/note (ppl ${Math.exp(o.bestDevNatsPerNote!).toFixed(1)}) at epoch ${o.bestEpoch} of ${o.history.length} (${o.stopReason}), lr ${o.hyperparameters.learningRate}; dev curve ${curve(o)}`;

const SEEDS = [1, 2, 3];

/** Scratch and fine-tuned on the same tunes, same preset, same seed (so the same split), for each seed:
 *  with 5 files the dev side is one file, so one split is a coin toss; the claim is about the three. */
async function compare(tunes: EncodedTune[], label: string) {
  const rows: { seed: number; scratch: number; tuned: number; splitNote: string }[] = [];
  for (const seed of SEEDS) {
    const common = { preset: 'default' as const, seed, devFraction: 0.1 };
    const scratch = await train(tunes, common);
    const tuned = await train(tunes, { ...common, hyperparameters: fineTuneHyperparameters(parentMeta, 'default'), from });
    try {
      console.log(
        `${label}, seed ${seed}: ${scratch.splitNote}\n  ${line('from scratch', scratch)}\n  ${line('fine-tuned  ', tuned)}\n` +
          `  the default model before fine-tuning: ${tuned.parent!.startDevNatsPerNote!.toFixed(3)} nats/note on this dev set; unigram ${scratch.baselines.unigramDevNatsPerNote!.toFixed(3)}, bigram ${scratch.baselines.bigramDevNatsPerNote!.toFixed(3)}`,
      );
      expect(tuned.split).toEqual(scratch.split);
      expect(tuned.parent?.id).toBe('@default');
      expect(tuned.hyperparameters.learningRate).toBeLessThan(scratch.hyperparameters.learningRate);
      rows.push({ seed, scratch: scratch.bestDevNatsPerNote!, tuned: tuned.bestDevNatsPerNote!, splitNote: scratch.splitNote! });
    } finally {
      scratch.model.dispose();
      tuned.model.dispose();
    }
  }
  const mean = (k: 'scratch' | 'tuned') => rows.reduce((s, r) => s + r[k], 0) / rows.length;
  const wins = rows.filter((r) => r.tuned < r.scratch).length;
  console.log(
    `${label}: mean best dev over seeds ${SEEDS.join(', ')}: from scratch ${mean('scratch').toFixed(3)}, fine-tuned ${mean('tuned').toFixed(3)} nats/note; fine-tuned lower on ${wins} of ${rows.length} splits`,
  );
  expect(mean('tuned')).toBeLessThan(mean('scratch'));
  expect(wins).toBeGreaterThanOrEqual(2);
  return rows;
}

describe(`fine-tuning the default model on ${PERFORMER}'s solos`, () => {
  it('5 files, split by file: fine-tuned reaches a lower best dev loss than from scratch', async () => {
    const rows = await compare(await solos(5), '5 files');
    for (const r of rows) expect(r.splitNote).toMatch(/^Split by file: 4 train files, 1 dev file .*Little dev data/);
  }, 900_000);

  it('1 file, split by phrase: fine-tuned reaches a lower best dev loss than from scratch', async () => {
    const rows = await compare(await solos(1), '1 file');
    for (const r of rows) expect(r.splitNote).toMatch(/^One file, so it is split by phrase/);
  }, 900_000);
});
