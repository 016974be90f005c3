// Vite plugin: bundles the piano samples locally (no network at run time). Provides the virtual
// module `virtual:licklab-piano-samples` (default export: { [note]: url }). A plugin is needed
// because the package's file names contain '#', which Vite cannot import with `?url`.
import { readFileSync, existsSync, createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { SAMPLE_PACKAGE, packageFileName, sampleNotes, servedFileName } from './sample-names';

const VIRTUAL_ID = 'virtual:licklab-piano-samples';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
const DEV_PREFIX = '/@licklab-piano/';

export function sampleDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve(`${SAMPLE_PACKAGE}/package.json`);
  return join(dirname(pkg), 'audio');
}

export function pianoSamplesPlugin(): Plugin {
  let serve = false;
  let dir = '';
  return {
    name: 'licklab-piano-samples',
    configResolved(config) {
      serve = config.command === 'serve';
      dir = sampleDir();
      const missing = sampleNotes().filter((n) => !existsSync(join(dir, packageFileName(n))));
      if (missing.length) {
        throw new Error(`Piano samples missing from ${dir}: ${missing.join(', ')} (reinstall ${SAMPLE_PACKAGE}).`);
      }
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const entries = sampleNotes().map((note) => {
        if (serve) return `${JSON.stringify(note)}: ${JSON.stringify(DEV_PREFIX + servedFileName(note))}`;
        const ref = this.emitFile({
          type: 'asset',
          name: servedFileName(note),
          source: readFileSync(join(dir, packageFileName(note))),
        });
        return `${JSON.stringify(note)}: import.meta.ROLLUP_FILE_URL_${ref}`;
      });
      return `export default {\n  ${entries.join(',\n  ')}\n};\n`;
    },
    configureServer(server) {
      const byName = new Map(sampleNotes().map((n) => [servedFileName(n), packageFileName(n)]));
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (!url.startsWith(DEV_PREFIX)) return next();
        const file = byName.get(url.slice(DEV_PREFIX.length).split('?')[0]);
        if (!file) return next();
        res.setHeader('Content-Type', 'audio/mpeg');
        createReadStream(join(dir, file)).pipe(res);
      });
    },
  };
}
