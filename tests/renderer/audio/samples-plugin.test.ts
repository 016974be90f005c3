// The bundled-samples plugin in dev-server mode (build mode is covered by the Chromium harness).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttp, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { pianoSamplesPlugin, sampleDir } from '../../../renderer/audio/samples-plugin';
import { sampleNotes, servedFileName } from '../../../renderer/audio/sample-names';

let vite: ViteDevServer;
let http: Server;
let base = '';

beforeAll(async () => {
  vite = await createServer({
    configFile: false,
    logLevel: 'silent',
    plugins: [pianoSamplesPlugin()],
    server: { middlewareMode: true },
    appType: 'custom',
  });
  http = createHttp((req, res) => vite.middlewares.handle(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const addr = http.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  await vite?.close();
});

describe('pianoSamplesPlugin (dev server)', () => {
  it('lists one sample every minor third from A0 to C8', () => {
    const notes = sampleNotes();
    expect(notes).toHaveLength(30);
    expect(notes.slice(0, 5)).toEqual(['A0', 'C1', 'D#1', 'F#1', 'A1']);
    expect(notes.at(-1)).toBe('C8');
  });

  it('exposes note -> URL through the virtual module', async () => {
    const mod = (await vite.ssrLoadModule('virtual:licklab-piano-samples')) as { default: Record<string, string> };
    expect(Object.keys(mod.default)).toEqual(sampleNotes());
    expect(mod.default['D#4']).toBe('/@licklab-piano/piano-Ds4v10.mp3');
  });

  it('serves the mp3 bytes under the URL-safe name, and 404s unknown names', async () => {
    const res = await fetch(`${base}/@licklab-piano/${servedFileName('F#3')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(readFileSync(join(sampleDir(), 'F#3v10.mp3')))).toBe(true);
    expect((await fetch(`${base}/@licklab-piano/piano-X9v10.mp3`)).status).toBe(404);
  });
});
