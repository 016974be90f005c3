// The foundation's fake API (tests/renderer/fake-api.ts) with answers that see the payload, and a
// record of every request, for the dashboard's component tests.
import { fakeApi } from '../fake-api';
import type { LicklabApi } from '../../../renderer/lib/api';

export function trainingApi(answers: Record<string, (payload: any) => unknown>) {
  const fake = fakeApi({});
  const requests: { channel: string; payload: any }[] = [];
  fake.api.request = ((channel: string, payload?: unknown) => {
    requests.push({ channel, payload });
    const answer = answers[channel];
    if (!answer) return Promise.reject(new Error(`no answer for ${channel}`));
    try {
      return Promise.resolve(answer(payload));
    } catch (err) {
      return Promise.reject(err);
    }
  }) as LicklabApi['request'];
  return { ...fake, requests, sent: (channel: string) => requests.filter((r) => r.channel === channel).map((r) => r.payload) };
}
