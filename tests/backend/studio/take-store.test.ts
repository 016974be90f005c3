import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TakeStore, newTakeId, takeProblem } from '../../../backend/studio/take-store';
import { takeFixture } from './take-fixture';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-takes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TakeStore', () => {
  it('stores, lists newest first, renames, stars and deletes takes', () => {
    const store = new TakeStore(dir);
    store.save(takeFixture('take-a', { createdAt: '2026-01-01T00:00:00.000Z' }));
    store.save(takeFixture('take-b', { createdAt: '2026-01-02T00:00:00.000Z' }));
    expect(store.list().takes.map((t) => t.id)).toEqual(['take-b', 'take-a']);
    expect(store.update('take-a', { name: '  Keeper  ', starred: true })).toMatchObject({ name: 'Keeper', starred: true });
    // A fresh store on the same folder (a restart) sees the same takes.
    const again = new TakeStore(dir);
    expect(again.get('take-a')).toMatchObject({ name: 'Keeper', starred: true, notes: takeFixture('x').notes });
    again.delete('take-b');
    expect(again.list().takes.map((t) => t.id)).toEqual(['take-a']);
    expect(() => again.delete('take-b')).toThrow('there is no take with id take-b (already deleted?)');
    expect(() => again.get('take-zz')).toThrow('there is no take with id take-zz');
    expect(() => again.update('take-a', { name: '   ' })).toThrow('a take needs a name');
  });

  it('writes atomically: a failed write leaves the old file and no temp file behind', () => {
    const store = new TakeStore(dir);
    store.save(takeFixture('take-a'));
    const before = readFileSync(path.join(dir, 'take-a.json'), 'utf8');
    expect(() => store.save({ ...takeFixture('take-a'), notes: 'oops' as never })).toThrow(
      'refusing to store a malformed take: missing notes',
    );
    expect(readFileSync(path.join(dir, 'take-a.json'), 'utf8')).toBe(before);
    // The rename onto the target fails (a non-empty folder is in the way): the error says so, no temp file stays.
    mkdirSync(path.join(dir, 'take-c.json', 'inside'), { recursive: true });
    expect(() => store.save(takeFixture('take-c'))).toThrow(/could not store take "Take take-c"/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('skips unreadable files with their reason and keeps listing the rest', () => {
    const store = new TakeStore(dir);
    store.save(takeFixture('take-ok'));
    writeFileSync(path.join(dir, 'broken.json'), '{"formatVersion": 1, "id": ');
    writeFileSync(path.join(dir, 'old-format.json'), JSON.stringify({ ...takeFixture('old-format'), formatVersion: 9 }));
    writeFileSync(path.join(dir, 'moved.json'), JSON.stringify(takeFixture('other-id')));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a take');
    const list = store.list();
    expect(list.takes.map((t) => t.id)).toEqual(['take-ok']);
    expect(list.skipped).toEqual([
      { file: 'broken.json', reason: expect.stringMatching(/^not valid JSON/) },
      { file: 'moved.json', reason: 'the file name does not match the take id inside' },
      { file: 'old-format.json', reason: 'unknown take format version 9' },
    ]);
    expect(existsSync(path.join(dir, 'broken.json'))).toBe(true); // left alone
  });

  it('one take file without a creation time (hand-edited, older) is skipped, not the whole list', () => {
    const store = new TakeStore(dir);
    store.save(takeFixture('take-ok'));
    const { createdAt: _, ...undated } = takeFixture('take-undated');
    writeFileSync(path.join(dir, 'take-undated.json'), JSON.stringify(undated));
    const list = store.list();
    expect(list.takes.map((t) => t.id)).toEqual(['take-ok']);
    expect(list.skipped).toEqual([{ file: 'take-undated.json', reason: 'missing creation time' }]);
  });

  it('names the take file when it is not valid JSON', () => {
    const store = new TakeStore(dir);
    writeFileSync(path.join(dir, 'take-cut.json'), '{"formatVersion": 1, "id": ');
    expect(() => store.get('take-cut')).toThrow(/^the take file take-cut\.json is unreadable: not valid JSON \(/);
  });

  it('lists nothing (and creates nothing) when the folder does not exist yet', () => {
    const store = new TakeStore(path.join(dir, 'missing'));
    expect(store.list()).toEqual({ takes: [], skipped: [] });
  });

  it('never touches a path outside the folder', () => {
    const store = new TakeStore(dir);
    expect(() => store.get('../../etc/passwd')).toThrow('is not a take id');
    expect(() => store.delete('../x')).toThrow('is not a take id');
  });

  it('says what is wrong with a malformed take', () => {
    expect(takeProblem([])).toBe('not a JSON object');
    expect(takeProblem({ ...takeFixture('take-a'), notes: [{ pitch: 'C4' }] })).toBe('a note is malformed');
    expect(takeProblem({ ...takeFixture('take-a'), settings: {} })).toBe('missing or malformed settings');
    expect(takeProblem(takeFixture('take-a'))).toBeNull();
    expect(newTakeId(0)).toMatch(/^0-[0-9a-f]{8}$/);
  });
});
