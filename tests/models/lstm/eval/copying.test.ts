import { describe, expect, it } from 'vitest';
import { copyLine, copyingIndex, copyingStats, unavailableCopying } from '../../../../models/lstm/eval/copying';
import { NoveltyIndex, buildNgramIndex, eventsToLine, type LineNote } from '../../../../models/lstm/novelty';
import { fixtureCorpus, makeEtude } from '../helpers/fixture-corpus';

const [a, b, c] = fixtureCorpus(3);
const index = new NoveltyIndex(buildNgramIndex([a, b]));
const lineA = eventsToLine(a.events);
const lineC = eventsToLine(c.events);

/** Transpose and shift a line: copying is judged on intervals and rhythm, in any key. */
const moved = (line: LineNote[], semitones: number, ticks: number) =>
  line.map((x) => ({ ...x, pitch: x.pitch + semitones, start: x.start + ticks }));

describe('copying figures of many lines', () => {
  it('finds a run copied from training in another key, and pools the 8-note n-gram share exactly', () => {
    const copied = moved(lineA.slice(10, 30), 5, 1000); // 20 notes of a training tune, a fourth up
    const fresh = index.measure(lineC);
    const s = copyingStats([copied, lineC], index);
    expect(s.lines).toBe(2);
    expect(s.longestRunMax).toBe(20);
    expect(s.longestRunMean).toBeCloseTo((20 + fresh.longestCopiedRun) / 2);
    expect(s.ngrams).toBe(13 + fresh.ngrams);
    expect(s.ngram8Share).toBeCloseTo((13 + fresh.copiedNgrams) / (13 + fresh.ngrams));
    expect(s.minCountedRun).toBe(5);
  });

  it('says the training data itself is all copied, and a line of its own much less', () => {
    const own = copyingStats([lineA], index);
    expect(own.longestRunMax).toBe(lineA.length);
    expect(own.ngram8Share).toBe(1);
    const other = copyingStats([lineC], index);
    expect(other.ngram8Share!).toBeLessThan(0.5);
    expect(other.longestRunMax!).toBeLessThan(lineC.length / 2);
  });

  it('has null figures for no lines, and the same shape when there is no index', () => {
    expect(copyingStats([], index)).toMatchObject({ lines: 0, longestRunMean: null, longestRunMax: null, ngram8Share: null });
    expect(Object.keys(unavailableCopying(3, 4)).sort()).toEqual(Object.keys(copyingStats([lineC], index)).sort());
  });
});

describe('copying lines of notes, whatever the model’s encoding', () => {
  it('reads notes as their v1 events: a transposed, shifted excerpt of a training solo is a copied run', () => {
    const solo = makeEtude(3);
    const index = copyingIndex([{ id: solo.id, notes: solo.notes }]);
    const excerpt = solo.notes.slice(10, 30).map((n) => ({ ...n, pitch: n.pitch - 3, start: n.start + 480 }));
    expect(copyingStats([copyLine(excerpt)], index).longestRunMax).toBe(20);
    expect(copyLine(excerpt)).toHaveLength(20);
    expect(copyLine(excerpt)[0].start).toBe(0);
    // A note held past the next onset is heard cut there, as encoding cuts it.
    expect(
      copyLine([
        { pitch: 60, start: 0, dur: 24, velocity: 90 },
        { pitch: 62, start: 6, dur: 6, velocity: 90 },
      ])[0].dur,
    ).toBe(6);
  });
});
