// Starts the trainer process with child_process.fork (outside Electron: studio server, CLI, tests).
// From the sources the TypeScript entry runs through tsx; from the compiled command line (dist-cli/,
// scripts/build-cli.js) the compiled entry beside this chunk runs as plain JavaScript.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainerChild, TrainerSpawner } from './trainer-host';

const require = createRequire(import.meta.url);
const fromSource = import.meta.url.endsWith('.ts');
export const TRAINER_ENTRY = fileURLToPath(new URL(fromSource ? './trainer-process.ts' : './trainer-process.mjs', import.meta.url));

export function nodeTrainerSpawner(env: NodeJS.ProcessEnv = process.env): TrainerSpawner {
  const execArgv = fromSource ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  return (): TrainerChild => {
    const child = fork(TRAINER_ENTRY, [], {
      execArgv,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child.on('error', (err) => console.error(`licklab: backend process error: ${err.message}`));
    return {
      get pid() {
        return child.pid;
      },
      send: (msg) => {
        // With a callback a closed channel is reported here instead of as an 'error' event that
        // would crash the host; the exit handler then rejects the request.
        child.send(msg, (err) => {
          if (err) console.error(`licklab: could not reach the backend process: ${err.message}`);
        });
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => {
        child.kill('SIGTERM');
      },
    };
  };
}
