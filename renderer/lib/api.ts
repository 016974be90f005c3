// The renderer's one client API, typed by api/contract.ts. Inside Electron it talks to the
// preload's `window.licklab`; in the browser studio it talks to the server over a WebSocket.
// Components receive a LicklabApi and never know which one they got.
import type { BackendDown, ChannelName, EventMap, EventName, LicklabBridge, PayloadArgs, Reply, ResultOf } from '../../api/contract';

export interface LicklabApi {
  readonly transport: 'electron' | 'websocket';
  request<C extends ChannelName>(channel: C, ...payload: PayloadArgs<C>): Promise<ResultOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** Wraps a bridge (preload or WebSocket) into the typed API; failed replies become Errors. */
export function createApi(bridge: LicklabBridge, transport: LicklabApi['transport']): LicklabApi {
  return {
    transport,
    async request(channel, ...payload) {
      const reply = await bridge.request(channel, payload[0]);
      if (!reply.ok) throw new Error(reply.error);
      return reply.result as never;
    },
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}

type Listener = (payload: unknown) => void;

/** A LicklabBridge over the studio server's WebSocket. Requests wait for the connection; if the
 *  connection drops, pending requests fail and a `backend:down` event tells the UI why. */
export function webSocketBridge(url: string, WebSocketImpl: typeof WebSocket = WebSocket): LicklabBridge {
  const listeners = new Map<string, Set<Listener>>();
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  const socket = new WebSocketImpl(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('could not connect to the LickLab studio server')));
  });
  opened.catch(() => {});

  function emit(event: string, payload: unknown) {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  socket.addEventListener('message', (e: MessageEvent) => {
    let msg: { id?: unknown; ok?: boolean; result?: unknown; error?: string; event?: string; payload?: unknown };
    try {
      msg = JSON.parse(String(e.data));
    } catch {
      return;
    }
    if (typeof msg.event === 'string') return emit(msg.event, msg.payload);
    if (typeof msg.id === 'number' && pending.has(msg.id)) {
      const resolve = pending.get(msg.id)!;
      pending.delete(msg.id);
      resolve(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error ?? 'unknown error' });
    } else if (msg.ok === false) {
      console.error(`LickLab studio server: ${msg.error}`);
    }
  });

  socket.addEventListener('close', () => {
    const message =
      'lost the connection to the LickLab studio server (is `licklab studio` still running? reload the page after restarting it)';
    for (const resolve of pending.values()) resolve({ ok: false, error: message });
    pending.clear();
    const down: BackendDown = { message, exitCode: null, signal: null, restarting: false };
    emit('backend:down', down);
  });

  return {
    async request(channel, payload) {
      try {
        await opened;
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
      if (socket.readyState !== WebSocketImpl.OPEN) return { ok: false, error: 'the connection to the LickLab studio server is closed' };
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** The studio's WebSocket address for a page at `location` (the token comes from ?token=). */
export function studioSocketUrl(location: Pick<Location, 'host' | 'search' | 'protocol'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}

let api: LicklabApi | null = null;

/** The API for this page: Electron's preload bridge when present, else the studio WebSocket. */
export function getApi(): LicklabApi {
  if (api) return api;
  const preload = (window as unknown as { licklab?: LicklabBridge }).licklab;
  api = preload ? createApi(preload, 'electron') : createApi(webSocketBridge(studioSocketUrl(window.location)), 'websocket');
  return api;
}
