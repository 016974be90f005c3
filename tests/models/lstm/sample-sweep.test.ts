// A temperature sweep at the same seed raises pitch entropy and lowers the
// chord-tone ratio, averaged over seeds, on a model that has learnt something.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Generator } from '../../../models/lstm/generator';
import type { Note } from '../../../models/music/types';
import type { EncodedEvent } from '../../../models/music/vocabulary';
import { generateTake } from '../../../models/lstm/generator';
import { progressionFromForm } from '../../../models/music/progression';
import { trainedGenerator } from './helpers/trained-model';

const TEMPERATURES = [0.2, 0.5, 0.8, 1.2, 1.6];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

let gen: Generator;
let which = '';
beforeAll(async () => {
  ({ gen, which } = await trainedGenerator());
}, 600_000);

describe('temperature sweep', () => {
  it('hotter takes have more pitch entropy and fewer chord tones on strong beats (mean over 8 seeds)', () => {
    const progs = [progressionFromForm('blues', 'F', { bars: 24 }), progressionFromForm('ii-v-i-cycle', 'C', { bars: 16 })];
    const rows = TEMPERATURES.map((temperature) => {
      let entropy = 0;
      let chordTones = 0;
      let n = 0;
      for (const seed of SEEDS) {
        for (const prog of progs) {
          const { metrics } = generateTake(gen, { ...prog, seed, temperature });
          entropy += metrics.pitchEntropy;
          chordTones += metrics.chordToneRatio ?? 0;
          n++;
        }
      }
      return { temperature, entropy: entropy / n, chordTones: chordTones / n };
    });
    console.log(
      `sweep on ${which}:\n${rows.map((r) => `  T=${r.temperature}: entropy ${r.entropy.toFixed(3)} bits, chord tones ${(r.chordTones * 100).toFixed(1)}%`).join('\n')}`,
    );
    // Near T = 0 takes are (almost) greedy, so neighbouring low temperatures may tie: the trend
    // must hold step by step within a small tolerance, and clearly from end to end.
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].entropy, `entropy T=${rows[i].temperature} vs ${rows[i - 1].temperature}`).toBeGreaterThan(rows[i - 1].entropy - 0.02);
      expect(rows[i].chordTones, `chord tones T=${rows[i].temperature} vs ${rows[i - 1].temperature}`).toBeLessThan(
        rows[i - 1].chordTones + 0.01,
      );
    }
    const [cold, hot] = [rows[0], rows[rows.length - 1]];
    expect(hot.entropy - cold.entropy).toBeGreaterThan(0.1);
    expect(cold.chordTones - hot.chordTones).toBeGreaterThan(0.05);
  });

  it('with the same seed, a small temperature change keeps the opening of the take, a new seed does not (common random numbers)', () => {
    const prog = progressionFromForm('blues', 'F', { bars: 12 });
    // Events in common before the first difference; and the share of A's onsets that B shares.
    const prefix = (a: EncodedEvent[], b: EncodedEvent[]) => {
      let i = 0;
      while (i < a.length && i < b.length && a[i].pitch === b[i].pitch && a[i].dur === b[i].dur) i++;
      return i;
    };
    const onsets = (a: Note[], b: Note[]) => {
      const keys = new Set(b.map((n) => `${n.start}:${n.pitch}`));
      return a.filter((n) => keys.has(`${n.start}:${n.pitch}`)).length / Math.max(1, a.length);
    };
    const same = { prefix: 0, onsets: 0 };
    const other = { prefix: 0, onsets: 0 };
    for (const seed of SEEDS) {
      const a = generateTake(gen, { ...prog, seed, temperature: 1.0 }).take;
      const b = generateTake(gen, { ...prog, seed, temperature: 1.02 }).take;
      const c = generateTake(gen, { ...prog, seed: seed + 100, temperature: 1.0 }).take;
      const bHot = generateTake(gen, { ...prog, seed, temperature: 1.3 }).take;
      const cHot = generateTake(gen, { ...prog, seed: seed + 100, temperature: 1.3 }).take;
      same.prefix += prefix(a.events, b.events) / SEEDS.length;
      other.prefix += prefix(a.events, c.events) / SEEDS.length;
      same.onsets += onsets(a.notes, bHot.notes) / SEEDS.length;
      other.onsets += onsets(a.notes, cHot.notes) / SEEDS.length;
    }
    console.log(
      `CRN: T 1.0 vs 1.02 agree on the first ${same.prefix.toFixed(1)} events (new seed: ${other.prefix.toFixed(1)}); ` +
        `T 1.0 vs 1.3 share ${(same.onsets * 100).toFixed(0)}% of notes (onset and pitch; new seed: ${(other.onsets * 100).toFixed(0)}%)`,
    );
    expect(same.prefix).toBeGreaterThan(3 * Math.max(1, other.prefix));
    // Further on, the lines drift apart (the state has diverged); keying draws by onset tick lets
    // them meet again now and then. Printed, not asserted: how often depends on the model.
  });
});
