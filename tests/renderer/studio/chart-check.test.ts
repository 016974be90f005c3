import { describe, expect, it } from 'vitest';
import { chartTokens, checkChart, highlightPieces } from '../../../renderer/studio/chart-check';
import { parseChordChart } from '../../../models/music/chord-chart';
import { FORMS } from '../../../models/music/forms';

describe('checkChart', () => {
  it('finds each bad symbol where it is written, with its bar and reason', () => {
    const text = 'title: Test\n| Dm7 G7 | Xq7 |  # comment\n| Cmaj7 | G7 Xq7 |';
    const c = checkChart(text);
    expect(c.problems.map((p) => [p.bar, p.symbol, text.slice(p.from, p.to)])).toEqual([
      [2, 'Xq7', 'Xq7'],
      [4, 'Xq7', 'Xq7'],
    ]);
    expect(c.problems[1].from).toBe(text.lastIndexOf('Xq7'));
    expect(c.problems[0].reason).toBe(parseChordChart(text).errors[0].reason);
    expect(c.bars).toBe(4);
    expect(c.blocking).toBeNull();
  });

  it('splits cells exactly like the chart parser (every library form, bar lines of all kinds)', () => {
    for (const text of [...FORMS.map((f) => f.chart), '|: C7 / F7 :| % || - | | [Bb7 F7']) {
      const cells = chartTokens(text).map((t) => t.cell);
      expect(Math.max(...cells) + 1).toBe(parseChordChart(text).bars.length);
    }
  });

  it('blocks an empty chart with a hint', () => {
    expect(checkChart('# nothing yet\n').blocking).toMatch(/no bars yet/);
  });

  it('cuts the text into plain and flagged pieces that add up to the text', () => {
    const text = '| C7 | Qm7 |';
    const pieces = highlightPieces(text, checkChart(text).problems);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.problem).map((p) => p.text)).toEqual(['Qm7']);
  });
});
