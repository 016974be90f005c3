// Builds the harness page with Vite's JS API into a temp dir and serves it on 127.0.0.1,
// and launches Debian's Chromium through playwright-core.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Browser } from 'playwright-core';
import { launchChromium as launchE2eChromium } from '../e2e/helpers';
import { pianoSamplesPlugin } from '../../renderer/audio/samples-plugin';
import { contentSecurityPolicy } from '../../backend/csp';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HARNESS = fileURLToPath(new URL('./harness', import.meta.url));

export async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'licklab-harness-'));
  await build({
    root: HARNESS,
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [svelte(), pianoSamplesPlugin()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, target: 'es2022', chunkSizeWarningLimit: 4096 },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.svg': 'image/svg+xml',
};

export async function serveDir(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    // The app's own CSP, so the roll and Tone.js are tested under the rules they ship with.
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(),
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('harness server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The e2e suites' Chromium (CHROME_PATH, then /usr/bin/chromium), with autoplay for audio checks. */
export const launchChromium = (): Promise<Browser> => launchE2eChromium({ autoplay: true });

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
