// The model library on disk: listing (default first, corrupt folders reported), rename, delete,
// set active, and import/export (bundle and folder), each all-or-nothing.
import { cpSync, existsSync, mkdirSync, promises as fs, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../../api/channels/training';
import {
  describeModel,
  deleteModel,
  listModels,
  renameModel,
  runModelName,
  setActiveModel,
  freeModelId,
} from '../../../backend/training/library';
import {
  commitStaged,
  discardStaged,
  exportBundle,
  exportFolder,
  stageBundle,
  stageFolder,
  stagingDir,
} from '../../../backend/training/library-transfer';
import { activeModelDir, readSettings } from '../../../backend/user-data';
import { DEFAULT_MODEL_DIR } from '../../../models/lstm/default-model';
import { loadModelFolder, readModelMeta } from '../../../models/lstm/model-io';
import { addModelCopy, tempEnv } from './library-fixture';

const { dir, env } = tempEnv('library');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const models = () => path.join(dir, 'models');

describe('model library', () => {
  it('always lists the shipped default model first, read-only and active on a fresh start, with its history', async () => {
    const list = await listModels(env);
    expect(list.activeId).toBe(DEFAULT_MODEL_ID);
    expect(list.models).toHaveLength(1);
    const d = list.models[0];
    expect(d).toMatchObject({ id: DEFAULT_MODEL_ID, readOnly: true, active: true, preset: 'default' });
    expect(d.history.length).toBeGreaterThan(3);
    expect(d.baselines!.unigramDevLoss).toBeGreaterThan(d.bestDevLoss!);
    expect(d.corpus.label).toBe('default corpus');
  });

  it('names the corpus a model was trained on: the default corpus, uploads, a folder, or several folders', async () => {
    const meta = await readModelMeta(DEFAULT_MODEL_DIR);
    const label = (dir: string | undefined) =>
      describeModel('m', { ...meta, corpus: { ...meta.corpus, dir } }, { readOnly: false, active: false }).corpus.label;
    expect(label('/x/assets/default-corpus')).toBe('default corpus');
    expect(label('/home/me/.local/share/licklab/corpora/uploads')).toBe('uploaded files');
    expect(label('/home/me/solos/parker')).toBe('parker');
    expect(label(undefined)).toBe('several folders');
  });

  it('offers a run a name from its corpus, preset and epochs (no time stamp), a valid free library id', () => {
    expect(runModelName('/data/wjd', 'solos', 12)).toBe('wjd - solos - 12 epochs');
    expect(runModelName('/x/assets/default-corpus', 'default', 1)).toBe('default corpus - default - 1 epoch');
    expect(runModelName('/home/me/.local/share/licklab/corpora/uploads', 'custom')).toBe('uploaded files - custom');
    expect(runModelName(undefined, 'default', 3)).toBe('several folders - default - 3 epochs');
    addModelCopy(env, 'wjd - solos - 12 epochs');
    expect(freeModelId(runModelName('/data/wjd', 'solos', 12), env)).toBe('wjd - solos - 12 epochs 2');
    rmSync(path.join(models(), 'wjd - solos - 12 epochs'), { recursive: true });
  });

  it('marks a weak model (best dev loss not clearly below the bigram baseline) with the reason; the default is not weak', async () => {
    const meta = await readModelMeta(DEFAULT_MODEL_DIR);
    const shipped = describeModel('m', meta, { readOnly: false, active: false });
    expect(shipped.quality).toMatchObject({ weak: false });
    const bigram = meta.baselines.bigramDevNatsPerNote!;
    // The best epoch (by dev loss) only 0.01 nats/note under the bigram baseline, the others further above.
    const barely = meta.history.map((r) => ({ ...r, devNatsPerNote: bigram - 0.01 + (r.devLoss - meta.bestDevLoss!) }));
    const weak = describeModel('m', { ...meta, history: barely }, { readOnly: false, active: false });
    expect(weak.quality?.weak).toBe(true);
    expect(weak.quality?.reason).toBe(
      `dev loss ${(bigram - 0.01).toFixed(2)} nats/note is only 0.01 below the two-note-pattern baseline ${bigram.toFixed(2)}: it has not learned much beyond which note follows which`,
    );
  });

  it('lists saved models and reports a corrupt folder with its problem instead of failing', async () => {
    addModelCopy(env, 'good one');
    const bad = addModelCopy(env, 'broken json');
    writeFileSync(path.join(bad, 'licklab.json'), '{"format": ');
    const noWeights = addModelCopy(env, 'no weights');
    rmSync(path.join(noWeights, 'weights.bin'));
    mkdirSync(path.join(models(), '.saving-temp'), { recursive: true }); // temp folders are never listed
    const list = await listModels(env);
    const byId = Object.fromEntries(list.models.map((m) => [m.id, m]));
    expect(Object.keys(byId).sort()).toEqual([DEFAULT_MODEL_ID, 'broken json', 'good one', 'no weights'].sort());
    expect(byId['good one'].problem).toBeUndefined();
    expect(byId['broken json'].problem).toMatch(/licklab\.json is corrupt/);
    expect(byId['no weights'].problem).toMatch(/weights\.bin is missing/);
  });

  it('sets the active model for the studio, and back to the default', async () => {
    await setActiveModel('good one', env);
    expect(activeModelDir(env)).toBe(path.join(models(), 'good one'));
    expect((await listModels(env)).activeId).toBe('good one');
    await expect(setActiveModel('broken json', env)).rejects.toThrow(/cannot be the active model: licklab\.json is corrupt/);
    await expect(setActiveModel('nope', env)).rejects.toThrow(/there is no model "nope"/);
    await setActiveModel(DEFAULT_MODEL_ID, env);
    expect(activeModelDir(env)).toBe(DEFAULT_MODEL_DIR);
  });

  it('renames by renaming the folder; the active setting follows; bad names and clashes are refused', async () => {
    await setActiveModel('good one', env);
    const m = await renameModel('good one', 'blues v2', env);
    expect(m).toMatchObject({ id: 'blues v2', active: true });
    expect(existsSync(path.join(models(), 'good one'))).toBe(false);
    expect(readSettings(env).activeModel).toBe(path.join(models(), 'blues v2'));
    await expect(renameModel('blues v2', '../escape', env)).rejects.toThrow(/cannot be a model name/);
    await expect(renameModel('blues v2', 'no weights', env)).rejects.toThrow(/already exists/);
    await expect(renameModel(DEFAULT_MODEL_ID, 'x', env)).rejects.toThrow(/read-only/);
    expect(existsSync(path.join(models(), 'blues v2', 'weights.bin'))).toBe(true);
  });

  it('deletes a model (and the active setting falls back to the default); the default cannot be deleted', async () => {
    await deleteModel('blues v2', env);
    expect(existsSync(path.join(models(), 'blues v2'))).toBe(false);
    expect(activeModelDir(env)).toBe(DEFAULT_MODEL_DIR);
    expect(readdirSync(models()).some((n) => n.startsWith('.deleting'))).toBe(false);
    await expect(deleteModel(DEFAULT_MODEL_ID, env)).rejects.toThrow(/read-only/);
    await expect(deleteModel('blues v2', env)).rejects.toThrow(/no model "blues v2"/);
    expect(freeModelId('no weights', env)).toBe('no weights 2');
  });

  it('exports a bundle that imports back into a model that loads, under a free name', async () => {
    const { bundle, fileName } = await exportBundle(DEFAULT_MODEL_ID, env);
    expect(fileName).toBe('licklab-default-model.licklab.json');
    const staged = await stageBundle(bundle, env);
    const { model } = await loadModelFolder(stagingDir(staged.staging, env)); // what models:check does in the trainer
    model.dispose();
    const m = await commitStaged(staged.staging, staged.name, env);
    expect(m.id).toBe('licklab-default-model');
    expect(m.bestDevLoss).toBeCloseTo((await listModels(env)).models[0].bestDevLoss!, 9);
    expect(readFileSync(path.join(models(), m.id, 'weights.bin')).equals(readFileSync(path.join(DEFAULT_MODEL_DIR, 'weights.bin')))).toBe(
      true,
    );
    const again = await stageBundle(bundle, env);
    expect((await commitStaged(again.staging, again.name, env)).id).toBe('licklab-default-model 2');
  });

  it('refuses bad bundles before writing anything, and discards a staged import', async () => {
    const before = readdirSync(models()).sort();
    await expect(stageBundle('not json', env)).rejects.toThrow(/not valid JSON/);
    await expect(stageBundle('{"format":"zip"}', env)).rejects.toThrow(/not a LickLab model bundle/);
    const { bundle } = await exportBundle(DEFAULT_MODEL_ID, env);
    const parsed = JSON.parse(bundle);
    parsed.files['licklab.json'] = JSON.stringify({ ...JSON.parse(parsed.files['licklab.json']), encodingVersion: 'other' });
    await expect(stageBundle(JSON.stringify(parsed), env)).rejects.toThrow(/trained on encoding "other"/);
    expect(readdirSync(models()).sort()).toEqual(before);
    // A bundle whose weights do not fit its model is staged, fails the load check, and is discarded.
    const truncated = JSON.parse(bundle);
    truncated.files['weights.bin'] = truncated.files['weights.bin'].slice(0, 400);
    const staged = await stageBundle(JSON.stringify(truncated), env);
    await expect(loadModelFolder(stagingDir(staged.staging, env))).rejects.toThrow(/weights\.bin has \d+ bytes/);
    await discardStaged(staged.staging, env);
    expect(readdirSync(models()).sort()).toEqual(before);
    expect(() => stagingDir('../etc', env)).toThrow(/not a staged import/);
  });

  it('imports a folder or bundle whose name has a run of dots or odd characters under a clean id', async () => {
    const src = path.join(dir, 'picked', 'solo..v2');
    mkdirSync(path.dirname(src), { recursive: true });
    cpSync(DEFAULT_MODEL_DIR, src, { recursive: true });
    const staged = await stageFolder(src, env);
    expect((await commitStaged(staged.staging, staged.name, env)).id).toBe('solo.v2');
    const { bundle } = await exportBundle(DEFAULT_MODEL_ID, env);
    const named = await stageBundle(JSON.stringify({ ...JSON.parse(bundle), name: '../..//evil...name ' }), env);
    expect((await commitStaged(named.staging, named.name, env)).id).toBe('evil.name');
    expect(freeModelId('...', env)).toBe('model');
    expect(readdirSync(models()).filter((n) => n.startsWith('.import-'))).toEqual([]);
  });

  it('a commit that fails leaves no staged copy behind', async () => {
    const staged = await stageFolder(DEFAULT_MODEL_DIR, env);
    const spy = vi
      .spyOn(fs, 'rename')
      .mockRejectedValueOnce(Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }));
    await expect(commitStaged(staged.staging, 'blocked', env)).rejects.toThrow(/EXDEV/);
    spy.mockRestore();
    expect(readdirSync(models()).filter((n) => n.startsWith('.import-'))).toEqual([]);
  });

  it('imports a folder and exports to a folder without overwriting', async () => {
    await expect(stageFolder(path.join(models(), 'no weights'), env)).rejects.toThrow(/weights\.bin is missing/);
    const staged = await stageFolder(DEFAULT_MODEL_DIR, env);
    expect((await commitStaged(staged.staging, staged.name, env)).id).toBe('default-model');
    const dest = path.join(dir, 'exports');
    mkdirSync(dest);
    const out = await exportFolder('default-model', dest, env);
    expect(out).toBe(path.join(dest, 'default-model'));
    expect(readdirSync(out).sort()).toEqual(['licklab.json', 'model.json', 'weights.bin']);
    await expect(exportFolder('default-model', dest, env)).rejects.toThrow(/already exists/);
    expect(readdirSync(dest)).toEqual(['default-model']);
  });
});
