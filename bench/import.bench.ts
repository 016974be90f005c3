// Import speed of the Weimar Jazz Database folder (386 solos + beat grids): cold (empty cache,
// every file parsed and cached) and warm (every file from the content-hash cache). Target: cold < 5 s.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusTotals, importCorpus } from '../models/music/corpus';
import { encodeTune } from '../models/music/encode';

export default async function bench(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const wjd = path.resolve(root, '../shared/corpus/wjd');
  if (!existsSync(wjd)) {
    console.log(`import: skipped, ${wjd} not found (the team corpus sits beside the project in CI)`);
    return;
  }
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-bench-import-'));
  try {
    let t = performance.now();
    const cold = await importCorpus([wjd], { cacheDir });
    const coldMs = performance.now() - t;
    t = performance.now();
    const warm = await importCorpus([wjd], { cacheDir });
    const warmMs = performance.now() - t;
    t = performance.now();
    let events = 0;
    for (const tune of warm.tunes) events += encodeTune(tune).events.length;
    const encodeMs = performance.now() - t;
    const totals = corpusTotals(cold.files);
    const cached = warm.files.filter((f) => f.cached).length;
    console.log(`import WJD: ${totals.ok} ok, ${totals.skipped} skipped, ${totals.notes} notes`);
    console.log(`import WJD cold (no cache): ${(coldMs / 1000).toFixed(2)} s  (target < 5 s: ${coldMs < 5000 ? 'met' : 'MISSED'})`);
    console.log(
      `import WJD warm (cache):    ${(warmMs / 1000).toFixed(2)} s  (${cached}/${warm.files.length} from cache, ${(coldMs / warmMs).toFixed(1)}x faster)`,
    );
    console.log(`encode WJD: ${events} events in ${(encodeMs / 1000).toFixed(2)} s`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
