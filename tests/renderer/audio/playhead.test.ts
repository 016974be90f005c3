// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { PlayheadTracker } from '../../../renderer/audio/playhead.svelte';

afterEach(() => vi.unstubAllGlobals());

describe('PlayheadTracker', () => {
  it('copies the player position every frame until stopped', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => frames.splice(0));
    let pos: number | null = 12;
    const t = new PlayheadTracker({ position: () => pos });
    const stop = t.start();
    expect(t.tick).toBeNull();
    frames.shift()!(0);
    flushSync();
    expect(t.tick).toBe(12);
    pos = 30;
    frames.shift()!(16);
    expect(t.tick).toBe(30);
    stop();
    expect(frames).toHaveLength(0);
    pos = null;
    expect(t.tick).toBe(30);
  });
});
