// Electron security glue with a mocked `electron`: sender checks, navigation and new-window guards,
// permission denial, CSP header.
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => ({}));
const { denyPermissions, guardNavigation, installCsp, isTrustedSenderUrl } = await import('../../../electron/main/security');

const trusted = { appUrl: 'app://licklab/index.html' };

describe('isTrustedSenderUrl', () => {
  it('trusts only our own page on app://, never a file:// page', () => {
    expect(isTrustedSenderUrl('app://licklab/index.html', trusted)).toBe(true);
    expect(isTrustedSenderUrl('app://licklab/index.html#/about?x=1', trusted)).toBe(true);
    expect(isTrustedSenderUrl('app://licklab/other.html', trusted)).toBe(false);
    expect(isTrustedSenderUrl('app://evil/index.html', trusted)).toBe(false);
    expect(isTrustedSenderUrl('file:///opt/LickLab/resources/app/dist/renderer/index.html', trusted)).toBe(false);
    expect(isTrustedSenderUrl('file:///tmp/evil/index.html', trusted)).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/', trusted)).toBe(false);
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/', trusted)).toBe(false);
    expect(isTrustedSenderUrl('', trusted)).toBe(false);
    expect(isTrustedSenderUrl(undefined, trusted)).toBe(false);
    expect(isTrustedSenderUrl('not a url', trusted)).toBe(false);
  });

  it('trusts a dev server only by its exact origin', () => {
    const dev = { ...trusted, devUrl: 'http://localhost:5173/' };
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
  });
});

describe('guardNavigation', () => {
  function fakeContents() {
    const handlers: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: vi.fn((name: string, handler: (event: { preventDefault(): void }, url?: string) => void) => {
        handlers[name] = handler;
        return contents;
      }),
      setWindowOpenHandler: vi.fn((h: (details: { url: string }) => { action: string }) => (openHandler = h)),
    };
    return { contents: contents as unknown as WebContents, handlers, open: (url: string) => openHandler!({ url }) };
  }

  it('prevents navigation, redirects and webviews, and denies new windows', () => {
    const { contents, handlers, open } = fakeContents();
    const log = vi.fn();
    guardNavigation(contents, log);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      handlers[name](event, 'https://evil.example/');
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(open('https://evil.example/popup')).toEqual({ action: 'deny' });
    expect(log).toHaveBeenCalledWith('licklab: blocked navigation to https://evil.example/');
  });
});

describe('session hardening', () => {
  it('allows Web MIDI without SysEx and denies every other permission request and check', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h) => (request = h)),
      setPermissionCheckHandler: vi.fn((h) => (check = h)),
    } as unknown as Session;
    denyPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'midiSysex', 'clipboard-read']) {
      const cb = vi.fn();
      request!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'file://')).toBe(false);
    }
    const cb = vi.fn();
    request!({}, 'midi', cb);
    expect(cb).toHaveBeenCalledWith(true);
    expect(check!({}, 'midi', 'app://licklab')).toBe(true);
  });

  it('replaces any CSP header with ours', () => {
    let listener:
      | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)
      | undefined;
    const session = { webRequest: { onHeadersReceived: vi.fn((l) => (listener = l)) } } as unknown as Session;
    installCsp(session);
    const cb = vi.fn();
    listener!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, cb);
    const headers = cb.mock.calls[0][0].responseHeaders;
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('is the same policy as the meta tag of the page (the browser enforces both, so they must not drift apart)', async () => {
    const { readFileSync } = await import('node:fs');
    const { contentSecurityPolicy } = await import('../../../backend/csp');
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy());
  });
});
