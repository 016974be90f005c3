import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../e2e/helpers';

describe('licklab backend', () => {
  it('prints the active backend as JSON', () => {
    // The choice LickLab makes by itself: without LICKLAB_BACKEND (the test runner may set it).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LICKLAB_BACKEND'));
    const out = execFileSync(process.execPath, ['bin/licklab.js', 'backend', '--json'], { cwd: projectRoot, encoding: 'utf8', env });
    const info = JSON.parse(out);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    if (info.name !== 'tensorflow') expect(info.fallbackReason).toContain('tfjs-node');
  });

  it('prints one readable line, and honours LICKLAB_BACKEND', () => {
    const out = execFileSync(process.execPath, ['bin/licklab.js', 'backend'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, LICKLAB_BACKEND: 'cpu' },
    });
    expect(out).toMatch(/^ML backend: cpu \d+\.\d+\.\d+ \(1 thread\)\n/);
  });

  it('says which LSTM code runs: the fast path with its threads, or the stock layer when it is off', () => {
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['bin/licklab.js', 'backend'], {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { ...process.env, LICKLAB_BACKEND: 'wasm', ...env },
      });
    expect(run({ LICKLAB_FAST_LSTM_THREADS: '2' })).toMatch(/\nLSTM: fast path \(LickLab's WebAssembly SIMD kernels, 2 threads\)\n/);
    expect(run({ LICKLAB_FAST_LSTM: '0' })).toMatch(/\nLSTM: stock tf\.layers\.lstm \(fast path turned off by LICKLAB_FAST_LSTM=0\)\n/);
  });
});
