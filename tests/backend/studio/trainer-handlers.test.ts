// The trainer's studio handlers with the real shipped model, in a temp data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import midiPkg from '@tonejs/midi';
import type { HandlerContext } from '../../../backend/trainer/handlers';

const { Midi } = midiPkg;
const dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-studio-handlers-'));
const saved = process.env.LICKLAB_DATA_DIR;
process.env.LICKLAB_DATA_DIR = dir;
const { studioHandlers: h } = await import('../../../backend/studio/trainer-handlers');
const ctx: HandlerContext = { emit() {} };
const blues = { source: { kind: 'form' as const, form: 'blues' }, tempo: 160, swing: 0.5 };

beforeAll(() => {
  process.env.LICKLAB_DATA_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.LICKLAB_DATA_DIR;
  else process.env.LICKLAB_DATA_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('studio handlers (trainer process)', () => {
  it('generates a take over a blues, stores it, and the same seed gives the same notes', async () => {
    const a = await h['take:generate']({ ...blues, temperature: 0.8, seed: 11 }, ctx);
    const b = await h['take:generate']({ ...blues, temperature: 0.8, seed: 11 }, ctx);
    expect(a.id).not.toBe(b.id);
    expect(a.notes).toEqual(b.notes);
    expect(a.notes.length).toBeGreaterThan(10);
    expect(a).toMatchObject({
      title: '12-bar blues in F',
      settings: { seed: 11, temperature: 0.8, topP: 1, bars: 12, tempo: 160, swing: 0.5 },
    });
    expect(a.bars).toHaveLength(12);
    expect(typeof a.metrics.chordToneRatio).toBe('number');
    expect(typeof a.metrics.pitchEntropy).toBe('number');
    const list = await h['take:list'](undefined, ctx);
    expect(list.takes.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('sweeps one seed at 0.2, 0.5, 0.8, 1.2 and 1.6', async () => {
    const { sweepId, takes } = await h['take:sweep']({ ...blues, seed: 3, bars: 4 }, ctx);
    expect(takes.map((t) => t.settings.temperature)).toEqual([0.2, 0.5, 0.8, 1.2, 1.6]);
    expect(takes.every((t) => t.sweepId === sweepId && t.settings.seed === 3 && t.bars.length === 4)).toBe(true);
    const single = await h['take:generate']({ ...blues, bars: 4, seed: 3, temperature: 1.2 }, ctx);
    expect(single.notes).toEqual(takes[3].notes); // a sweep column is exactly the take of that temperature
  });

  it('names the bad symbol and its bar, and stores nothing', async () => {
    const before = (await h['take:list'](undefined, ctx)).takes.length;
    await expect(
      h['take:generate']({ ...blues, source: { kind: 'chart', chart: '| Dm7 G7 | Cmaj7 | Hm7 |' }, temperature: 1 }, ctx),
    ).rejects.toThrow(/unknown chord symbol "Hm7" in bar 3/);
    await expect(h['take:sweep']({ ...blues, source: { kind: 'form', form: 'polka' } }, ctx)).rejects.toThrow(/unknown form "polka"/);
    expect((await h['take:list'](undefined, ctx)).takes.length).toBe(before);
  });

  it('renames, stars, exports and deletes', async () => {
    const t = await h['take:generate']({ ...blues, temperature: 0.5, seed: 9, bars: 2 }, ctx);
    expect(await h['take:update']({ id: t.id, name: 'Blue/Keeper', starred: true }, ctx)).toMatchObject({
      name: 'Blue/Keeper',
      starred: true,
    });
    const midi = await h['take:midi']({ id: t.id }, ctx);
    expect(midi.fileName).toBe('Blue Keeper.mid');
    const parsed = new Midi(Buffer.from(midi.base64, 'base64'));
    const solo = parsed.tracks.find((tr) => tr.name === 'Solo')!;
    expect(solo.notes.map((n) => [n.midi, n.ticks / 40, n.durationTicks / 40])).toEqual(t.notes.map((n) => [n.pitch, n.start, n.dur]));
    expect(parsed.header.tempos[0].bpm).toBeCloseTo(160);
    expect(await h['take:delete']({ id: t.id }, ctx)).toEqual({ id: t.id });
    await expect((async () => h['take:midi']({ id: t.id }, ctx))()).rejects.toThrow(`there is no take with id ${t.id}`);
  });
});
