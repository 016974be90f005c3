import { describe, expect, it } from 'vitest';
import { enclose, enclosureNotes, resolution, type EnclosureKind } from '../../../../models/music/etudes/targets';
import { lineContext } from './context';

describe('targets and enclosures', () => {
  it('an enclosure lands on its target on the beat, after notes above and below it', () => {
    const ctx = lineContext('ii-v-i-cycle', 'C', 3);
    for (let k = 0; k < 200; k++) {
      const beat = ctx.rng.int(1, 40) * 12;
      const target = ctx.rng.int(60, 76);
      const before = [beat - 16, beat - 12, beat - 4].slice(ctx.rng.int(0, 2));
      const notes = enclose(ctx, before, target, beat);
      const last = notes[notes.length - 1];
      expect(last).toMatchObject({ pitch: target, start: beat, role: 'target' });
      expect(beat % 12).toBe(0);
      const approach = notes.slice(0, -1);
      expect(approach.length).toBeGreaterThanOrEqual(1);
      expect(approach.length).toBeLessThanOrEqual(before.length);
      for (const n of approach) {
        expect(n.start).toBeLessThan(beat);
        expect(Math.abs(n.pitch - target)).toBeGreaterThan(0);
        expect(Math.abs(n.pitch - target)).toBeLessThanOrEqual(2);
      }
      if (approach.length >= 2) {
        // enclosing: the approach notes come from both sides, or close in from above by half steps
        const above = approach.some((n) => n.pitch > target);
        const below = approach.some((n) => n.pitch < target);
        const doubleAbove = approach.map((n) => n.pitch - target).join() === '2,1';
        expect((above && below) || doubleAbove).toBe(true);
      }
      for (let i = 1; i < notes.length; i++) expect(notes[i].start).toBeGreaterThan(notes[i - 1].start);
    }
  });

  it('each enclosure kind surrounds the target (the classic one: scale step above, half step below)', () => {
    const dm7 = { root: 2, mask: (1 << 2) | (1 << 5) | (1 << 9) | (1 << 0) };
    expect(enclosureNotes('above-below', 65, dm7)).toEqual([67, 64]); // G, E around F
    const kinds: EnclosureKind[] = ['above-below', 'below-above', 'chromatic-both', 'three-note'];
    for (const k of kinds) {
      const ns = enclosureNotes(k, 69, dm7);
      expect(ns.some((p) => p > 69) && ns.some((p) => p < 69), k).toBe(true);
    }
  });

  it('tensions resolve by step to a chord tone (9 to root, b9 to root, 13 to 5th, #9 up to the 3rd)', () => {
    const c7 = { root: 0, mask: (1 << 0) | (1 << 4) | (1 << 7) | (1 << 10) };
    expect(resolution(c7, 62)).toBe(60);
    expect(resolution(c7, 61)).toBe(60);
    expect(resolution(c7, 69)).toBe(67);
    expect(resolution(c7, 63)).toBe(64);
  });
});
