import { describe, expect, it } from 'vitest';
import { checkSplit, splitBySource } from '../../../models/lstm/split';
import { patternCorpus, patternTune } from './synthetic-tunes';

describe('splitBySource', () => {
  const tunes = [...patternCorpus(20, 10), patternTune('file3.mid', 5, 1)]; // file3 has two tunes
  it('is seeded, disjoint, covers every source and keeps a file on one side', () => {
    const a = splitBySource(tunes, 0.1, 42);
    expect(splitBySource(tunes, 0.1, 42)).toEqual(a);
    expect(a.dev).toHaveLength(2);
    expect(a.train).toHaveLength(18);
    expect(a.train.filter((s) => a.dev.includes(s))).toEqual([]);
    expect(new Set([...a.train, ...a.dev]).size).toBe(20);
    const other = splitBySource(tunes, 0.1, 43);
    expect(other.dev).not.toEqual(a.dev);
  });
  it('keeps at least one file on each side', () => {
    const two = patternCorpus(2, 10);
    expect(splitBySource(two, 0.5, 1).dev).toHaveLength(1);
    expect(splitBySource(two, 0.01, 1).dev).toHaveLength(1);
  });
  it('gives clear errors for a bad fraction, an empty corpus and a corpus too small to split', () => {
    expect(() => splitBySource(tunes, 0, 1)).toThrow(/dev fraction must be in \(0, 0.5\]/);
    expect(() => splitBySource(tunes, 0.6, 1)).toThrow(/dev fraction/);
    expect(() => splitBySource(tunes, NaN, 1)).toThrow(/dev fraction/);
    expect(() => splitBySource([], 0.1, 1)).toThrow(/corpus is empty/);
    expect(() => splitBySource([{ id: 'x', source: 'x', events: [] }], 0.1, 1)).toThrow(/corpus is empty/);
    expect(() => splitBySource(patternCorpus(1, 10), 0.1, 1)).toThrow(/too small to split/);
  });
  it('checks an explicit split', () => {
    expect(checkSplit(tunes, { train: ['file1.mid'], dev: ['file2.mid', 'file3.mid'] })).toEqual({
      train: ['file1.mid'],
      dev: ['file2.mid', 'file3.mid'],
    });
    expect(() => checkSplit(tunes, { train: ['file1.mid'], dev: ['file1.mid'] })).toThrow(/both train and dev/);
    expect(() => checkSplit(tunes, { train: ['nope.mid'], dev: ['file1.mid'] })).toThrow(/no events/);
    expect(() => checkSplit(tunes, { train: [], dev: ['file1.mid'] })).toThrow(/at least one train/);
  });
});
