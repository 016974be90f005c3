import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodingOf } from '../../../../models/lstm/eval/encoding';
import { findTrainingFiles, loadTrainingData } from '../../../../models/lstm/eval/training-data';
import type { LicklabMeta } from '../../../../models/lstm/model-meta';
import { importCorpus } from '../../../../models/music/corpus';
import { ENCODING_V1 } from '../../../../models/music/vocabulary';
import type { Tune } from '../../../../models/music/types';
import { writeEtudes } from './solo-files';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-eval-train-'));
const corpus = path.join(tmp, 'corpus');
const elsewhere = path.join(tmp, 'bundled');
const cacheDir = path.join(tmp, 'cache');
let written: Tune[] = [];

beforeAll(() => {
  written = writeEtudes(corpus, 3);
  writeEtudes(elsewhere, 3);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const meta = (dir: string | undefined, train: string[], trainEvents?: number) =>
  ({ corpus: { dir, trainEvents }, split: { train, dev: [] } }) as unknown as LicklabMeta;

describe("a model's own training files", () => {
  it('the test corpus imports back with its notes and chords (the helper writes what it claims)', async () => {
    const c = await importCorpus([corpus], { cacheDir });
    expect(c.tunes.map((t) => t.notes.length)).toEqual(written.map((t) => t.notes.length));
    expect(c.files.every((f) => f.chordSource === 'chart' && f.chordCoverage === 1)).toBe(true);
    expect(c.tunes[0].chords.map((x) => x.symbol)).toEqual(written[0].chords.map((x) => x.symbol));
  });

  it('are found in the recorded folder, else in the bundled corpus, else by absolute path', () => {
    expect(findTrainingFiles(meta(corpus, ['etude-0.mid', 'etude-2.mid']))).toEqual({
      dir: corpus,
      files: [path.join(corpus, 'etude-0.mid'), path.join(corpus, 'etude-2.mid')],
      listed: 2,
    });
    const moved = findTrainingFiles(meta('/no/such/folder', ['etude-1.mid']), elsewhere);
    expect(moved).toMatchObject({ dir: elsewhere, files: [path.join(elsewhere, 'etude-1.mid')] });
    const absolute = findTrainingFiles(meta(undefined, [path.join(corpus, 'etude-1.mid')]), path.join(tmp, 'no-bundle'));
    expect(absolute).toMatchObject({ dir: null, files: [path.join(corpus, 'etude-1.mid')] });
  });

  it('say why when none can be found', () => {
    expect(findTrainingFiles(meta('/no/such/folder', ['gone.mid']), elsewhere)).toEqual({
      reason: expect.stringMatching(/none of the model's 1 training files can be found \(it was trained on \/no\/such\/folder\)/),
    });
    expect(findTrainingFiles(meta(corpus, []))).toEqual({ reason: 'the model records no training files' });
  });

  it('load in the model encoding, and warn when they differ from what the model recorded', async () => {
    const enc = encodingOf(ENCODING_V1);
    const ok = await loadTrainingData(meta(corpus, ['etude-0.mid', 'etude-1.mid']), enc, { importOptions: { cacheDir } });
    if ('reason' in ok) throw new Error(ok.reason);
    expect(ok.tunes).toHaveLength(2);
    expect(ok.solos.map((s) => s.notes.length)).toEqual([written[0].notes.length, written[1].notes.length]);
    expect(ok.warning).toBeUndefined();
    const same = await loadTrainingData(meta(corpus, ['etude-0.mid', 'etude-1.mid'], ok.events), enc, { importOptions: { cacheDir } });
    expect('warning' in same && same.warning).toBeFalsy();
    const changed = await loadTrainingData(meta(corpus, ['etude-0.mid', 'etude-1.mid', 'gone.mid'], ok.events + 5), enc, {
      importOptions: { cacheDir },
    });
    if ('reason' in changed) throw new Error(changed.reason);
    expect(changed.warning).toMatch(/1 of 3 training files are missing/);
    expect(changed.warning).toMatch(/changed since training/);
  });
});
