import { describe, expect, it } from 'vitest';
import { FORMS } from '../../../../models/music/forms';
import { guideToneLine, guideTonePcs } from '../../../../models/music/etudes/guide-tones';
import { lineContext } from './context';

describe('guide-tone lines', () => {
  // Two dominants a minor third apart (C7 -> A7) have no guide tones within a step of each other,
  // and a repeated I-VI-ii-V (C6 A7 Dm7 G7) cannot move by step at every change: there a guide-tone
  // line moves by a minor third, never more.

  // A step taken an octave away (when the range runs out) is still a step of the guide-tone line.
  const motion = (a: number, b: number) => Math.min(Math.abs(a - b) % 12, 12 - (Math.abs(a - b) % 12));

  it('a guide-tone line moves by step (or holds a common tone) through every form, in every key', () => {
    for (const form of FORMS) {
      for (const key of ['C', 'Eb', 'F#', 'A']) {
        const ctx = lineContext(form.name, key);
        const line = guideToneLine(ctx.chords, 64, 55, 79);
        expect(line).toHaveLength(ctx.chords.length);
        line.forEach((p, i) => {
          expect(guideTonePcs(ctx.chords[i]), `${form.name} in ${key}, chord ${i}`).toContain(p % 12);
          expect(p).toBeGreaterThanOrEqual(55);
          expect(p).toBeLessThanOrEqual(79);
          if (i === 0) return;
          const allowed = 3;
          expect(
            motion(p, line[i - 1]),
            `${form.name} in ${key}: ${ctx.chords[i - 1].symbol} -> ${ctx.chords[i].symbol}`,
          ).toBeLessThanOrEqual(allowed);
        });
        const steps = line.slice(1).filter((p, i) => motion(p, line[i]) <= 2).length;
        const jumps = line.slice(1).filter((p, i) => Math.abs(p - line[i]) > 6).length;
        expect(steps / (line.length - 1), `${form.name} in ${key}`).toBeGreaterThan(0.85);
        expect(jumps / (line.length - 1), `${form.name} in ${key}`).toBeLessThan(0.15);
      }
    }
  });

  it('in a ii-V-I the 7th falls a half step to the 3rd', () => {
    const ctx = lineContext('ii-v-i-cycle', 'C');
    const [ii, v, i] = guideToneLine(ctx.chords.slice(0, 3), 72, 60, 80); // Dm7 G7 Cmaj7 from near C5
    expect([ii, v, i]).toEqual([72, 71, 71]); // C (7th of Dm7) -> B (3rd of G7) -> B (7th of Cmaj7)
  });
});
