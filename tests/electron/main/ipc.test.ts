// IPC handlers with a mocked `electron`: every contract channel is registered, each call checks its
// sender first and its payload second, and nothing runs when either is wrong.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));
const { ipcMain } = await import('electron');
const { forwardEvents, registerIpcHandlers } = await import('../../../electron/main/ipc');
const { createApiRouter } = await import('../../../backend/api-router');
const { createMainHandlers } = await import('../../../backend/main-handlers');
const { isTrustedSenderUrl } = await import('../../../electron/main/security');

const APP = 'app://licklab/index.html';

function setup(testMode = false) {
  const listeners: Record<string, (p: unknown) => void> = {};
  const trainer = {
    call: vi.fn(async () => ({ name: 'wasm', version: '4.22.0' })),
    on: vi.fn((event: string, l: (p: unknown) => void) => {
      listeners[event] = l;
      return () => {};
    }),
  };
  const router = createApiRouter({ trainer: trainer as never, mainHandlers: createMainHandlers({ version: '0.1.0' }), testMode });
  const handlers = new Map<string, (event: Partial<IpcMainInvokeEvent>, payload?: unknown) => Promise<unknown>>();
  vi.mocked(ipcMain.handle).mockImplementation((channel, handler) => void handlers.set(channel, handler as never));
  const names = registerIpcHandlers(ipcMain, router, (url) => isTrustedSenderUrl(url, { appUrl: APP }));
  const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
  return { trainer, handlers, names, from, listeners, router };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels (test channels only in test mode)', async () => {
    const { channelNames } = await import('../../../api/contract');
    expect(setup().names).toEqual(channelNames(false));
    expect(setup().names.slice(0, 2)).toEqual(['app:about', 'backend:info']);
    expect([...setup(true).handlers.keys()]).toEqual(channelNames(true));
    expect(channelNames(true).slice(-2)).toEqual(['debug:crash', 'debug:wait']);
  });

  it('answers our own page', async () => {
    const { handlers, from, trainer } = setup();
    expect(await handlers.get('backend:info')!(from(APP))).toEqual({ ok: true, result: { name: 'wasm', version: '4.22.0' } });
    expect(trainer.call).toHaveBeenCalledTimes(1);
    expect(await handlers.get('app:about')!(from(APP))).toMatchObject({ ok: true, result: { version: '0.1.0' } });
  });

  it('refuses a foreign sender before anything runs', async () => {
    const { handlers, trainer } = setup();
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      const reply = await handlers.get('backend:info')!(event as never);
      expect(reply).toMatchObject({
        ok: false,
        error: expect.stringContaining(`refused "backend:info": the request did not come from LickLab's own page`),
      });
    }
    expect(trainer.call).not.toHaveBeenCalled();
  });

  it('rejects a bad payload with a clear error and runs nothing', async () => {
    const { handlers, from, trainer } = setup(true);
    expect(await handlers.get('debug:wait')!(from(APP), { ms: 'later' })).toEqual({
      ok: false,
      error: 'the payload of "debug:wait".ms must be a finite number, got string "later"',
    });
    expect(await handlers.get('backend:info')!(from(APP), [1, 2])).toEqual({
      ok: false,
      error: 'the payload of "backend:info" takes no payload, got an array',
    });
    expect(trainer.call).not.toHaveBeenCalled();
  });

  it('forwards backend events to live windows only', () => {
    const { router, listeners } = setup();
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    forwardEvents(router, () => [live, dead] as unknown as WebContents[]);
    const down = { message: 'the backend process stopped unexpectedly (exit code 1)', exitCode: 1, signal: null, restarting: true };
    listeners['backend:down'](down);
    expect(live.send).toHaveBeenCalledWith('backend:down', down);
    expect(dead.send).not.toHaveBeenCalled();
  });
});
