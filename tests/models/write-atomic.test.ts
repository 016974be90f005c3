import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../models/write-atomic';

const dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const file = path.join(dir, 'a.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('on failure keeps the old content, removes its temporary file and throws the original error', () => {
    const target = path.join(dir, 'folder');
    mkdirSync(target); // renaming a file over a folder fails after the bytes were written
    expect(() => writeFileAtomic(target, 'x')).toThrow(/EISDIR|EEXIST|ENOTEMPTY|directory/i);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'folder']);
  });
});
