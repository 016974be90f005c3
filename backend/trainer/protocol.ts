// Messages between the trainer host (main process / studio server) and the trainer process.
// They travel over the process message channel (Node IPC or Electron's parentPort) as plain objects.
import { isPlainObject } from '../../api/schema';

export type HostToTrainer = { kind: 'request'; id: number; channel: string; payload: unknown };

export type TrainerToHost =
  | { kind: 'ready'; pid: number }
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string }
  | { kind: 'event'; event: string; payload: unknown };

export function parseHostMessage(msg: unknown): HostToTrainer | string {
  if (!isPlainObject(msg) || msg.kind !== 'request') return 'expected a {kind: "request"} message';
  if (typeof msg.id !== 'number' || !Number.isInteger(msg.id)) return 'the request has no whole-number id';
  if (typeof msg.channel !== 'string') return 'the request has no channel name';
  return { kind: 'request', id: msg.id, channel: msg.channel, payload: msg.payload };
}

export function parseTrainerMessage(msg: unknown): TrainerToHost | string {
  if (!isPlainObject(msg)) return 'expected an object';
  if (msg.kind === 'ready' && typeof msg.pid === 'number') return { kind: 'ready', pid: msg.pid };
  if (msg.kind === 'event' && typeof msg.event === 'string') return { kind: 'event', event: msg.event, payload: msg.payload };
  if (msg.kind === 'response' && typeof msg.id === 'number') {
    if (msg.ok === true) return { kind: 'response', id: msg.id, ok: true, result: msg.result };
    return {
      kind: 'response',
      id: msg.id,
      ok: false,
      error: typeof msg.error === 'string' ? msg.error : 'unknown error in the trainer process',
    };
  }
  return `unexpected message kind ${JSON.stringify(msg.kind)}`;
}
