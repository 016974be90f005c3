// How long a musician waits on the command line (issue 17): `licklab sample --bars 32 --out x.mid`
// end to end, and a cold `licklab corpus ../shared/corpus/wjd` (empty cache), each run as a user
// runs it (a new Node process through bin/licklab.js), with the machine's load beside every figure.
// Printed, never asserted against a clock (a shared CI machine's load decides the wall time); what
// is asserted is that the runs did their work: a MIDI file written, all 386 solos reported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../e2e/helpers';

const WJD = path.resolve(projectRoot, '../shared/corpus/wjd');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-cli-speed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ROUNDS = 3;

/** One run of the CLI as a user starts it: wall time (ms), the load average before it, its output. */
function timed(args: string[], env: Record<string, string> = {}): { ms: number; load: number; stdout: string; fromSource: boolean } {
  const load = os.loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/licklab.js', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`licklab ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  // bin/licklab.js says so on stderr when it runs the TypeScript sources instead of the compiled CLI.
  return { ms, load, stdout: r.stdout, fromSource: /running the TypeScript sources/.test(r.stderr) };
}

const line = (what: string, runs: { ms: number; load: number; fromSource: boolean }[]) => {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return `${what}: min ${(ms[0] / 1000).toFixed(2)} s, median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(2)} s over ${runs.length} runs; load average ${runs.map((r) => r.load.toFixed(1)).join(', ')} (${os.cpus().length} CPUs)${runs.some((r) => r.fromSource) ? '; ran the TypeScript sources (the compiled CLI was older than a source)' : '; compiled CLI'}`;
};

describe('the command line starts at once', () => {
  it('licklab sample --bars 32 --out x.mid, end to end', () => {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) {
      const out = path.join(tmp, `take-${i}.mid`);
      runs.push(timed(['sample', '--bars', '32', '--seed', String(i + 1), '--out', out]));
      expect(statSync(out).size).toBeGreaterThan(100);
    }
    console.log(line('licklab sample --bars 32 --out x.mid', runs));
  });

  it('a cold licklab corpus of the 386 WJD solos (empty cache)', () => {
    expect(existsSync(WJD), `the team corpus at ${WJD}`).toBe(true);
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) {
      const cache = path.join(tmp, `cache-${i}`); // new and empty: every file parsed
      const r = timed(['corpus', WJD, '--json', '--cache-dir', cache]);
      const report = JSON.parse(r.stdout) as { files: unknown[] };
      expect(report.files.length).toBe(386);
      runs.push(r);
    }
    console.log(line('cold licklab corpus ../shared/corpus/wjd', runs));
  });
});
