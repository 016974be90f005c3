import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { pianoSamplesPlugin } from './renderer/audio/samples-plugin';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

// The renderer: one page, loaded from file:// by Electron and from 127.0.0.1 by the browser studio,
// so asset URLs are relative (base './'). The piano samples are bundled locally (no network at run time).
export default defineConfig({
  root,
  base: './',
  plugins: [svelte(), pianoSamplesPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
