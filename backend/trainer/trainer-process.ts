// Entry point of the trainer process: runs TensorFlow.js away from the window and the server, and
// answers requests from its host over the process message channel. Works both as an Electron
// utility process (process.parentPort) and as a Node child_process.fork child (process.send).
import { channelDef, isTestMode } from '../../api/contract';
import { handlers, testHandlers, type Handler, type HandlerContext } from './handlers';
import { parseHostMessage, type TrainerToHost } from './protocol';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const testMode = isTestMode(process.env);
const table: Record<string, Handler<never>> = { ...handlers, ...(testMode ? testHandlers : {}) } as Record<string, Handler<never>>;

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const post: (msg: TrainerToHost) => void = parentPort
  ? (msg) => parentPort.postMessage(msg)
  : (msg) => {
      if (process.send) process.send(msg);
    };

if (!parentPort && !process.send) {
  console.error('trainer-process: no message channel to a host (start it through TrainerHost)');
  process.exit(2);
}

const ctx: HandlerContext = { emit: (event, payload) => post({ kind: 'event', event, payload }) };

async function onMessage(raw: unknown): Promise<void> {
  const msg = parseHostMessage(raw);
  if (typeof msg === 'string') {
    console.error(`trainer-process: ignoring a malformed message: ${msg}`);
    return;
  }
  const handler = table[msg.channel];
  const def = channelDef(msg.channel, testMode);
  if (!handler || !def || def.runsIn !== 'trainer') {
    post({ kind: 'response', id: msg.id, ok: false, error: `the trainer process has no handler for "${msg.channel}"` });
    return;
  }
  const problem = def.validate(msg.payload, `the payload of "${msg.channel}"`);
  if (problem) {
    post({ kind: 'response', id: msg.id, ok: false, error: problem });
    return;
  }
  try {
    const result = await handler(msg.payload as never, ctx);
    post({ kind: 'response', id: msg.id, ok: true, result });
  } catch (err) {
    post({ kind: 'response', id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort) parentPort.on('message', (e) => void onMessage(e.data));
else process.on('message', (m) => void onMessage(m));
// The host may die without telling us (e.g. SIGKILL): exit when the IPC channel closes.
process.on('disconnect', () => process.exit(0));

post({ kind: 'ready', pid: process.pid });
