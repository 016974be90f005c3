import { describe, expect, it } from 'vitest';
import { chunk, makeBatch, makeWindows, prepareTune } from '../../../models/lstm/batching';
import { toSparse } from '../../../models/lstm/fast/lstm-compute';
import { INPUT_SIZE, inputIndices } from '../../../models/music/vocabulary';
import { patternTune } from './synthetic-tunes';

describe('batching', () => {
  const tunes = [patternTune('a.mid', 23), patternTune('b.mid', 8, 2)].map(prepareTune);
  it('non-overlapping windows predict every event exactly once and never cross tunes', () => {
    const ws = makeWindows(tunes, 10);
    expect(ws).toEqual([
      { tune: 0, start: 0, length: 10 },
      { tune: 0, start: 10, length: 10 },
      { tune: 0, start: 20, length: 3 },
      { tune: 1, start: 0, length: 8 },
    ]);
  });
  it('strided windows overlap within a tune and reach its end', () => {
    const ws = makeWindows(tunes.slice(0, 1), 10, 5);
    expect(ws.map((w) => [w.start, w.length])).toEqual([
      [0, 10],
      [5, 10],
      [10, 10],
      [15, 8],
    ]);
  });
  it('builds one-hot inputs from inputIndices, the real predecessor, sparse targets and a padding mask', () => {
    const raw = patternTune('a.mid', 23);
    const b = makeBatch(
      tunes,
      [
        { tune: 0, start: 20, length: 3 },
        { tune: 0, start: 0, length: 4 },
      ],
      4,
    );
    expect(b.events).toBe(7);
    expect(Array.from(b.mask)).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
    const active = (pos: number) => [...Array(INPUT_SIZE).keys()].filter((u) => b.x[pos * INPUT_SIZE + u] === 1);
    expect(active(0)).toEqual([...inputIndices(raw.events[19], raw.events[20])].sort((x, y) => x - y));
    expect(active(4)).toEqual([...inputIndices(null, raw.events[0])].sort((x, y) => x - y));
    expect(active(3)).toEqual([]);
    expect(b.pitch[1]).toBe(raw.events[21].pitch);
    expect(b.dur[5]).toBe(raw.events[1].dur);
  });
  it('lists the active input units per position, the dense input non-zeros exactly (padding: none)', () => {
    const b = makeBatch(tunes, makeWindows(tunes, 10), 10);
    const want = toSparse(b.x, b.rows * b.steps, INPUT_SIZE, 1)!;
    expect(b.active!.off).toEqual(want.off);
    // Same units per position (makeBatch keeps inputIndices' order; toSparse sorts by unit).
    for (let p = 0; p < b.rows * b.steps; p++) {
      const got = Array.from(b.active!.idx.subarray(b.active!.off[p], b.active!.off[p + 1])).sort((x, y) => x - y);
      expect(got).toEqual(Array.from(want.idx.subarray(want.off[p], want.off[p + 1])));
    }
    expect(b.active!.off[3 * 10 - 1]).toBe(b.active!.off[3 * 10]); // the 3-event window's last padding position
  });
  it('chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
