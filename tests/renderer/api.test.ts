// The renderer's client API: typed replies, errors as Errors, and the WebSocket bridge.
import { describe, expect, it } from 'vitest';
import { createApi, studioSocketUrl, webSocketBridge } from '../../renderer/lib/api';

class FakeSocket extends EventTarget {
  static OPEN = 1;
  static last: FakeSocket;
  readyState = 0;
  sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  receive(msg: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }
  drop() {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

describe('renderer api', () => {
  it('builds the WebSocket URL from the page address and its token', () => {
    expect(studioSocketUrl({ host: '127.0.0.1:4178', search: '?token=a-b_c', protocol: 'http:' })).toBe(
      'ws://127.0.0.1:4178/api?token=a-b_c',
    );
  });

  it('sends requests after the socket opens, resolves replies and throws errors', async () => {
    const api = createApi(webSocketBridge('ws://x/api', FakeSocket as unknown as typeof WebSocket), 'websocket');
    const socket = FakeSocket.last;
    const info = api.request('backend:info');
    const about = api.request('app:about');
    socket.open();
    await new Promise((r) => setTimeout(r, 0));
    const sent = socket.sent.map((s) => JSON.parse(s));
    expect(sent).toEqual([
      { id: 1, channel: 'backend:info' },
      { id: 2, channel: 'app:about' },
    ]);
    socket.receive({ id: 2, ok: false, error: 'nope' });
    socket.receive({ id: 1, ok: true, result: { name: 'wasm', version: '4.22.0' } });
    await expect(info).resolves.toEqual({ name: 'wasm', version: '4.22.0' });
    await expect(about).rejects.toThrow('nope');
  });

  it('delivers events and turns a dropped connection into backend:down and failed requests', async () => {
    const api = createApi(webSocketBridge('ws://x/api', FakeSocket as unknown as typeof WebSocket), 'websocket');
    const socket = FakeSocket.last;
    const downs: string[] = [];
    api.on('backend:down', (d) => downs.push(d.message));
    socket.open();
    socket.receive({ event: 'backend:down', payload: { message: 'crash', exitCode: 1, signal: null, restarting: true } });
    const pending = api.request('backend:info');
    await new Promise((r) => setTimeout(r, 0));
    socket.drop();
    await expect(pending).rejects.toThrow('lost the connection to the LickLab studio server');
    expect(downs).toEqual(['crash', expect.stringContaining('lost the connection')]);
  });
});
