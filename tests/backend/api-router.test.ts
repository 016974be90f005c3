import { describe, expect, it, vi } from 'vitest';
import { createApiRouter } from '../../backend/api-router';
import { createMainHandlers } from '../../backend/main-handlers';
import type { TrainerHost } from '../../backend/trainer/trainer-host';

function fakeTrainer(call: (channel: string, payload: unknown) => Promise<unknown>) {
  return { call: vi.fn(call), on: vi.fn(() => () => {}) } as unknown as TrainerHost & { call: ReturnType<typeof vi.fn> };
}

describe('api router', () => {
  it('answers main channels itself and forwards trainer channels', async () => {
    const trainer = fakeTrainer(async () => ({ name: 'cpu', version: '4.22.0' }));
    const router = createApiRouter({ trainer, mainHandlers: createMainHandlers({ version: '9.9.9' }), testMode: false });
    const about = await router.call('app:about', undefined);
    expect(about).toMatchObject({ ok: true, result: { name: 'LickLab', version: '9.9.9' } });
    expect(trainer.call).not.toHaveBeenCalled();
    expect(await router.call('backend:info', null)).toEqual({ ok: true, result: { name: 'cpu', version: '4.22.0' } });
    expect(trainer.call).toHaveBeenCalledWith('backend:info', null);
  });

  it('rejects unknown channels, bad payloads and test channels outside test mode without calling anything', async () => {
    const trainer = fakeTrainer(async () => 'should not run');
    const router = createApiRouter({ trainer, mainHandlers: createMainHandlers({ version: '1' }), testMode: false });
    expect(await router.call('rm -rf', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown channel "rm -rf"/) });
    expect(await router.call('backend:info', { evil: true })).toEqual({
      ok: false,
      error: 'the payload of "backend:info" takes no payload, got an object',
    });
    expect(await router.call('debug:crash', undefined)).toMatchObject({
      ok: false,
      error: expect.stringContaining('only available in test mode'),
    });
    expect(trainer.call).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an error reply', async () => {
    const trainer = fakeTrainer(async () => {
      throw new Error('the backend process stopped unexpectedly (signal SIGKILL)');
    });
    const router = createApiRouter({ trainer, mainHandlers: createMainHandlers({ version: '1' }), testMode: false });
    expect(await router.call('backend:info', undefined)).toEqual({
      ok: false,
      error: 'the backend process stopped unexpectedly (signal SIGKILL)',
    });
  });
});
