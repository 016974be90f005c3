// `npm start` where Electron's binary cannot be downloaded (the download forced to fail: an
// unreachable mirror and an empty cache): it says why in one paragraph, then leaves a running
// browser studio and prints its address; the page is served there. The test stops it.
// (Skipped only where Electron is really installed.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../e2e/helpers';

const electronInstalled = existsSync(path.join(projectRoot, 'node_modules/electron/path.txt'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start', () => {
  it.skipIf(electronInstalled)(
    'builds, says why there is no desktop window, and leaves a running browser studio with its address',
    async () => {
      const child = spawn(process.execPath, ['scripts/start.js'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/', // nothing listens there: the download fails at once
          electron_config_cache: path.join(tmp, 'electron-cache'),
          LICKLAB_ELECTRON_DOWNLOAD_TIMEOUT_MS: '20000',
          LICKLAB_START_NO_OPEN: '1',
          LICKLAB_DATA_DIR: path.join(tmp, 'data'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no studio address within 150 s:\n${stdout}\n${stderr}`)), 150_000);
          child.stdout.on('data', () => {
            const m = /LickLab studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          });
          void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing an address:\n${stdout}\n${stderr}`)));
        });
        expect(stdout).toContain('licklab: building the renderer');
        expect(stdout).toContain("licklab: Electron's binary is missing; trying to download it once");
        expect(stderr).toContain("Electron's binary is not installed and could not be downloaded");
        expect(stderr).toContain('Starting LickLab in your browser instead');
        expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
        // A running studio: the page is served at the printed address.
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<title>LickLab/);
        expect(child.exitCode).toBeNull();
      } finally {
        child.kill('SIGTERM'); // start.js hands it to the studio, which closes
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
    200_000,
  );
});
