// Nothing a client sends takes the browser studio down: malformed request targets (`//[`), bad
// headers, bad WebSocket frames and JSON, and a failing handler are answered (400/500) and logged,
// and the server keeps answering the next request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiRouter } from '../../../backend/api-router';
import { startStudioServer, type StudioServer } from '../../../backend/studio-server/server';

let dir: string;
let server: StudioServer;
const logged: string[] = [];
const router = {
  testMode: false,
  call: vi.fn(async (channel: unknown) => {
    if (channel === 'debug:throw') throw new Error('handler bug');
    if (channel === 'debug:cycle') {
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      return { ok: true as const, result: loop };
    }
    return { ok: true as const, result: { name: 'wasm' } };
  }),
  on: vi.fn(() => () => {}),
} as unknown as ApiRouter;

/** Writes raw bytes to the port and returns everything the server sends back before closing. */
function raw(text: string | Buffer, waitMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(server.port, '127.0.0.1');
    let got = '';
    const done = () => resolve(got);
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(text);
    setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
  });
}

const host = () => `127.0.0.1:${server.port}`;

async function stillServes(): Promise<void> {
  const res = await fetch(`http://${host()}/?token=${server.token}`);
  expect(res.status).toBe(200);
}

function openApi(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host()}/api?token=${server.token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const next = (ws: WebSocket) => new Promise<any>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'licklab-studio-robust-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>LickLab</title>');
  server = await startStudioServer({ router, rendererDir: dir, port: 0, log: (l) => logged.push(l) });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('studio server under malformed requests', () => {
  it('answers a request target that new URL rejects with 400 and logs it', async () => {
    const reply = await raw(`GET //[ HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(reply).toContain('malformed request target');
    expect(logged.some((l) => l.includes('malformed request target'))).toBe(true);
    await stillServes();
  });

  it('answers the same target on the WebSocket upgrade path with 400', async () => {
    const upgrade = [
      `GET //[ HTTP/1.1`,
      `Host: ${host()}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n');
    expect(await raw(upgrade)).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
  });

  it('answers unreadable headers and request lines with 400', async () => {
    expect(await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nBad Header Without Colon\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nX-Bad: a\x00b\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('\x16\x03\x01\x02\x00 not http at all\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: ${host()}\r\n${'X-Long: ' + 'b'.repeat(20000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 4(00|31)/,
    );
    expect(logged.some((l) => l.startsWith('unreadable request'))).toBe(true);
    await stillServes();
  });

  it('refuses a WebSocket upgrade with a broken key or version without falling over', async () => {
    const bad = [
      `GET /api?token=${server.token} HTTP/1.1`,
      `Host: ${host()}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 99',
      'Sec-WebSocket-Key: x',
      '',
      '',
    ].join('\r\n');
    expect(await raw(bad)).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
  });

  it('closes only the connection that sends a bad frame', async () => {
    const victim = await openApi();
    const closed = new Promise<number>((resolve) => victim.once('close', (code) => resolve(code)));
    victim.on('error', () => {});
    // A text frame whose payload is not UTF-8, then a frame with a reserved opcode, sent raw.
    const sock = (victim as unknown as { _socket: import('node:net').Socket })._socket;
    sock.write(Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe]));
    sock.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]));
    expect([1002, 1006, 1007]).toContain(await closed);
    expect(logged.some((l) => l.includes('bad frame'))).toBe(true);
    const ws = await openApi();
    const reply = next(ws);
    ws.send(JSON.stringify({ id: 1, channel: 'backend:info' }));
    expect(await reply).toMatchObject({ id: 1, ok: true });
    ws.close();
    await stillServes();
  });

  it('answers bad JSON, a throwing handler and an unsendable reply, and keeps the connection', async () => {
    const ws = await openApi();
    let reply = next(ws);
    ws.send('{"id": 1, "channel": ');
    expect(await reply).toMatchObject({ id: null, ok: false, error: expect.stringContaining('not valid JSON') });
    reply = next(ws);
    ws.send(JSON.stringify({ id: 2, channel: 'debug:throw' }));
    expect(await reply).toMatchObject({ id: 2, ok: false, error: expect.stringContaining('handler bug') });
    reply = next(ws);
    ws.send(JSON.stringify({ id: 3, channel: 'debug:cycle' }));
    expect(await reply).toMatchObject({ id: 3, ok: false, error: expect.stringContaining('could not be sent') });
    reply = next(ws);
    ws.send(JSON.stringify({ id: 4, channel: 'backend:info' }));
    expect(await reply).toMatchObject({ id: 4, ok: true });
    expect(logged.some((l) => l.includes('handler bug'))).toBe(true);
    ws.close();
  });
});
