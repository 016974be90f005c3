// Electron security glue, kept in small functions so tests can drive them with a mocked `electron`.
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../backend/csp';

export interface TrustedOrigins {
  /** URL of our page on the app:// scheme (app-protocol.ts): app://licklab/index.html. */
  appUrl: string;
  /** The Vite dev server URL, when running against one (only its origin is trusted). */
  devUrl?: string;
}

/** Is this the URL of LickLab's own page? (query and hash ignored; nothing else passes, file:// never) */
export function isTrustedSenderUrl(url: string | undefined, trusted: TrustedOrigins): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const app = new URL(trusted.appUrl);
  if (parsed.protocol === app.protocol) return parsed.host === app.host && parsed.pathname === app.pathname;
  if (trusted.devUrl) {
    const dev = new URL(trusted.devUrl);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin;
  }
  return false;
}

/** The window never navigates, opens new windows or embeds webviews. */
export function guardNavigation(contents: WebContents, log: (msg: string) => void = console.warn): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`licklab: blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`licklab: blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('licklab: blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`licklab: blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** The one permission LickLab asks for: Web MIDI without SysEx, to hear a MIDI keyboard (record a
 *  phrase, trade bars). SysEx ('midiSysex'), camera, microphone, notifications, geolocation…: denied. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['midi'];

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.includes(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.includes(permission));
}

/** Sends our CSP with every response (the page also carries it as a meta tag). */
export function installCsp(session: Session): void {
  const csp = contentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
