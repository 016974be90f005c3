// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { twoFiveOne } from './fixtures';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./fake-tone').makeFakeTone> }));
vi.mock('tone', async () => {
  fake.current = (await import('./fake-tone')).makeFakeTone();
  return fake.current.tone;
});

const { createPlayer, AUDIO_NOT_STARTED } = await import('../../../renderer/audio/player');
const { DEFAULT_LEVELS } = await import('../../../renderer/audio/mix');

const urls = { C4: 'u/C4.mp3', 'D#4': 'u/Ds4.mp3' };
const loadBuffer = vi.fn(async (url: string) => ({ url }) as unknown as AudioBuffer);

beforeEach(() => {
  fake.current!.reset();
  loadBuffer.mockClear();
});

describe('createPlayer (Tone mocked)', () => {
  it('loads each sample once and names the one that fails', async () => {
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await Promise.all([p.load(), p.load()]);
    expect(loadBuffer).toHaveBeenCalledTimes(2);
    expect(p.loaded).toBe(true);
    const bad = createPlayer({
      sampleUrls: urls,
      loadBuffer: async (u) => {
        if (u.includes('Ds4')) throw new Error('HTTP 404');
        return {} as AudioBuffer;
      },
    });
    await expect(bad.load()).rejects.toThrow('Could not load piano sample D#4 (u/Ds4.mp3): HTTP 404');
  });

  it('refuses to play before audio is started from a gesture', async () => {
    fake.current!.context.state = 'suspended';
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await expect(p.play(twoFiveOne())).rejects.toThrow(AUDIO_NOT_STARTED);
    expect(p.playing).toBe(false);
  });

  it('schedules every event on the transport and triggers the right instruments', async () => {
    const t = fake.current!.transport;
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await p.play(twoFiveOne(), { bass: true, countIn: true });
    expect(p.playing).toBe(true);
    expect(t.started).toEqual({ time: 100.06, offset: 0 });
    // 17 solo + comp + 16 bass + 4 clicks, plus the end-of-take event
    const once = t.events.filter((e) => e.once);
    expect(once).toHaveLength(1);
    expect(once[0].at).toBeCloseTo(2 + 8 + 1.5, 9); // count-in + 4 bars + tail
    t.run(0, 2); // count-in
    const clicks = fake.current!.triggered.filter((x) => x.instrument === 'MembraneSynth');
    expect(clicks.map((c) => c.args[0])).toEqual([1320, 990, 990, 990]); // accent on the first click
    expect(fake.current!.triggered.filter((x) => x.instrument === 'NoiseSynth')).toHaveLength(4);
    t.run(2, 2.01); // the downbeat: solo note, comp guide tones, bass root
    const at = fake.current!.triggered.slice(8);
    expect(at.map((x) => x.instrument).sort()).toEqual(['MonoSynth', 'Sampler', 'Sampler', 'Sampler']);
    const solo = at.find((x) => x.instrument === 'Sampler' && (x.args[3] as number) > 0.5)!;
    expect(solo.args[0]).toBeCloseTo(440 * 2 ** ((62 - 69) / 12), 6); // D4
    expect(solo.args[2]).toBe(102); // the transport's audio time is passed through
  });

  it('loops a region and reports the playhead in ticks', async () => {
    const t = fake.current!.transport;
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await p.play(twoFiveOne(), { loop: { start: 48, end: 96 }, swing: 1 });
    expect(t.loop).toBe(true);
    expect(t.loopStart).toBe(0);
    expect(t.loopEnd).toBeCloseTo(2, 9);
    expect(t.events.some((e) => e.once)).toBe(false);
    t.seconds = 0;
    expect(p.position()).toBeCloseTo(48, 9);
    t.seconds = 1 / 3; // the swung off-beat of beat 1 in the loop
    expect(p.position()).toBeCloseTo(54, 9);
    p.stop();
    expect(p.position()).toBeNull();
    expect(t.events).toHaveLength(0);
    expect(t.loop).toBe(false);
  });

  it('reports the start position until the transport has started', async () => {
    const t = fake.current!.transport;
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    fake.current!.tone.immediate = () => 100.01; // before the start at now() + 0.06
    try {
      t.seconds = 3; // stale position of a previous run
      await p.play(twoFiveOne(), { startTick: 48 });
      expect(p.position()).toBeCloseTo(48, 9);
    } finally {
      fake.current!.tone.immediate = () => 1000;
    }
  });

  it('reports a negative playhead during the count-in', async () => {
    const t = fake.current!.transport;
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await p.play(twoFiveOne(), { countIn: true });
    t.seconds = 1; // halfway through a 2 s count-in at 120 bpm
    expect(p.position()).toBeCloseTo(-24, 9);
  });

  it('plays single notes and rejects out-of-range pitches', async () => {
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    await p.playNote(69, 0.5);
    expect(fake.current!.triggered.at(-1)).toEqual({ instrument: 'Sampler', args: [440, 0.9, 100, 0.5] });
    await expect(p.playNote(200)).rejects.toThrow('Pitch 200 is outside MIDI 0..127.');
  });

  it('clamps levels so nothing can be pushed above 0 dB (master -1 dB)', () => {
    const p = createPlayer({ sampleUrls: urls, loadBuffer, levels: { solo: 12, master: 6 } });
    expect(p.levels.solo).toBe(0);
    expect(p.levels.master).toBe(-1);
    p.setLevels({ comp: -20, bass: Number.NaN });
    expect(p.levels.comp).toBe(-20);
    expect(p.levels.bass).toBe(DEFAULT_LEVELS.bass);
  });

  it('renders offline in a fresh rig, only the events inside the length', async () => {
    const p = createPlayer({ sampleUrls: urls, loadBuffer });
    const buf = await p.renderOffline(twoFiveOne(), 2, { comp: false });
    expect(fake.current!.offlineCalls).toEqual([2]);
    expect((buf as unknown as { duration: number }).duration).toBe(2);
    const solos = fake.current!.triggered.filter((x) => x.instrument === 'Sampler');
    expect(solos).toHaveLength(8); // eighths in the first 2 s (bar 1) at 120 bpm
    await expect(p.renderOffline(twoFiveOne(), 0)).rejects.toThrow('Render length 0 s must be a positive number.');
  });

  it('calls onended after the last note rings out, but not after stop()', async () => {
    vi.useFakeTimers();
    try {
      const onended = vi.fn();
      const t = fake.current!.transport;
      const p = createPlayer({ sampleUrls: urls, loadBuffer, onended });
      await p.play(twoFiveOne());
      const end = t.events.find((e) => e.once)!;
      end.cb(100); // time == now: fires at once
      vi.runAllTimers();
      expect(onended).toHaveBeenCalledTimes(1);
      expect(p.playing).toBe(false);
      await p.play(twoFiveOne());
      const end2 = t.events.find((e) => e.once)!;
      p.stop();
      end2.cb(100);
      vi.runAllTimers();
      expect(onended).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
