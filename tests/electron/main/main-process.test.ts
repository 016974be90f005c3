// The Electron main process and preload, loaded against a mocked `electron`: the window is locked
// down, CSP and permission handlers are installed, every channel is handled, the trainer runs in a
// utility process, and the preload exposes only request/on limited to the contract.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../api/contract';

const state = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, any>; url?: string; contents: any }>,
  handles: new Map<string, (...args: unknown[]) => unknown>(),
  forks: [] as Array<{ modulePath: string; env?: Record<string, string | undefined> }>,
  exposed: {} as Record<string, any>,
  invoke: [] as unknown[][],
  sessionCalls: [] as string[],
  sent: [] as unknown[][],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows.map((w) => ({ webContents: w.contents }));
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), isDestroyed: () => false, send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      state.windows.push({ options, contents: this.webContents });
    }
    once() {}
    loadURL(url: string) {
      state.windows[state.windows.length - 1].url = url;
      return Promise.resolve();
    }
  }
  const session = {
    setPermissionRequestHandler: () => state.sessionCalls.push('permission-request'),
    setPermissionCheckHandler: () => state.sessionCalls.push('permission-check'),
    webRequest: { onHeadersReceived: () => state.sessionCalls.push('csp') },
  };
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.1.0',
      getPath: (name: string) => `/users/me/.config/LickLab-${name}`,
      enableSandbox: vi.fn(),
      on: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, h: (...args: unknown[]) => unknown) => state.handles.set(channel, h) },
    session: { defaultSession: session },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, h),
    },
    utilityProcess: {
      fork: (modulePath: string, _args: string[], opts: { env?: Record<string, string | undefined> }) => {
        state.forks.push({ modulePath, env: opts.env });
        const child = Object.assign(new EventEmitter(), { pid: 4242, postMessage: vi.fn(), kill: vi.fn() });
        setImmediate(() => child.emit('message', { kind: 'ready', pid: 4242 }));
        return child;
      },
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (state.exposed[key] = api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.invoke.push(args);
        return Promise.resolve({ ok: true, result: 'from main' });
      },
      on: vi.fn(),
      removeListener: vi.fn(),
      send: (...args: unknown[]) => state.sent.push(args),
    },
  };
});

describe('electron main process', () => {
  it('opens one locked-down window on our page, with CSP, permission denial and all channels', async () => {
    await import('../../../electron/main/main');
    await new Promise((r) => setTimeout(r, 20));
    expect(state.windows).toHaveLength(1);
    const { options, url, contents } = state.windows[0];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options.webPreferences.preload).toMatch(/preload\.cjs$/);
    // The page comes from the privileged app:// scheme, served from dist/renderer, not file://.
    expect(url).toBe('app://licklab/index.html');
    expect(state.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c: unknown[]) => c[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'did-fail-load']),
    );
    expect(state.sessionCalls).toEqual(expect.arrayContaining(['csp', 'permission-request', 'permission-check']));
    expect([...state.handles.keys()]).toEqual(channelNames(false));
    expect(state.forks[0].modulePath).toMatch(/trainer\.cjs$/);
    // the trainer keeps the user's takes, corpora and models in Electron's per-user folder
    expect(state.forks[0].env?.LICKLAB_DATA_DIR).toBe(process.env.LICKLAB_DATA_DIR ?? '/users/me/.config/LickLab-userData');

    // A call from our page reaches the trainer (utility process); one from elsewhere does not.
    const ours = { senderFrame: { url } };
    const reply = await state.handles.get('app:about')!(ours, undefined);
    expect(reply).toMatchObject({ ok: true, result: { name: 'LickLab', version: '0.1.0' } });
    const foreign = await state.handles.get('backend:info')!({ senderFrame: { url: 'https://evil.example/' } }, undefined);
    expect(foreign).toMatchObject({ ok: false });
  });
});

describe('preload', () => {
  it('exposes only request, on and the drag messages, limited to contract names and take ids', async () => {
    await import('../../../electron/preload');
    const api = state.exposed.licklab;
    expect(Object.keys(api).sort()).toEqual(['dragOut', 'on', 'prepareDrag', 'request']);
    api.dragOut('abc-123');
    api.dragOut({ file: '/etc/passwd' });
    api.prepareDrag('abc-123');
    api.prepareDrag(['/etc/passwd']);
    expect(state.sent).toEqual([
      ['licklab:drag-out', 'abc-123'],
      ['licklab:drag-prepare', 'abc-123'],
    ]);
    expect(await api.request('backend:info')).toEqual({ ok: true, result: 'from main' });
    expect(state.invoke).toEqual([['backend:info', undefined]]);
    expect(await api.request('shell:exec', 'rm -rf /')).toEqual({ ok: false, error: 'unknown channel "shell:exec"' });
    expect(state.invoke).toHaveLength(1);
    expect(() => api.on('ipc:anything', () => {})).toThrow('unknown event "ipc:anything"');
    const off = api.on('backend:down', () => {});
    expect(typeof off).toBe('function');
  });
});
