// `licklab studio`: LickLab in a web browser, for machines without Electron, and the way the
// end-to-end tests drive the real UI against the real backend process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, numberFlag } from '../args';
import { CliError } from '../cli-error';
import { createApiRouter } from '../../backend/api-router';
import { isTestMode } from '../../api/contract';
import { createMainHandlers } from '../../backend/main-handlers';
import { startStudioServer } from '../../backend/studio-server/server';
import { nodeTrainerSpawner } from '../../backend/trainer/node-spawner';
import { TrainerHost } from '../../backend/trainer/trainer-host';

export const usage = `usage: licklab studio [--port N] [--no-open]

Serves the LickLab studio on http://127.0.0.1 only (never on the network) and prints its address.
The address carries a random token for this run: other pages and other users of the machine
cannot use the studio without it. Stop it with Ctrl+C.

  --port N    port to listen on (default 4178; 0 picks a free port)
  --no-open   do not open a web browser`;

/** The project folder, from the sources (cli/commands/) or the compiled command line (dist-cli/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'scripts', 'build-renderer.js')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const root = projectRoot();
const rendererDir = path.join(root, 'dist', 'renderer');

/** Builds dist/renderer with Vite when it is missing or older than its sources (says so first). */
function ensureRendererBuilt(): void {
  const script = path.join(root, 'scripts', 'build-renderer.js');
  const result = spawnSync(process.execPath, [script, '--if-stale', '--quiet'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) throw new CliError('building the studio page failed (see the output above)');
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`(could not start ${opener}; open the address above yourself)`));
    child.unref();
  } catch {
    console.log('(could not open a browser; open the address above yourself)');
  }
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
  const port = numberFlag('port', values.port, 4178, (n) =>
    Number.isInteger(n) && n >= 0 && n <= 65535 ? undefined : 'must be a whole number from 0 to 65535',
  );

  ensureRendererBuilt();

  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const trainer = new TrainerHost(nodeTrainerSpawner());
  const router = createApiRouter({
    trainer,
    mainHandlers: createMainHandlers({ version, host: { kind: 'browser', trainer } }),
    testMode: isTestMode(process.env),
  });
  trainer.on('backend:down', (down) => console.error(`licklab studio: ${down.message}${down.restarting ? '; restarting it' : ''}`));

  let server;
  try {
    server = await startStudioServer({ router, rendererDir, port });
  } catch (err) {
    await trainer.dispose();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(`port ${port} is already in use; pick another with --port N, or --port 0 for any free port`);
    throw err;
  }
  void trainer.start().catch((err: Error) => console.error(`licklab studio: ${err.message}`));
  console.log(`LickLab studio: ${server.url}`);
  console.log('Listening on 127.0.0.1 only. Press Ctrl+C to stop.');
  if (!values['no-open']) openBrowser(server.url);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await trainer.dispose();
  return 0;
}
