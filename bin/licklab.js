#!/usr/bin/env node
// The `licklab` command: runs the compiled JavaScript in dist-cli/ (scripts/build-cli.js, made at
// install) when it is built from the sources as they are; else the TypeScript through tsx, saying
// why (a fresh clone before `npm install`, a production install without esbuild, an edited source).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCli } from './compiled-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = process.env.LICKLAB_CLI_FROM_SOURCE === '1' ? { reason: 'LICKLAB_CLI_FROM_SOURCE=1' } : compiledCli(root);
let main;
if (compiled.entry) {
  ({ main } = await import(pathToFileURL(compiled.entry).href));
} else {
  if (process.env.LICKLAB_CLI_FROM_SOURCE !== '1')
    console.error(`licklab: ${compiled.reason}; running the TypeScript sources (slower start; \`npm run build:cli\` compiles them)`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
