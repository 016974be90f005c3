import { describe, expect, it } from 'vitest';
import { isChordError, parseChordSymbol, parseChordChart, chartToSpans } from '../../../models/music/chords';
import { FORMS, formChart } from '../../../models/music/forms';
import { maskOf } from '../../../models/music/types';

function ok(sym: string, style: 'auto' | 'wjd' = 'auto') {
  const r = parseChordSymbol(sym, style);
  if (isChordError(r)) throw new Error(`${sym}: ${r.reason}`);
  return r;
}

describe('parseChordSymbol', () => {
  it('normalises jazz spellings to tonal-style names with the right pitch classes', () => {
    expect(ok('C-7')).toEqual({ symbol: 'Cm7', root: 0, mask: maskOf([0, 3, 7, 10]) });
    expect(ok('Ebj7')).toEqual({ symbol: 'Ebmaj7', root: 3, mask: maskOf([3, 7, 10, 2]) });
    expect(ok('Bb6')).toEqual({ symbol: 'Bb6', root: 10, mask: maskOf([10, 2, 5, 7]) });
    expect(ok('Dm7b5')).toEqual({ symbol: 'Dm7b5', root: 2, mask: maskOf([2, 5, 8, 0]) });
    expect(ok('C7#9')).toEqual({ symbol: 'C7#9', root: 0, mask: maskOf([0, 4, 7, 10, 3]) });
    expect(ok('C/E')).toEqual({ symbol: 'C/E', root: 0, mask: maskOf([0, 4, 7]) });
    expect(ok('NC')).toEqual({ symbol: 'N.C.', root: -1, mask: 0 });
    expect(ok('N.C.').root).toBe(-1);
    const alt = ok('F7alt');
    expect(alt.symbol).toBe('F7alt');
    expect(alt.mask & maskOf([5, 9, 3])).toBe(maskOf([5, 9, 3])); // root, third, seventh
    expect(ok('C-j7').symbol).toBe('CmMaj7');
    expect(ok('CΔ7').symbol).toBe('Cmaj7');
    expect(ok('Cø7').symbol).toBe('Cm7b5');
    expect(ok('G7sus4').mask).toBe(maskOf([7, 0, 2, 5]));
    expect(ok('Cm7/Bb').mask).toBe(maskOf([0, 3, 7, 10]));
    expect(ok('F#7').root).toBe(6);
    // every spelling in docs/chord-charts.md
    const table: [string, string][] = [
      ['Cmaj', 'C'],
      ['CM', 'C'],
      ['Cmi', 'Cm'],
      ['Cmin', 'Cm'],
      ['CM7', 'Cmaj7'],
      ['C^7', 'Cmaj7'],
      ['CΔ', 'Cmaj7'],
      ['Cø', 'Cm7b5'],
      ['Ch7', 'Cm7b5'],
      ['Co', 'Cdim'],
      ['Co7', 'Cdim7'],
      ['Cdim7', 'Cdim7'],
      ['C+', 'Caug'],
      ['Caug', 'Caug'],
      ['C+7', 'C7#5'],
      ['Cm6', 'Cm6'],
      ['C69', 'C69'],
      ['C-maj7', 'CmMaj7'],
      ['C9', 'C9'],
      ['C11', 'C11'],
      ['Cmaj9', 'Cmaj9'],
      ['Cm11', 'Cm11'],
      ['C7#11', 'C7#11'],
      ['C7b13', 'C7b13'],
      ['C7b9b13', 'C7b9b13'],
      ['Csus', 'Csus4'],
      ['Csus2', 'Csus2'],
      ['Csus7', 'C7sus4'],
      ['C7sus4', 'C7sus4'],
    ];
    for (const [input, name] of table) expect(ok(input).symbol, input).toBe(name);
  });

  it("reads the Weimar Jazz Database's postfix accidentals", () => {
    expect(ok('C79b', 'wjd').symbol).toBe('C7b9');
    expect(ok('Ebj7911#', 'wjd')).toEqual({ symbol: 'Ebmaj9#11', root: 3, mask: maskOf([3, 7, 10, 2, 5, 9]) });
    expect(ok('Bb79b13b', 'wjd').symbol).toBe('Bb7b9b13');
    expect(ok('Do7', 'wjd').symbol).toBe('Ddim7');
    expect(ok('F+7', 'wjd').symbol).toBe('F7#5');
    expect(ok('Bsus', 'wjd').symbol).toBe('Bsus4');
    expect(ok('Ab+j7/C', 'wjd').symbol).toBe('Abmaj7#5/C');
  });

  it('rejects what is not a chord with a reason', () => {
    for (const s of ['H7', 'Cxyz', 'C/Q', '', 'c7']) {
      const r = parseChordSymbol(s);
      expect(isChordError(r), s).toBe(true);
    }
  });
});

describe('parseChordChart', () => {
  it('splits bars evenly, holds with / and repeats with %', () => {
    const c = parseChordChart('title: Test\nmeter: 3/4\n# a comment\n| Dm7 G7 | C7 / / F7 | % |\n| | Bb7 |');
    expect(c.meta).toEqual({ title: 'Test', meter: '3/4' });
    expect(c.errors).toEqual([]);
    expect(c.bars.map((b) => b.map((x) => `${x.symbol}@${x.start}-${x.end}`))).toEqual([
      ['Dm7@0-0.5', 'G7@0.5-1'],
      ['C7@0-0.75', 'F7@0.75-1'],
      ['C7@0-0.75', 'F7@0.75-1'],
      ['F7@0-1'],
      ['Bb7@0-1'],
    ]);
  });

  it('reports unknown symbols with their bar and keeps the rest', () => {
    const c = parseChordChart('| C7 | Xyz7 F7 | Bb7 |');
    expect(c.errors).toEqual([{ bar: 2, symbol: 'Xyz7', reason: expect.stringContaining('root') }]);
    expect(c.bars[1][1].symbol).toBe('F7');
    expect(c.bars[2][0].symbol).toBe('Bb7');
  });

  it('lays a chart over bars in ticks and repeats it per chorus', () => {
    const c = parseChordChart('| C7 F7 | G7 |');
    const bars = [0, 48, 96, 144].map((start) => ({ start, beats: 4 }));
    const spans = chartToSpans(c, bars);
    expect(spans.map((s) => [s.symbol, s.start, s.end])).toEqual([
      ['C7', 0, 24],
      ['F7', 24, 48],
      ['G7', 48, 96],
      ['C7', 96, 120],
      ['F7', 120, 144],
      ['G7', 144, 192],
    ]);
  });
});

describe('forms', () => {
  it('every form parses without errors in all 12 keys', () => {
    for (const f of FORMS) {
      for (const key of ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B']) {
        const chart = parseChordChart(formChart(f.name, key));
        expect(chart.errors, `${f.name} in ${key}`).toEqual([]);
        expect(chart.bars.length).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('transposes roots and basses', () => {
    const c = parseChordChart(formChart('blues', 'Bb'));
    expect(c.bars[0][0].symbol).toBe('Bb7');
    expect(c.bars[1][0].symbol).toBe('Eb7');
    expect(c.meta.key).toBe('Bb');
  });

  it('a key with a mode or a bad name says to give the tonic and what the form plays on it', () => {
    expect(() => formChart('minor-blues', 'Cm')).toThrow(
      /bad key "Cm": give the tonic only, like C, Bb or F#; the form sets the mode \(minor-blues in C is the 12-bar minor blues on C\)/,
    );
    expect(() => formChart('blues', 'H')).toThrow(/bad key "H": give the tonic only.*blues in F is/);
  });
});
