// The browser studio server: token, Origin and Host checks on HTTP and WebSocket (403, nothing
// runs), static files only from the renderer folder, malformed messages answered clearly.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiRouter } from '../../../backend/api-router';
import { MAX_IN_FLIGHT, startStudioServer, type StudioServer } from '../../../backend/studio-server/server';

let dir: string;
let server: StudioServer;
let emit: (event: string, payload: unknown) => void = () => {};
let release: () => void = () => {};
const held = new Promise<void>((resolve) => (release = resolve));
const router = {
  testMode: false,
  call: vi.fn(async (channel: unknown) => {
    if (channel === 'debug:wait') await held;
    return channel === 'backend:info' || channel === 'debug:wait'
      ? { ok: true as const, result: { name: 'wasm', version: '4.22.0' } }
      : { ok: false as const, error: `unknown channel "${String(channel)}"` };
  }),
  on: vi.fn((event: string, listener: (p: unknown) => void) => {
    const previous = emit;
    emit = (e, p) => (e === event ? listener(p) : previous(e, p));
    return () => {};
  }),
} as unknown as ApiRouter & { call: ReturnType<typeof vi.fn> };

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'licklab-studio-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>LickLab</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tmpdir(), 'licklab-secret.txt'), 'secret');
  server = await startStudioServer({ router, rendererDir: dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('studio server over HTTP', () => {
  it('prints a loopback URL with the token and listens on a real port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses requests without the right token', async () => {
    const none = await get('/');
    expect(none.status).toBe(403);
    expect(none.body).toContain('missing token');
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get(`/?token=${server.token}x`)).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
  });

  it('refuses a foreign Origin or Host even with the token', async () => {
    const origin = await get(`/?token=${server.token}`, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect(origin.body).toContain('foreign Origin');
    const host = await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect(host.status).toBe(403);
    expect(host.body).toContain('foreign Host');
  });

  it('serves the page with the token, then its assets with the cookie it set', async () => {
    const page = await get(`/?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>LickLab</title>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const cookie = String((page.headers['set-cookie'] as string[])[0]).split(';')[0];
    expect(page.headers['set-cookie']).toEqual([expect.stringContaining('HttpOnly; SameSite=Strict')]);
    const asset = await get('/assets/app.js', { cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await get('/assets/missing.js', { cookie })).status).toBe(404);
    expect((await get('/../licklab-secret.txt', { cookie })).status).toBe(404);
    expect((await get('/%2e%2e/licklab-secret.txt', { cookie })).status).toBe(404);
    expect((await get('/assets/app.js', { cookie: 'licklab_studio_1=' + server.token })).status).toBe(403);
  });
});

describe('studio server over WebSocket', () => {
  it('refuses upgrades without the token or from a foreign Origin, and runs nothing', async () => {
    router.call.mockClear();
    await expect(connect('')).rejects.toThrow('HTTP 403');
    await expect(connect('?token=nope')).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${server.token}`, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${server.token}`, `http://127.0.0.1:${server.port + 1}`)).rejects.toThrow('HTTP 403');
    expect(router.call).not.toHaveBeenCalled();
  });

  it('answers malformed messages with a clear error and keeps serving', async () => {
    const ws = await connect(`?token=${server.token}`, `http://127.0.0.1:${server.port}`);
    const cases: Array<[string, string]> = [
      ['not json', 'malformed message: not valid JSON'],
      ['[1,2]', 'malformed message: expected an object {id, channel, payload}'],
      ['{"channel":"backend:info"}', 'malformed message: "id" must be a string or a number'],
      ['{"id":1}', 'malformed message: "channel" must be a string'],
    ];
    for (const [text, error] of cases) {
      const reply = nextMessage(ws);
      ws.send(text);
      expect(await reply).toEqual({ id: null, ok: false, error });
    }
    const binary = nextMessage(ws);
    ws.send(Buffer.from([1, 2, 3]));
    expect(await binary).toEqual({ id: null, ok: false, error: 'malformed message: binary frames are not accepted' });
    const good = nextMessage(ws);
    ws.send(JSON.stringify({ id: 7, channel: 'backend:info' }));
    expect(await good).toEqual({ id: 7, ok: true, result: { name: 'wasm', version: '4.22.0' } });
    const unknown = nextMessage(ws);
    ws.send(JSON.stringify({ id: 'x', channel: 'nope', payload: 1 }));
    expect(await unknown).toEqual({ id: 'x', ok: false, error: 'unknown channel "nope"' });
    ws.close();
    expect((await get(`/?token=${server.token}`)).status).toBe(200);
  });

  it('bounds the requests one page may have running; the rest are refused at once, then it serves again', async () => {
    const ws = await connect(`?token=${server.token}`);
    const replies: any[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    router.call.mockClear();
    for (let id = 1; id <= MAX_IN_FLIGHT + 5; id++) ws.send(JSON.stringify({ id, channel: 'debug:wait' }));
    await vi.waitFor(() => expect(replies).toHaveLength(5));
    expect(router.call).toHaveBeenCalledTimes(MAX_IN_FLIGHT);
    expect(replies.map((r) => r.id)).toEqual([33, 34, 35, 36, 37]);
    expect(replies[0]).toEqual({
      id: 33,
      ok: false,
      error: `too many requests at once (${MAX_IN_FLIGHT} are still running); "debug:wait" was not run`,
    });
    release();
    await vi.waitFor(() => expect(replies).toHaveLength(MAX_IN_FLIGHT + 5));
    expect(replies.slice(5).every((r) => r.ok)).toBe(true);
    const after = nextMessage(ws);
    ws.send(JSON.stringify({ id: 99, channel: 'backend:info' }));
    expect(await after).toMatchObject({ id: 99, ok: true });
    ws.close();
  });

  it('closes a connection that sends a message over the size limit, and keeps serving others', async () => {
    const ws = await connect(`?token=${server.token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, channel: 'corpus:upload', payload: { files: [{ name: 'a.mid', data: 'A'.repeat(1024 * 1024) }] } }));
    expect(await closed).toBe(1009);
    const other = await connect(`?token=${server.token}`);
    const reply = nextMessage(other);
    other.send(JSON.stringify({ id: 2, channel: 'backend:info' }));
    expect(await reply).toMatchObject({ id: 2, ok: true });
    other.close();
  });

  it('pushes backend events to connected pages', async () => {
    const ws = await connect(`?token=${server.token}`);
    const message = nextMessage(ws);
    emit('backend:down', {
      message: 'the backend process stopped unexpectedly (signal SIGKILL)',
      exitCode: null,
      signal: 'SIGKILL',
      restarting: true,
    });
    expect(await message).toEqual({ event: 'backend:down', payload: expect.objectContaining({ signal: 'SIGKILL' }) });
    ws.close();
  });
});
