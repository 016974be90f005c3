// What the import tests share: a temp folder to write files into (removed after the file's tests),
// and a short melody with straight eighths and a triplet.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const PPQ = 96;
export const melody: [number, number, number][] = [
  [72, 0, 1],
  [74, 1, 0.5],
  [76, 1.5, 0.5],
  [77, 2, 2], // beat 0..4
  [79, 4, 1 / 3],
  [77, 4 + 1 / 3, 1 / 3],
  [76, 4 + 2 / 3, 1 / 3],
  [74, 5, 1], // a triplet
];

/** A temp folder for this test file, and `write(name, bytes)` into it (folders made as needed). */
export function importFolder(prefix: string): { tmp: string; write: (name: string, bytes: Uint8Array | string) => string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, bytes: Uint8Array | string): string => {
    const p = path.join(tmp, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, bytes);
    return p;
  };
  return { tmp, write };
}
