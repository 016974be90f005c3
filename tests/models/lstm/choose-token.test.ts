// chooseToken runs twice per generated event, so it sorts with an insertion sort into reused
// buffers instead of Array.sort with callbacks. It must pick exactly what the straightforward
// version picked (same order, same float sums), or every same-seed take would change.
import { describe, expect, it } from 'vitest';
import { chooseToken, type SamplingSettings } from '../../../models/lstm/sample';
import { seededRandom } from '../../../models/lstm/split';

/** The version chooseToken replaced, as it was. */
function straightforward(logits: ArrayLike<number>, u: number, s: SamplingSettings, allowed?: (token: number) => boolean): number {
  const order: number[] = [];
  for (let i = 0; i < logits.length; i++) if (!allowed || allowed(i)) order.push(i);
  if (order.length === 0) throw new Error('no token is allowed at this step');
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = s.topK && s.topK > 0 ? order.slice(0, s.topK) : order;
  const top = logits[kept[0]];
  const weights = kept.map((i) => Math.exp((logits[i] - top) / s.temperature));
  let total = weights.reduce((a, b) => a + b, 0);
  let n = kept.length;
  if (s.topP !== undefined && s.topP < 1) {
    let cum = 0;
    for (n = 0; n < kept.length;) {
      cum += weights[n++] / total;
      if (cum >= s.topP) break;
    }
    total = weights.slice(0, n).reduce((a, b) => a + b, 0);
  }
  const target = u * total;
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += weights[i];
    if (target < cum) return kept[i];
  }
  return kept[n - 1];
}

describe('chooseToken', () => {
  it('picks exactly what the straightforward sort-and-sum picked (5,000 draws: ties, masks, top-k, top-p, temperatures)', () => {
    const rand = seededRandom(17);
    let differentPicks = 0;
    let last = -1;
    for (let trial = 0; trial < 5000; trial++) {
      const n = [3, 17, 74, 84, 200][trial % 5];
      // Scores on a coarse grid in a third of the trials, so equal scores (ties) are common.
      const logits = Float32Array.from({ length: n }, () => (trial % 3 === 0 ? Math.round(rand() * 6) : (rand() - 0.5) * 12));
      const s: SamplingSettings = {
        temperature: [0.05, 0.6, 1, 2.5][trial % 4],
        ...(trial % 7 === 0 ? { topK: 1 + Math.floor(rand() * n) } : {}),
        ...(trial % 5 === 1 ? { topP: 0.05 + rand() * 0.95 } : {}),
      };
      const banned = trial % 2 ? new Set(Array.from({ length: Math.floor(n / 3) }, () => Math.floor(rand() * n))) : null;
      const allowed = banned ? (t: number) => !banned.has(t) : undefined;
      const mask = allowed ? Uint8Array.from(logits, (_, t) => (allowed(t) ? 1 : 0)) : undefined; // 0 = not allowed
      const u = rand();
      const pick = chooseToken(logits, u, s, mask);
      expect(pick, `trial ${trial}`).toBe(straightforward(logits, u, s, allowed));
      if (pick !== last) differentPicks++;
      last = pick;
    }
    expect(differentPicks).toBeGreaterThan(1000); // the draws really vary
    expect(() => chooseToken([1, 2], 0.5, { temperature: 1 }, new Uint8Array(2))).toThrow(/no token is allowed/);
  });
});
