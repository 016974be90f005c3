// Continue a phrase through the studio's generate and sweep handlers (trainer process, real shipped
// model): the take opens with the phrase unchanged, continues after it, records where it ends; a
// trade answer stays within its bars; a phrase that does not fit the changes is refused with why.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '../../../backend/trainer/handlers';
import type { PrimerPhrase } from '../../../api/takes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-continue-handlers-'));
const saved = process.env.LICKLAB_DATA_DIR;
process.env.LICKLAB_DATA_DIR = dir;
const { studioHandlers: h } = await import('../../../backend/studio/trainer-handlers');
const ctx: HandlerContext = { emit() {} };
const blues = { source: { kind: 'form' as const, form: 'blues' }, tempo: 160, swing: 0.5 };
// Two bars: a rest of a beat, then a line of eighths and a held note.
const phrase: PrimerPhrase = {
  notes: [
    { pitch: 65, start: 12, dur: 6, velocity: 90 },
    { pitch: 67, start: 18, dur: 6, velocity: 80 },
    { pitch: 69, start: 24, dur: 12, velocity: 85 },
    { pitch: 72, start: 48, dur: 24, velocity: 95 },
  ],
  ticks: 96,
  bars: 2,
};

afterAll(() => {
  if (saved === undefined) delete process.env.LICKLAB_DATA_DIR;
  else process.env.LICKLAB_DATA_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('continuing a phrase in the studio', () => {
  it('keeps the phrase in front unchanged and continues from its end; same seed, same take', async () => {
    const a = await h['take:generate']({ ...blues, temperature: 0.8, seed: 5, primer: { phrase } }, ctx);
    expect(a.notes.slice(0, 4)).toEqual(phrase.notes);
    expect(a.primer).toEqual({ start: 0, end: 96, bars: 2, notes: 4 });
    expect(a.notes.length).toBeGreaterThan(10);
    expect(a.notes.slice(4).every((n) => n.start >= 96)).toBe(true);
    expect(a.name).toMatch(/^Continued · 12-bar blues in F · T 0.80$/);
    const b = await h['take:generate']({ ...blues, temperature: 0.8, seed: 5, primer: { phrase } }, ctx);
    expect(b.notes).toEqual(a.notes);
    const plain = await h['take:generate']({ ...blues, temperature: 0.8, seed: 5 }, ctx);
    expect(plain.primer).toBeUndefined();
  }, 60_000);

  it('sweeps with a primer: the phrase at every temperature, continuations differ', async () => {
    const { takes } = await h['take:sweep']({ ...blues, seed: 2, primer: { phrase } }, ctx);
    for (const t of takes) expect(t.notes.slice(0, 4)).toEqual(phrase.notes);
    expect(new Set(takes.map((t) => JSON.stringify(t.notes.slice(4)))).size).toBeGreaterThan(2);
  }, 60_000);

  it('answers a trade: the phrase at bar 5, the answer within the next 2 bars', async () => {
    const t = await h['take:generate'](
      { ...blues, bars: 8, temperature: 1, seed: 3, primer: { phrase, atBar: 4, answerBars: 2 }, name: 'Trade answer 1 · bars 7-8' },
      ctx,
    );
    expect(t.name).toBe('Trade answer 1 · bars 7-8');
    expect(t.primer).toEqual({ start: 192, end: 288, bars: 2, notes: 4 });
    expect(t.notes.slice(0, 4)).toEqual(phrase.notes.map((n) => ({ ...n, start: n.start + 192 })));
    expect(t.notes.slice(4).every((n) => n.start >= 288 && n.start + n.dur <= 384)).toBe(true);
  }, 60_000);

  it('refuses a phrase that leaves nothing to continue, and stores nothing', async () => {
    const before = (await h['take:list'](undefined, ctx)).takes.length;
    await expect(h['take:generate']({ ...blues, bars: 2, temperature: 1, primer: { phrase } }, ctx)).rejects.toThrow(
      /cannot continue this phrase: the primer \(2 bars\) fills the changes/,
    );
    await expect(
      h['take:generate']({ ...blues, bars: 12, temperature: 1, primer: { phrase, atBar: 8, answerBars: 4 } }, ctx),
    ).rejects.toThrow(/cannot continue this phrase: an answer of 4 bars after bar 10 runs past the changes/);
    expect((await h['take:list'](undefined, ctx)).takes.length).toBe(before);
  }, 60_000);
});
