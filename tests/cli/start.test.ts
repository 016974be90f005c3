// `npm start` where Electron's binary cannot be downloaded: one clear paragraph naming the studio
// command, a non-zero exit, no stack trace. (Skipped only where Electron is really installed.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../e2e/helpers';

const electronInstalled = existsSync(path.join(projectRoot, 'node_modules/electron/path.txt'));

describe('npm start', () => {
  it.skipIf(electronInstalled)('builds, then explains the browser studio when Electron is missing', () => {
    const result = spawnSync(process.execPath, ['scripts/start.js'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, LICKLAB_ELECTRON_DOWNLOAD_TIMEOUT_MS: '20000' },
      timeout: 110_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('licklab: building the renderer');
    expect(result.stdout).toContain('licklab: building the Electron bundles');
    expect(existsSync(path.join(projectRoot, 'dist-electron/main.cjs'))).toBe(true);
    expect(result.stderr).toContain("Electron's binary is not installed and could not be downloaded");
    expect(result.stderr).toContain('`npx licklab studio`');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);
});
