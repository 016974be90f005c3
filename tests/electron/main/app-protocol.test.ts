// The app:// scheme with a mocked `electron` protocol: registered as privileged (standard, secure,
// fetch), serving only files of the renderer folder with our CSP; traversal (../, %2e%2e, encoded
// slashes and backslashes), other hosts and other methods get 404/405.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { APP_URL, appRequestPath, handleAppProtocol, registerAppScheme } = await import('../../../electron/main/app-protocol');

const root = mkdtempSync(path.join(os.tmpdir(), 'licklab-app-protocol-'));
const rendererDir = path.join(root, 'dist', 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LickLab</title>');
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'dist', 'secret.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let handler: (req: Request) => Promise<Response>;
handleAppProtocol(
  { handle: (scheme: string, h: (req: Request) => Promise<Response>) => (expect(scheme).toBe('app'), (handler = h)) } as never,
  rendererDir,
);
const get = (url: string, method = 'GET') => handler({ url, method } as Request);

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme with fetch before ready', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s: unknown[]) => registered.push(...s) } as never);
    expect(registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
    ]);
    expect(APP_URL).toBe('app://licklab/index.html');
  });

  it('serves the page and its assets with their types and our CSP', async () => {
    const page = await get(APP_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('<title>LickLab</title>');
    const js = await get('app://licklab/assets/app.js?v=1');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://licklab/', 'HEAD')).status).toBe(200);
  });

  it('never serves anything outside the renderer folder, another host, or with another method', async () => {
    for (const url of [
      'app://licklab/../secret.txt',
      'app://licklab/%2e%2e/secret.txt',
      'app://licklab/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://licklab/..%5csecret.txt',
      'app://licklab/assets/..\\..\\secret.txt',
      'app://licklab/%00index.html',
      'app://other/index.html',
      'app://licklab/missing.js',
      'file:///etc/passwd',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
    expect((await get(APP_URL, 'POST')).status).toBe(405);
    expect(appRequestPath('not a url')).toBeNull();
  });
});
