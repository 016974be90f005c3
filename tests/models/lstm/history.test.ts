import { describe, expect, it } from 'vitest';
import { bestEpoch, bestRecord, improves } from '../../../models/lstm/history';

const rec = (epoch: number, devLoss: number) => ({ epoch, devLoss });

describe('best epoch', () => {
  it('is the lowest finite dev loss, the earliest on a tie', () => {
    expect(bestEpoch([rec(1, 3.1), rec(2, 2.5), rec(3, 2.5), rec(4, 2.9)])).toBe(2);
  });
  it('never picks NaN or Infinity, even first', () => {
    expect(bestEpoch([rec(1, Number.NaN), rec(2, 3), rec(3, -Infinity), rec(4, Infinity)])).toBe(2);
    expect(bestRecord([rec(1, Number.NaN)])).toBeNull();
    expect(bestEpoch([])).toBeNull();
  });
  it('improves() is the same rule, step by step', () => {
    expect(improves(2, null)).toBe(true);
    expect(improves(2, 2)).toBe(false);
    expect(improves(1.9, 2)).toBe(true);
    expect(improves(Number.NaN, null)).toBe(false);
  });
});
