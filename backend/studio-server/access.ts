// Who may use the browser studio: only pages served by this server, on this machine, that know
// the random per-run token. Checked for every HTTP request and WebSocket upgrade before anything runs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Cookies are shared across ports of one host, so the name carries the port. */
export function cookieName(port: number): string {
  return `licklab_studio_${port}`;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** 400 for a request we cannot even read (target or headers), 403 for one that is not ours. */
export type Access = { ok: true; viaQuery: boolean } | { ok: false; status: 400 | 403; reason: string };

/** The URL of a request target, or null when `new URL` rejects it (e.g. the raw target `//[`). */
export function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Host must be our loopback address (stops DNS rebinding), Origin (when sent) must be us, and
 *  the token must come in the query (?token=) or in the cookie the server set with it. */
export function checkAccess(req: Pick<IncomingMessage, 'headers' | 'url'>, token: string, port: number): Access {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (typeof host !== 'string') return { ok: false, status: 400, reason: 'malformed Host header' };
  if (!allowedHosts.includes(host)) return { ok: false, status: 403, reason: `foreign Host header "${host.slice(0, 100)}"` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: `foreign Origin "${String(origin).slice(0, 100)}"` };
  }
  const target = parseTarget(req.url);
  if (!target) return { ok: false, status: 400, reason: 'malformed request target' };
  const query = target.searchParams.get('token');
  if (query !== null) return sameSecret(query, token) ? { ok: true, viaQuery: true } : { ok: false, status: 403, reason: 'wrong token' };
  const cookieHeader = req.headers.cookie;
  const cookie = typeof cookieHeader === 'string' ? cookieValue(cookieHeader, cookieName(port)) : undefined;
  if (cookie !== undefined && sameSecret(cookie, token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 403, reason: 'missing token' };
}
