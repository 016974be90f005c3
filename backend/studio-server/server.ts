// The browser studio: serves the built renderer on 127.0.0.1 and the same contract as Electron's IPC
// over a WebSocket (/api). Every HTTP request and upgrade needs the per-run token and our own
// Origin/Host, else 403 and nothing runs. Messages: {id, channel, payload} -> {id, ok, result|error};
// events are pushed as {event, payload}.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiRouter } from '../api-router';
import { EVENTS, type EventName, type Reply } from '../../api/contract';
import { contentSecurityPolicy } from '../csp';
import { isPlainObject } from '../../api/schema';
import { checkAccess, cookieName, newToken } from './access';
import { readStatic } from './static-files';

export interface StudioServerOptions {
  router: ApiRouter;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
}

export interface StudioServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Requests one page may have waiting at once; more get an error at once instead of piling up work. */
export const MAX_IN_FLIGHT = 32;

function forbid(res: ServerResponse, reason: string): void {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`403 Forbidden: ${reason}. Open the URL that \`licklab studio\` printed (it carries the token).\n`);
}

/** Parses one client message; returns an error text for anything malformed. */
export function parseClientMessage(data: string): { id: string | number; channel: string; payload: unknown } | string {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return 'malformed message: not valid JSON';
  }
  if (!isPlainObject(msg)) return 'malformed message: expected an object {id, channel, payload}';
  if (typeof msg.id !== 'string' && typeof msg.id !== 'number') return 'malformed message: "id" must be a string or a number';
  if (typeof msg.channel !== 'string') return 'malformed message: "channel" must be a string';
  return { id: msg.id, channel: msg.channel, payload: msg.payload };
}

export async function startStudioServer(opts: StudioServerOptions): Promise<StudioServer> {
  const token = opts.token ?? newToken();
  const root = path.resolve(opts.rendererDir);
  let port = opts.port;

  const http = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const access = checkAccess(req, token, port);
    if (!access.ok) return forbid(res, access.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStatic(root, new URL(req.url ?? '/', 'http://x').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found\n');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    // The page's own assets and WebSocket come without ?token: remember it in a strict cookie.
    if (access.viaQuery) headers['set-cookie'] = `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const access = checkAccess(req, token, port);
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!access.ok || pathname !== '/api') {
      const reason = access.ok ? 'unknown WebSocket path' : access.reason;
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n403 Forbidden: ${reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      const inFlight = { count: 0 };
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, isBinary ? null : data.toString(), inFlight));
    });
  });

  async function onMessage(ws: WebSocket, text: string | null, inFlight: { count: number }): Promise<void> {
    const msg = text === null ? 'malformed message: binary frames are not accepted' : parseClientMessage(text);
    if (typeof msg === 'string') {
      ws.send(JSON.stringify({ id: null, ok: false, error: msg }));
      return;
    }
    if (inFlight.count >= MAX_IN_FLIGHT) {
      ws.send(JSON.stringify({ id: msg.id, ok: false, error: `too many requests at once (${MAX_IN_FLIGHT} are still running); "${msg.channel.slice(0, 40)}" was not run` }));
      return;
    }
    inFlight.count++;
    let reply: Reply;
    try {
      reply = await opts.router.call(msg.channel, msg.payload);
    } finally {
      inFlight.count--;
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, ...reply }));
  }

  const unsubscribe = (Object.keys(EVENTS) as EventName[]).map((event) =>
    opts.router.on(event, (payload) => {
      const text = JSON.stringify({ event, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe.forEach((off) => off());
      for (const ws of clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
