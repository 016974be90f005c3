// The sample panel on real solos: the default preset trained on a third of the WJD solos (every
// third file, for a reasonable run time) for 8 epochs with the panel after every epoch. Prints the
// per-epoch table (losses per note, the panel's figures, copying) with the real dev solos' own
// figures as the reference, and where loss and samples disagree (best dev vs best sample epoch).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../models/lstm/backend';
import { train } from '../../models/lstm/train';
import { importCorpus } from '../../models/music/corpus';
import { encodeTune } from '../../models/music/encode';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const midi = path.resolve(projectRoot, '../shared/corpus/wjd/midi');
const EPOCHS = 8;

const f = (x: number | null | undefined, d = 3) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const pct = (x: number | null | undefined) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : 'n/a');

beforeAll(async () => {
  if (existsSync(midi)) await initBackend();
});

describe.skipIf(!existsSync(midi))('sample panel on the WJD solos', () => {
  it(`prints per-epoch sample figures for ${EPOCHS} epochs of the default preset`, async () => {
    const files = readdirSync(midi)
      .filter((n) => n.endsWith('.mid'))
      .sort()
      .filter((_, i) => i % 3 === 0)
      .map((n) => path.join(midi, n));
    const { tunes: solos } = await importCorpus(files);
    const tunes = solos
      .filter((t) => t.notes.length > 0)
      .map((t) => {
        const { id, source, events } = encodeTune(t);
        return { id, source, events };
      });
    const out = await train(tunes, {
      preset: 'default',
      hyperparameters: { epochs: EPOCHS, patience: EPOCHS },
      seed: 1,
      panel: { solos, every: 1 },
    });
    out.model.dispose();
    const h = out.history;
    expect(h).toHaveLength(EPOCHS);
    const ref = h[0].sample!.dev;
    const rows = [
      `default preset on ${files.length} WJD solos (every third file): ${out.split.train.length} train, ${out.split.dev.length} dev files; panel ${JSON.stringify(out.panel)}`,
      `${'epoch'.padEnd(6)}${'train'.padStart(7)}${'dev'.padStart(7)}${'score'.padStart(7)}${'ctStrong'.padStart(9)}${'steps'.padStart(7)}${'n/bar'.padStart(7)}${'rests'.padStart(7)}${'offbeat'.padStart(8)}${'run'.padStart(6)}${'8g'.padStart(7)}${'panel ms'.padStart(10)}${'epoch ms'.padStart(10)}`,
      ...h.map((r) => {
        const s = r.sample!;
        return `${String(r.epoch).padEnd(6)}${f(r.trainNatsPerNote).padStart(7)}${f(r.devNatsPerNote).padStart(7)}${f(s.score).padStart(7)}${f(s.chordToneStrong).padStart(9)}${f(s.stepShare).padStart(7)}${f(s.notesPerBar, 2).padStart(7)}${f(s.restShare).padStart(7)}${f(s.offBeatShare).padStart(8)}${f(s.longestCopiedRun, 1).padStart(6)}${pct(s.ngram8Share).padStart(7)}${s.ms.toFixed(0).padStart(10)}${r.ms.toFixed(0).padStart(10)}`;
      }),
      `${'dev'.padEnd(6)}${''.padStart(21)}${f(ref.chordToneStrong).padStart(9)}${f(ref.stepShare).padStart(7)}${f(ref.notesPerBar, 2).padStart(7)}${f(ref.restShare).padStart(7)}${f(ref.offBeatShare).padStart(8)}${f(ref.longestCopiedRun, 1).padStart(6)}${pct(ref.ngram8Share).padStart(7)}   <- the real dev solos over the same bars`,
      `best dev loss at epoch ${out.bestEpoch}, best sample score at epoch ${out.bestSampleEpoch}${out.bestEpoch === out.bestSampleEpoch ? ' (they agree)' : ' (loss and samples disagree)'}; panel ${((100 * (out.timings.panelMs ?? 0)) / out.timings.totalMs).toFixed(1)}% of the run's time`,
    ];
    console.log(rows.join('\n'));
    for (const r of h) {
      const s = r.sample!;
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.takes).toBeGreaterThan(0);
      expect(s.dev).toEqual(ref);
    }
    // Real players share some runs with other players' solos, but not long ones.
    expect(ref.longestCopiedRun!).toBeGreaterThanOrEqual(0);
    expect(ref.ngram8Share!).toBeLessThan(0.2);
    expect(out.bestSampleEpoch).not.toBeNull();
  });
});
