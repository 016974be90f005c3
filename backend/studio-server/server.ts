// The browser studio: serves the built renderer on 127.0.0.1 and the same contract as Electron's IPC
// over a WebSocket (/api). Every HTTP request and upgrade needs the per-run token and our own
// Origin/Host, else 403 and nothing runs. Messages: {id, channel, payload} -> {id, ok, result|error};
// events are pushed as {event, payload}. Nothing a client sends can throw out of the server: a
// request it cannot read gets 400, a handler that fails gets 500, and both are logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiRouter } from '../api-router';
import { EVENTS, type EventName, type Reply } from '../../api/contract';
import { contentSecurityPolicy } from '../csp';
import { isPlainObject } from '../../api/schema';
import { checkAccess, cookieName, newToken, parseTarget } from './access';
import { readStatic } from './static-files';

export interface StudioServerOptions {
  router: ApiRouter;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** Where refused and failed requests are logged (default: stderr). */
  log?: (line: string) => void;
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

function refuse(res: ServerResponse, status: 400 | 403, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  if (status === 400) res.end(`400 Bad Request: ${reason}\n`);
  else res.end(`403 Forbidden: ${reason}. Open the URL that \`licklab studio\` printed (it carries the token).\n`);
}

const STATUS_TEXT = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' } as const;

/** A raw HTTP answer on a socket we have not handed to the HTTP or WebSocket machinery. */
function answerSocket(socket: Duplex, status: keyof typeof STATUS_TEXT, reason: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${status} ${STATUS_TEXT[status]}: ${reason}\n`,
  );
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
  const log = opts.log ?? ((line: string) => process.stderr.write(`studio: ${line}\n`));
  let port = opts.port;

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    serveHttp(req, res).catch((err: unknown) => {
      log(`${req.method} ${String(req.url).slice(0, 100)} failed: ${errorText(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('500 Internal Server Error\n');
      else res.destroy();
    });
  });
  // Requests Node's parser rejects (bad headers, bad request line): answered 400, never thrown.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    log(`unreadable request: ${err.code ?? errorText(err)}`);
    if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else answerSocket(socket, 400, 'unreadable request');
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const access = checkAccess(req, token, port);
    if (!access.ok) {
      if (access.status === 400) log(`400 ${access.reason}: ${String(req.url).slice(0, 100)}`);
      return refuse(res, access.status, access.reason);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStatic(root, parseTarget(req.url)!.pathname);
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
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  wss.on('error', (err) => log(`WebSocket server error: ${errorText(err)}`));

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => log(`WebSocket upgrade socket: ${errorText(err)}`));
    try {
      const access = checkAccess(req, token, port);
      if (!access.ok) {
        if (access.status === 400) log(`400 ${access.reason} (upgrade): ${String(req.url).slice(0, 100)}`);
        return answerSocket(socket, access.status, access.reason);
      }
      if (parseTarget(req.url)!.pathname !== '/api') return answerSocket(socket, 403, 'unknown WebSocket path');
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        const inFlight = { count: 0 };
        ws.on('close', () => clients.delete(ws));
        // A bad frame (e.g. invalid UTF-8, a reserved opcode, over maxPayload) closes that connection only.
        ws.on('error', (err) => {
          log(`WebSocket connection closed on a bad frame: ${errorText(err)}`);
          clients.delete(ws);
        });
        ws.on('message', (data, isBinary) => {
          onMessage(ws, isBinary ? null : data.toString(), inFlight).catch((err: unknown) =>
            log(`WebSocket message failed: ${errorText(err)}`),
          );
        });
      });
    } catch (err) {
      log(`WebSocket upgrade failed: ${errorText(err)}`);
      answerSocket(socket, 500, 'the upgrade failed');
    }
  });

  async function onMessage(ws: WebSocket, text: string | null, inFlight: { count: number }): Promise<void> {
    const msg = text === null ? 'malformed message: binary frames are not accepted' : parseClientMessage(text);
    if (typeof msg === 'string') {
      ws.send(JSON.stringify({ id: null, ok: false, error: msg }));
      return;
    }
    if (inFlight.count >= MAX_IN_FLIGHT) {
      ws.send(
        JSON.stringify({
          id: msg.id,
          ok: false,
          error: `too many requests at once (${MAX_IN_FLIGHT} are still running); "${msg.channel.slice(0, 40)}" was not run`,
        }),
      );
      return;
    }
    inFlight.count++;
    let reply: Reply;
    try {
      reply = await opts.router.call(msg.channel, msg.payload);
    } catch (err) {
      // The router answers its own errors; this is a bug in it, still answered and logged.
      log(`"${msg.channel.slice(0, 40)}" failed: ${errorText(err)}`);
      reply = { ok: false, error: `internal error in "${msg.channel.slice(0, 40)}": ${errorText(err)}` };
    } finally {
      inFlight.count--;
    }
    if (ws.readyState !== ws.OPEN) return;
    let answer: string;
    try {
      answer = JSON.stringify({ id: msg.id, ...reply });
    } catch (err) {
      answer = JSON.stringify({
        id: msg.id,
        ok: false,
        error: `the reply of "${msg.channel.slice(0, 40)}" could not be sent: ${errorText(err)}`,
      });
    }
    ws.send(answer);
  }

  const unsubscribe = (Object.keys(EVENTS) as EventName[]).map((event) =>
    opts.router.on(event, (payload) => {
      let text: string;
      try {
        text = JSON.stringify({ event, payload });
      } catch (err) {
        return log(`event ${event} not sent: ${errorText(err)}`);
      }
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
