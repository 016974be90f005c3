#!/usr/bin/env node
// Builds the renderer with Vite into dist/renderer. Builds into a temporary folder first and swaps
// it in, so a server reading dist/renderer (or a second build running at once) never sees half a page.
import { build } from 'vite';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The project imports TypeScript without file extensions (tsconfig moduleResolution Bundler), which
// Vite's bundled config loader handles; silence its notice about a future native loader.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'dist', 'renderer');
const temp = path.join(root, 'dist', `.renderer-${process.pid}`);
const old = path.join(root, 'dist', `.renderer-old-${process.pid}`);

try {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: process.argv.includes('--quiet') ? 'warn' : 'info',
    build: { outDir: temp, emptyOutDir: true },
  });
  try {
    if (existsSync(target)) renameSync(target, old);
  } catch {
    // another build swapped at the same moment; fine
  }
  try {
    renameSync(temp, target);
  } catch (err) {
    // Another build finished first with the same sources: keep its output.
    if (!existsSync(path.join(target, 'index.html'))) throw err;
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}
