import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activeModelDir, dataPath, readSettings, userDataDir, writeSettings } from '../../backend/user-data';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-userdata-'));
const env = { LICKLAB_DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('user data folder', () => {
  it('uses LICKLAB_DATA_DIR, else the XDG data folder', () => {
    expect(userDataDir(env)).toBe(tmp);
    expect(userDataDir({ XDG_DATA_HOME: '/x/data' })).toBe(path.join('/x/data', 'licklab'));
    expect(dataPath('takes', env)).toBe(path.join(tmp, 'takes'));
    expect(existsSync(path.join(tmp, 'takes'))).toBe(true);
  });

  it('falls back to the shipped model until a chosen model exists, and survives a corrupt settings file', () => {
    expect(activeModelDir(env)).toBe(DEFAULT_MODEL_DIR);
    const mine = path.join(tmp, 'models', 'mine');
    writeSettings({ activeModel: mine }, env);
    expect(activeModelDir(env)).toBe(DEFAULT_MODEL_DIR); // not there yet
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'licklab.json'), '{}');
    expect(activeModelDir(env)).toBe(mine);
    writeFileSync(path.join(tmp, 'settings.json'), '{"activeModel": ');
    expect(readSettings(env)).toEqual({});
    expect(activeModelDir(env)).toBe(DEFAULT_MODEL_DIR);
  });
});
