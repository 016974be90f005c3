import { describe, expect, it } from 'vitest';
import { ChordChartError, progressionFromChart, progressionFromForm, progressionFromTune } from '../../../models/music/progression';

describe('progressions', () => {
  it('lays a chart out in bars, repeating it to the asked length', () => {
    const p = progressionFromChart('| Dm7 G7 | Cmaj7 |', { bars: 5 });
    expect(p.bars).toHaveLength(5);
    expect(p.bars[4]).toEqual({ start: 4 * 48, beats: 4 });
    expect(p.chorusBars).toBe(2);
    expect(p.chords.map((c) => c.symbol)).toEqual(['Dm7', 'G7', 'Cmaj7', 'Dm7', 'G7', 'Cmaj7', 'Dm7', 'G7']);
    expect(p.chords[1]).toMatchObject({ start: 24, end: 48, root: 7 });
    expect(progressionFromChart('| C7 |', { choruses: 3 }).bars).toHaveLength(3);
  });

  it('names every unknown chord symbol and its bar', () => {
    let err: unknown;
    try {
      progressionFromChart('| Dm7 G7 | Cmaj7 | Xq9 | C7 Hb |');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChordChartError);
    expect((err as Error).message).toMatch(/"Xq9" in bar 3/);
    expect((err as Error).message).toMatch(/"Hb" in bar 4/);
  });

  it('refuses empty charts and lengths <= 0', () => {
    expect(() => progressionFromChart('title: nothing')).toThrow(/no bars/);
    expect(() => progressionFromChart('| C7 |', { bars: 0 })).toThrow(/above 0/);
    expect(() => progressionFromChart('| C7 |', { bars: -2 })).toThrow(/above 0/);
  });

  it('takes a form of the library in any key, with its meter', () => {
    const f = progressionFromForm('blues', 'Bb');
    expect(f.bars).toHaveLength(12);
    expect(f.chords[0]).toMatchObject({ symbol: 'Bb7', root: 10 });
    const waltz = progressionFromForm('jazz-waltz', undefined, { bars: 4 });
    expect(waltz.bars[1]).toEqual({ start: 36, beats: 3 });
    expect(() => progressionFromForm('polka', 'C')).toThrow(/unknown form "polka"/);
  });

  it("repeats an imported tune's changes", () => {
    const tune = {
      title: 't',
      bars: [
        { start: 0, beats: 4 },
        { start: 48, beats: 4 },
      ],
      chords: [{ start: 0, end: 96, symbol: 'C7', root: 0, mask: 0b10010010001 }],
    };
    const p = progressionFromTune(tune, { bars: 3 });
    expect(p.bars.map((b) => b.start)).toEqual([0, 48, 96]);
    expect(p.chords.map((c) => [c.start, c.end])).toEqual([
      [0, 96],
      [96, 144],
    ]);
  });
});
