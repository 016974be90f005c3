// A LicklabApi double for component tests: answers from a table, lets the test fire backend events.
import type { EventMap, EventName } from '../../api/contract';
import type { LicklabApi } from '../../renderer/lib/api';

export function fakeApi(answers: Record<string, (payload?: any) => Promise<unknown>>) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: string[] = [];
  const sent: { channel: string; payload: unknown }[] = [];
  const api: LicklabApi = {
    transport: 'websocket',
    request: ((channel: string, payload?: unknown) => {
      calls.push(channel);
      sent.push({ channel, payload });
      const answer = answers[channel];
      return answer ? answer(payload) : Promise.reject(new Error(`no answer for ${channel}`));
    }) as LicklabApi['request'],
    on: ((event: string, listener: (p: unknown) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    }) as LicklabApi['on'],
  };
  return {
    api,
    calls,
    /** The payloads sent on one channel, in order. */
    sent: (channel: string) => sent.filter((x) => x.channel === channel).map((x) => x.payload),
    fire<E extends EventName>(event: E, payload: EventMap[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
  };
}
