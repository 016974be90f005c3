// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ value: 'suspended' as string, start: async () => {} }));
vi.mock('tone', () => ({
  getContext: () => ({ state: state.value }),
  start: () => state.start(),
}));

const { ensureAudioStarted } = await import('../../../renderer/audio/audio-start');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('ensureAudioStarted', () => {
  it('says when the browser has no Web Audio', async () => {
    vi.stubGlobal('AudioContext', undefined);
    vi.stubGlobal('webkitAudioContext', undefined);
    expect(await ensureAudioStarted()).toEqual({ ok: false, reason: expect.stringContaining('no Web Audio support') });
  });

  it('starts the context', async () => {
    vi.stubGlobal('AudioContext', class {});
    state.value = 'suspended';
    state.start = async () => {
      state.value = 'running';
    };
    expect(await ensureAudioStarted()).toEqual({ ok: true });
  });

  it('explains a context the browser keeps suspended (no user gesture)', async () => {
    vi.stubGlobal('AudioContext', class {});
    vi.useFakeTimers();
    state.value = 'suspended';
    state.start = () => new Promise(() => {}); // resume() never settles without a gesture
    const pending = ensureAudioStarted();
    await vi.advanceTimersByTimeAsync(2100);
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/Click or press a key/);
  });

  it('passes on a start error', async () => {
    vi.stubGlobal('AudioContext', class {});
    state.value = 'suspended';
    state.start = async () => {
      throw new Error('NotAllowedError: no output device');
    };
    expect(await ensureAudioStarted()).toEqual({ ok: false, reason: 'Audio could not start: NotAllowedError: no output device' });
  });
});
