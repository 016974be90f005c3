// Must show: an overfitting run (the course exercise's shape, the coursera preset, on two solos of
// the project's own default corpus, many epochs) makes the sample panel's copying rise as the
// training loss falls: the longest copied run at the last epoch is well above the best-dev epoch's.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../models/lstm/backend';
import { train } from '../../../../models/lstm/train';
import { importCorpus } from '../../../../models/music/corpus';
import { DEFAULT_CORPUS_DIR } from '../../../../models/music/default-corpus';
import { encodeTune } from '../../../../models/music/encode';

beforeAll(async () => {
  await initBackend();
});

describe('an overfitting run', () => {
  it('copies more as the training loss falls: longest copied run at the last epoch well above the best-dev epoch', async () => {
    const blues = readdirSync(DEFAULT_CORPUS_DIR)
      .filter((f) => /^blues-0[1-4]-.*\.mid$/.test(f))
      .sort()
      .map((f) => path.join(DEFAULT_CORPUS_DIR, f));
    const { tunes: solos } = await importCorpus(blues, { pool: 'inline' });
    expect(solos).toHaveLength(4);
    const tunes = solos.map((t) => {
      const { id, source, events } = encodeTune(t);
      return { id, source, events };
    });
    const split = { train: [solos[0].source], dev: [solos[1].source, solos[2].source, solos[3].source] };
    const out = await train(tunes, {
      preset: 'coursera',
      hyperparameters: { epochs: 90, patience: 90, batchSize: 4 },
      split,
      seed: 1,
      panel: { solos, every: 1, settings: { takes: 3, bars: 24 } },
    });
    out.model.dispose();
    const h = out.history;
    const best = h.find((r) => r.epoch === out.bestEpoch)!;
    const last = h[h.length - 1];
    const lines = h
      .filter((r) => r.epoch % 15 === 0 || r === best)
      .map(
        (r) =>
          `epoch ${r.epoch}: train ${r.trainNatsPerNote!.toFixed(3)} dev ${r.devNatsPerNote!.toFixed(3)} score ${r.sample!.score.toFixed(3)} run ${r.sample!.longestCopiedRun!.toFixed(1)} 8g ${(100 * r.sample!.ngram8Share!).toFixed(0)}%`,
      );
    console.log(
      `overfitting run (coursera preset, 1 train solo, 3 dev solos; dev solos' own run ${best.sample!.dev.longestCopiedRun!.toFixed(1)}, 8-grams ${(100 * best.sample!.dev.ngram8Share!).toFixed(0)}%):\n  ${lines.join('\n  ')}`,
    );
    expect(out.bestEpoch!).toBeLessThan(last.epoch - 10); // dev loss turned while training went on
    expect(last.trainLoss).toBeLessThan(best.trainLoss * 0.7);
    // One epoch's takes are few: the last 20 epochs' mean says where copying went.
    const late = h.slice(-20).map((r) => r.sample!.longestCopiedRun!);
    const lateMean = late.reduce((a, b) => a + b, 0) / late.length;
    console.log(
      `longest copied run: ${best.sample!.longestCopiedRun!.toFixed(1)} at the best-dev epoch ${best.epoch}, ${lateMean.toFixed(1)} over the last 20 epochs, ${last.sample!.longestCopiedRun!.toFixed(1)} at the last`,
    );
    expect(lateMean).toBeGreaterThan(best.sample!.longestCopiedRun! + 2.5);
    expect(last.sample!.longestCopiedRun!).toBeGreaterThan(best.sample!.longestCopiedRun!);
  }, 120_000);
});
