import { defineConfig } from 'vitest/config';

// `npm run test:native`: the native backend (@tensorflow/tfjs-node, built by `npm run native:install`)
// trained, sampled, saved and loaded, and compared with the wasm backend. CI runs it after
// native:install; every file skips with one line when tfjs-node does not load.
export default defineConfig({
  test: {
    include: ['tests/native/**/*.test.ts'],
    globalSetup: ['tests/native/global-setup.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
