import { describe, expect, it } from 'vitest';
import { CommonRandom, crnUniform, normalizeSeed } from '../../../models/lstm/rng';

describe('common random numbers', () => {
  it('gives the same draw for the same (seed, step, slot) whatever was drawn before', () => {
    const a = new CommonRandom(42);
    const b = new CommonRandom(42);
    const fromA = [a.uniform(5, 1), a.uniform(0), a.uniform(7, 0, 2)];
    b.uniform(99);
    b.uniform(3, 1);
    const fromB = [b.uniform(5, 1), b.uniform(0), b.uniform(7, 0, 2)];
    expect(fromB).toEqual(fromA);
  });

  it('changes with the seed, the step, the slot and the attempt', () => {
    const base = crnUniform(normalizeSeed(1), 10, 0, 0);
    expect(crnUniform(normalizeSeed(2), 10, 0, 0)).not.toBe(base);
    expect(crnUniform(normalizeSeed(1), 11, 0, 0)).not.toBe(base);
    expect(crnUniform(normalizeSeed(1), 10, 1, 0)).not.toBe(base);
    expect(crnUniform(normalizeSeed(1), 10, 0, 1)).not.toBe(base);
  });

  it('is uniform on [0,1): mean, variance and a 20-bin histogram look right', () => {
    const r = new CommonRandom(7);
    const n = 40000;
    const bins = new Array(20).fill(0);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform(i, i % 3);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sq += u * u;
      bins[Math.floor(u * 20)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    let chi2 = 0;
    for (const b of bins) chi2 += (b - n / 20) ** 2 / (n / 20);
    expect(chi2).toBeLessThan(45); // 19 dof: p < 0.001 above ~43.8
  });

  it('keeps large and string seeds distinct and stable', () => {
    expect(normalizeSeed(2 ** 32 + 5)).not.toBe(normalizeSeed(5));
    expect(normalizeSeed('take one')).toBe(normalizeSeed('take one'));
    expect(normalizeSeed('take one')).not.toBe(normalizeSeed('take two'));
    expect(() => normalizeSeed(Number.NaN)).toThrow(/finite/);
  });
});
