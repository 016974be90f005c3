// Starts the trainer as an Electron utility process (a Node process managed by Electron).
import { utilityProcess } from 'electron';
import type { TrainerChild, TrainerSpawner } from '../../backend/trainer/trainer-host';

export function utilityTrainerSpawner(modulePath: string, env: NodeJS.ProcessEnv = process.env): TrainerSpawner {
  return (): TrainerChild => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'LickLab trainer', stdio: 'inherit', env });
    return {
      get pid() {
        return child.pid;
      },
      send: (msg) => child.postMessage(msg),
      onMessage: (listener) => child.on('message', listener),
      // A utility process reports only an exit code; a crash shows as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener(code, null)),
      kill: () => {
        child.kill();
      },
    };
  };
}
