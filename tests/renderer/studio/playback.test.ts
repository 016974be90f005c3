// Transport options -> player options, and audio that cannot start says why (tone mocked: jsdom/node).
import { describe, expect, it, vi } from 'vitest';

vi.mock('tone', () => ({ getContext: () => ({ state: 'suspended' }), start: async () => {} }));
const { StudioPlayback } = await import('../../../renderer/studio/playback.svelte');

const take = { notes: [], chords: [], tempo: 160, bars: Array.from({ length: 12 }, (_, i) => ({ start: i * 48, beats: 4 })) };
const fakePlayer = () => ({
  loaded: true,
  play: vi.fn(async () => {}),
  stop: vi.fn(),
  position: () => null,
  playNote: vi.fn(),
  dispose: vi.fn(),
});

describe('StudioPlayback', () => {
  it('passes tempo, swing, comp, bass and count-in; loops the chosen bars (clamped to the take)', () => {
    const p = new StudioPlayback(fakePlayer() as never);
    expect(p.playOptions(take, 140, 0.4)).toEqual({ tempo: 140, swing: 0.4, comp: true, bass: true, countIn: false, instrument: 'piano' });
    expect(p.playOptions({ ...take, instrument: 'vibes' }, 140, 0.4).instrument).toBe('vibes');
    expect(p.playOptions(take, 140, 0.4, 96)).toMatchObject({ startTick: 96 });
    Object.assign(p.options, { loop: true, loopFrom: 3, loopTo: 4, countIn: true, bass: false });
    expect(p.playOptions(take, 140, 0.4, 96)).toEqual({
      tempo: 140,
      swing: 0.4,
      comp: true,
      bass: false,
      countIn: true,
      instrument: 'piano',
      loop: { start: 96, end: 192 },
    });
    Object.assign(p.options, { loopFrom: 11, loopTo: 40 });
    expect(p.playOptions(take, 140, 0).loop).toEqual({ start: 480, end: 576 });
  });

  it('says why when audio cannot start, and does not play', async () => {
    const player = fakePlayer();
    const p = new StudioPlayback(player as never);
    await p.play(take, 160, 0.5);
    expect(player.play).not.toHaveBeenCalled();
    expect(p.playing).toBe(false);
    expect(p.audioProblem).toMatch(/no Web Audio support|suspended|did not start/);
  });

  it('a stop while the samples still load wins: the take never starts sounding', async () => {
    let finish: () => void = () => {};
    const player = { ...fakePlayer(), loaded: false, play: vi.fn(() => new Promise<void>((r) => (finish = r))) };
    const p = new StudioPlayback(player as never);
    vi.spyOn(p, 'start').mockResolvedValue(true);
    const playing = p.play(take, 160, 0.5);
    await Promise.resolve();
    await Promise.resolve();
    expect(p.active).toBe(true);
    p.stop();
    expect(p.active).toBe(false);
    finish();
    await playing;
    expect(p.playing).toBe(false);
    expect(player.stop).toHaveBeenCalledTimes(2); // by stop(), and again after the late start
  });
});
