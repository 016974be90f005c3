// `npm run bench -- --json` prints one JSON object with the fields issue 17 reads (sampling and
// training, fast against stock from one run). The shape only: BENCH_QUICK=1 runs tiny shapes for 2
// rounds, and no timing is asserted (the machine may be busy).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function positive(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

describe('bench --json', () => {
  it('prints exactly one JSON object with sampling and training figures (quick mode)', { timeout: 180_000 }, () => {
    const out = execFileSync(process.execPath, [path.join(root, 'bin/run-ts.js'), 'bench/run.ts', '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, BENCH_QUICK: '1', BENCH_ROUNDS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1); // nothing else on stdout
    const r = JSON.parse(lines[0]);
    expect(r.quick).toBe(true);
    expect(r.backend).toMatch(/^wasm /);
    expect(r.loadAverage.before).toHaveLength(3);
    const s = r.sampling;
    for (const k of ['msPerEvent', 'stockMsPerEvent', 'ratio', 'cpuMsPerEvent', 'stockCpuMsPerEvent', 'solo32Ms', 'flopPerEvent', 'gflops'])
      expect(positive(s[k]), `sampling.${k} = ${s[k]}`).toBe(true);
    expect(s.rounds).toBe(2);
    expect(Number.isInteger(s.sameTakes) && s.sameTakes >= 0 && s.sameTakes <= s.rounds).toBe(true);
    // The ratio is the median of each round's own ratio (the same takes, back to back), not the ratio of the two medians.
    expect(s.ratioIs).toMatch(/^median over rounds of stock \/ fast/);
    expect(Object.keys(r.training).sort()).toEqual(['2x256', 'default']);
    for (const [name, t] of Object.entries(r.training) as [string, Record<string, unknown>][]) {
      for (const k of ['fastMs', 'stockMs', 'ratio', 'fastCpuMs', 'stockCpuMs', 'gflopPerStep', 'fastGflops', 'stockGflops'])
        expect(positive(t[k]), `training.${name}.${k} = ${t[k]}`).toBe(true);
      expect(t.threads).toBe(2);
      expect(t.rounds).toBe(2);
      // FLOPs as done (the one-hot input gathered) are fewer than counting it as a dense product.
      expect(t.gflopPerStep as number).toBeLessThan(t.denseCountedGflopPerStep as number);
    }
    expect((r.training['2x256'].shape as { layers: number }).layers).toBe(2);
  });
});
