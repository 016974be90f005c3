// The sample panel's cost per epoch as a share of the epoch: the default preset on the bundled
// default corpus (and on the WJD solos when ../shared/corpus is there, a subset of 60 files), a few
// epochs with the panel after every epoch, then the same with the default schedule ("auto": as
// often as fits in PANEL_BUDGET of the training time). Prints per-epoch training ms, panel ms, share.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBackend, initBackend } from '../models/lstm/backend';
import { PANEL_BUDGET, PANEL_DEFAULTS } from '../models/lstm/eval/panel';
import { train } from '../models/lstm/train';
import type { TrainOutput } from '../models/lstm/train';
import { importCorpus } from '../models/music/corpus';
import { encodeTune } from '../models/music/encode';
import type { Tune } from '../models/music/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EPOCHS = 3;

async function solosOf(paths: string[]): Promise<Tune[]> {
  return (await importCorpus(paths, { pool: 'inline' })).tunes.filter((t) => t.notes.length > 0);
}

async function run(solos: Tune[], every: number | 'auto'): Promise<TrainOutput> {
  const tunes = solos.map((t) => {
    const { id, source, events } = encodeTune(t);
    return { id, source, events };
  });
  return train(tunes, { preset: 'default', hyperparameters: { epochs: EPOCHS, patience: EPOCHS }, seed: 1, panel: { solos, every } });
}

function report(label: string, out: TrainOutput): void {
  const rows = out.history.map((r) => {
    const panel = r.sample?.ms ?? 0;
    return `    epoch ${r.epoch}: ${(r.ms - panel).toFixed(0)} ms training + dev, ${panel.toFixed(0)} ms panel (${((100 * panel) / r.ms).toFixed(1)}% of the epoch)${r.sample ? `, score ${r.sample.score.toFixed(3)}` : ''}`;
  });
  const share = (100 * (out.timings.panelMs ?? 0)) / out.timings.totalMs;
  console.log(
    `  ${label}: panel ${share.toFixed(1)}% of the run (${(out.timings.panelMs ?? 0).toFixed(0)} of ${out.timings.totalMs.toFixed(0)} ms)`,
  );
  console.log(rows.join('\n'));
}

async function measure(name: string, solos: Tune[]): Promise<void> {
  const p = PANEL_DEFAULTS;
  console.log(`${name}: ${solos.length} solos; panel ${p.takes} takes x ${p.bars} bars; default preset, ${EPOCHS} epochs`);
  const every = await run(solos, 1);
  report('panel after every epoch', every);
  every.model.dispose();
  const auto = await run(solos, 'auto');
  report(`default schedule (auto, budget ${Math.round(PANEL_BUDGET * 100)}%)`, auto);
  auto.model.dispose();
}

export default async function bench(): Promise<void> {
  const backend = await initBackend();
  console.log(`backend ${describeBackend(backend)}`);
  await measure('default corpus', await solosOf([path.join(root, 'assets', 'default-corpus')]));
  const wjd = path.resolve(root, '../shared/corpus/wjd/midi');
  if (!existsSync(wjd)) {
    console.log(`WJD: skipped, ${wjd} not found`);
    return;
  }
  const files = readdirSync(wjd)
    .filter((f) => f.endsWith('.mid'))
    .sort()
    .filter((_, i) => i % 6 === 0)
    .map((f) => path.join(wjd, f));
  await measure('WJD (every 6th solo)', await solosOf(files));
}
