// The page is served from a privileged custom scheme, app://licklab/, not file://: a file:// page
// may read any file:// URL the renderer names, and every file:// page shares one origin. app://
// serves only dist/renderer (the same read-only, inside-the-folder rules as the browser studio's
// static server), with our CSP on every response; the scheme is standard and secure so the page
// gets a real origin, fetch of its own assets and a secure context (audio worklets).
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../../backend/csp';
import { readStatic } from '../../backend/studio-server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'licklab';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Before app 'ready': only schemes registered then get these privileges. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** The URL path a request may read, or null: our host only, no encoded slashes or NULs (traversal
 *  such as `/../` and `%2e%2e/` is then refused by readStatic, which stays inside the folder). */
export function appRequestPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (/%2f|%5c|%00/i.test(parsed.pathname) || parsed.pathname.includes('\\')) return null;
  return parsed.pathname;
}

function plain(status: number, text: string): Response {
  return new Response(`${status} ${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Answers app:// requests with files of `rendererDir` (after app 'ready'). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const urlPath = appRequestPath(request.url);
    if (urlPath === null) return plain(404, 'Not Found');
    const file = await readStatic(rendererDir, urlPath);
    if (!file) return plain(404, 'Not Found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { 'content-type': file.type, 'content-security-policy': contentSecurityPolicy(), 'x-content-type-options': 'nosniff' },
    });
  });
}
