// One entry point for every request from a window (Electron IPC) or a browser (studio WebSocket):
// check the channel and payload against the contract, then answer in-process or in the trainer.
// It never throws: the answer is a Reply, errors as clear text.
import { channelDef, checkRequest, type EventMap, type EventName, type Reply } from '../api/contract';
import type { MainHandlers } from './main-handlers';
import type { TrainerHost } from './trainer/trainer-host';

export interface ApiRouter {
  readonly testMode: boolean;
  call(channel: unknown, payload: unknown): Promise<Reply>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createApiRouter(opts: { trainer: TrainerHost; mainHandlers: MainHandlers; testMode: boolean }): ApiRouter {
  const { trainer, mainHandlers, testMode } = opts;
  return {
    testMode,
    async call(channel, payload) {
      const problem = checkRequest(channel, payload, testMode);
      if (problem) return { ok: false, error: problem };
      const name = channel as string;
      try {
        const result =
          channelDef(name, testMode)!.runsIn === 'main'
            ? await (mainHandlers as Record<string, (p: unknown) => unknown>)[name](payload)
            : await trainer.call(name, payload);
        return { ok: true, result };
      } catch (err) {
        return { ok: false, error: errorText(err) };
      }
    },
    on: (event, listener) => trainer.on(event, listener),
  };
}
