// Atomic folder replace with recovery: a child process replacing a folder (or saving a real model
// over another) is SIGKILLed before each step of the replace; the next save, load or library list
// then finds the old folder or the new one at the target, never nothing, and no leftover beside it.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSaveTag, recoverFolder, recoverFoldersIn, replaceFolder, stagingPath, type ReplaceStep } from '../../models/folder-replace';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { loadModelFolder, readModelMeta } from '../../models/lstm/model-io';

const here = path.dirname(fileURLToPath(import.meta.url));
const runTs = path.resolve(here, '../../bin/run-ts.js');
const STEPS: ReplaceStep[] = ['move-old-aside', 'move-new-in', 'sync-parent', 'remove-old'];
let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-replace-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Runs the fixture in a child; resolves with how it ended. */
async function saveAndDie(target: string, step: string, mode: 'folders' | 'model'): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [runTs, path.join(here, 'fixtures/save-and-die.ts'), target, step, mode],
      { cwd: path.resolve(here, '../..') },
    );
    return stdout.trim();
  } catch (err) {
    return `killed by ${(err as { signal?: string }).signal}`;
  }
}

const leftovers = async (dir: string) => (await fs.readdir(dir)).filter((n) => n.startsWith('.'));

describe('replaceFolder killed at each step', () => {
  for (const step of STEPS) {
    it(`killed before ${step}: old or new at the target after recovery, nothing left beside it`, async () => {
      const dir = await fs.mkdtemp(path.join(root, 'f-'));
      const target = path.join(dir, 'model');
      await fs.mkdir(target);
      await fs.writeFile(path.join(target, 'content.txt'), 'old');
      expect(await saveAndDie(target, step, 'folders')).toBe('killed by SIGKILL');
      expect((await leftovers(dir)).length).toBeGreaterThan(0); // the kill did leave something
      const { actions } = await recoverFolder(target);
      expect(actions.length).toBeGreaterThan(0);
      const content = await fs.readFile(path.join(target, 'content.txt'), 'utf8');
      expect(step === 'move-old-aside' ? ['old'] : ['new']).toContain(content);
      expect(await leftovers(dir)).toEqual([]);
    }, 60_000);
  }

  it('without a kill: the new folder is in place and nothing is left', async () => {
    const dir = await fs.mkdtemp(path.join(root, 'ok-'));
    const target = path.join(dir, 'model');
    await fs.mkdir(target);
    const tag = newSaveTag();
    await fs.mkdir(stagingPath(target, tag));
    await fs.writeFile(path.join(stagingPath(target, tag), 'content.txt'), 'new');
    await replaceFolder(target, stagingPath(target, tag), tag);
    expect(await fs.readFile(path.join(target, 'content.txt'), 'utf8')).toBe('new');
    expect(await leftovers(dir)).toEqual([]);
  });

  it('leaves the folders of a save still running alone', async () => {
    const dir = await fs.mkdtemp(path.join(root, 'busy-'));
    const target = path.join(dir, 'model');
    const tag = newSaveTag(); // this process, save in progress
    await fs.mkdir(stagingPath(target, tag));
    const other = path.join(dir, `.model.saving-${process.ppid}-zz-abc`); // a live writer (our parent)
    await fs.mkdir(other);
    const dead = path.join(dir, '.model.saving-999999-zz-abc'); // a writer that is gone
    await fs.mkdir(dead);
    await recoverFoldersIn(dir);
    expect(existsSync(stagingPath(target, tag))).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(dead)).toBe(false);
  });
});

describe('saveModelFolder killed at each step of replacing a real model', () => {
  for (const step of STEPS) {
    it(`killed before ${step}: the next load finds a loadable model and no leftover`, async () => {
      const dir = await fs.mkdtemp(path.join(root, 'm-'));
      const target = path.join(dir, 'model');
      await fs.cp(DEFAULT_MODEL_DIR, target, { recursive: true });
      const before = await readModelMeta(target);
      expect(await saveAndDie(target, step, 'model')).toBe('killed by SIGKILL');
      const { model, meta } = await loadModelFolder(target);
      model.dispose();
      expect(before.seed).not.toBe(424242);
      expect([before.seed, 424242]).toContain(meta.seed);
      if (step !== 'move-old-aside') expect(meta.seed).toBe(424242); // the new model was complete: the replace is finished
      expect(await leftovers(dir)).toEqual([]);
    }, 120_000);
  }
});
