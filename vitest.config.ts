import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// `npm test`: everything that needs no ../shared corpus and no native backend (unit, component and real-Chromium e2e).
export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/shared needs ../shared (npm run test:shared); tests/native needs tfjs-node and its global setup (npm run test:native).
    exclude: ['tests/shared/**', 'tests/native/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
