// The rooms of the code and which way imports may point (DEVELOPERS.md, "Layout"). A file that
// imports against the direction fails here with the file, the import and the rule it breaks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Room -> the rooms it may import from (itself always allowed). */
const MODELS = ['models', 'models/music', 'models/lstm'];
export const ALLOWED: Record<string, readonly string[]> = {
  models: [], // the shared file helpers at the root of models/
  'models/music': ['models'], // music data never imports the network
  'models/lstm': ['models', 'models/music'],
  api: MODELS,
  renderer: ['api', ...MODELS],
  backend: ['api', ...MODELS],
  electron: ['backend', 'api', ...MODELS],
  cli: ['backend', 'api', ...MODELS],
};
const ROOMS = Object.keys(ALLOWED);

export function roomOf(file: string): string | null {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('models/music/')) return 'models/music';
  if (rel.startsWith('models/lstm/')) return 'models/lstm';
  const top = rel.split('/')[0];
  return ROOMS.includes(top) ? top : null;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of `text` (static, re-export and dynamic) that breaks the direction, as messages. */
export function violations(file: string, text: string): string[] {
  const from = roomOf(file);
  if (!from) return [];
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const where = path.relative(root, file);
    if (spec === 'electron' && from !== 'electron') out.push(`${where}: imports 'electron' (only electron/ may)`);
    if (!spec.startsWith('.')) continue;
    const to = roomOf(path.resolve(path.dirname(file), spec));
    if (!to || to === from) {
      if (!to) out.push(`${where}: imports ${spec}, outside the source rooms`);
      continue;
    }
    if (!ALLOWED[from].includes(to))
      out.push(`${where}: ${from}/ may not import ${to}/ (${spec}); ${from}/ may import ${ALLOWED[from].join(', ') || 'nothing above it'}`);
  }
  return out;
}

describe('import direction', () => {
  it('every source file imports only downward', () => {
    const files = ROOMS.filter((r) => !r.includes('/')).flatMap((r) => sourceFiles(path.join(root, r)));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => violations(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches a planted violation of each kind', () => {
    const at = (rel: string) => path.join(root, rel);
    expect(violations(at('renderer/x.ts'), "import { a } from '../backend/studio/take-store';")).toHaveLength(1);
    expect(violations(at('models/lstm/x.ts'), "import type { A } from '../../api/takes';")).toHaveLength(1);
    expect(violations(at('models/write-x.ts'), "import { a } from './lstm/sample';")).toHaveLength(1);
    expect(violations(at('models/music/x.ts'), "export { a } from '../lstm/sample';")).toHaveLength(1);
    expect(violations(at('api/x.ts'), "const m = await import('../backend/user-data');")).toHaveLength(1);
    expect(violations(at('backend/x.ts'), "import { app } from 'electron';")).toHaveLength(1);
    expect(violations(at('renderer/x.ts'), "import { a } from '../api/takes';\nimport { b } from '../models/music/types';")).toEqual([]);
  });
});
