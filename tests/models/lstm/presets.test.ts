// The presets: each resolves to valid knobs and has the one-line note the training form shows
// (which corpus size it suits). The contract's and the CLI's lists are PRESET_NAMES (their tests).
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, PRESET_NOTES, PRESETS, resolveHyperparameters } from '../../../models/lstm/hyperparameters';

describe('presets', () => {
  it('every preset resolves and has a one-line note', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...PRESET_NAMES].sort());
    expect(Object.keys(PRESET_NOTES).sort()).toEqual([...PRESET_NAMES].sort());
    for (const name of PRESET_NAMES) {
      expect(resolveHyperparameters(name)).toEqual(PRESETS[name]);
      expect(PRESET_NOTES[name]).toMatch(/^[^\n]{10,160}$/);
    }
  });

  it('`solos` is bigger than `default` and says which corpora it suits', () => {
    const [d, s] = [PRESETS.default, PRESETS.solos];
    expect(s.units * s.layers).toBeGreaterThan(d.units * d.layers);
    expect(PRESET_NOTES.solos).toMatch(/notes/);
    expect(PRESET_NOTES.default).toMatch(/notes/);
  });
});
