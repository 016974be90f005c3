import { describe, expect, it } from 'vitest';
import { NoveltyIndex, buildNgramIndex, eventsToLine, type LineNote } from '../../../models/lstm/novelty';
import { durationToken, pitchToken, type EncodedEvent, type EncodedTune } from '../../../models/music/vocabulary';

function rand(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 4294967296) * n);
  };
}

/** A tune of random notes (pitches 55..80, eighths/quarters, some rests), as encoded events. */
function randomTune(id: string, seed: number, length: number, root = 0): EncodedTune {
  const r = rand(seed);
  const events: EncodedEvent[] = [];
  for (let i = 0; i < length; i++) {
    const dur = durationToken([6, 6, 6, 12, 3, 4][r(6)]);
    const rest = r(10) === 0;
    events.push({ pitch: rest ? 0 : pitchToken(55 + r(26), root), dur, root, chordMask: 0b10010001, beat: 0, sub: 0 });
  }
  return { id, source: `${id}.mid`, events };
}

function line(events: EncodedEvent[]): LineNote[] {
  return eventsToLine(events);
}

describe('n-gram novelty index', () => {
  const train = [randomTune('a', 1, 300), randomTune('b', 2, 300, 5), randomTune('c', 3, 200, 9)];
  const index = new NoveltyIndex(JSON.parse(JSON.stringify(buildNgramIndex(train))));

  it('finds a copied run exactly, in another key and over another chord root', () => {
    const source = line(train[1].events).slice(40, 52); // 12 notes of tune b
    const copy = source.map((n) => ({ ...n, pitch: n.pitch + 3, start: n.start + 1000 }));
    const before = line(randomTune('x', 77, 30).events);
    const after = line(randomTune('y', 78, 30).events).map((n) => ({ ...n, start: n.start + 5000 }));
    const take = [...before, ...copy, ...after];
    const report = index.measure(take);
    expect(report.longestCopiedRun).toBeGreaterThanOrEqual(12);
    expect(report.longestCopiedRun).toBeLessThanOrEqual(13); // a neighbour may match by chance
    expect(report.copiedNgramShare).toBeGreaterThan(0);
  });

  it('counts the share of copied 8-note n-grams', () => {
    const copied = line(train[0].events).slice(100, 110); // 10 notes -> 3 copied 8-grams
    const fresh = line(randomTune('z', 99, 40).events).map((n) => ({ ...n, start: n.start + 10_000 }));
    const take = [...copied, ...fresh.slice(0, 10)];
    const report = index.measure(take);
    expect(report.ngrams).toBe(take.length - 7);
    expect(report.copiedNgramShare).toBeCloseTo(3 / report.ngrams, 5);
    expect(report.longestCopiedRun).toBe(10);
  });

  it('reports nothing copied for a fresh line, and a whole training tune as fully copied', () => {
    const fresh = index.measure(line(randomTune('f', 1234, 120).events));
    expect(fresh.longestCopiedRun).toBe(0);
    expect(fresh.copiedNgramShare).toBe(0);
    const whole = index.measure(line(train[2].events));
    expect(whole.copiedNgramShare).toBe(1);
    expect(whole.longestCopiedRun).toBe(line(train[2].events).length);
  });

  it('does not chain a run across the boundary between two training tunes', () => {
    const endOfA = line(train[0].events).slice(-6);
    const startOfB = line(train[1].events).slice(0, 6);
    const last = endOfA[endOfA.length - 1];
    const shift = last.start + last.dur - startOfB[0].start; // B right after A, as if one tune
    const take = [...endOfA, ...startOfB.map((n) => ({ ...n, start: n.start + shift }))];
    expect(index.measure(take).longestCopiedRun).toBeLessThanOrEqual(6);
  });

  it('a different rhythm is not a copy', () => {
    const source = line(train[0].events).slice(20, 40);
    const stretched = source.map((n) => ({ ...n, start: n.start * 2, dur: n.dur * 2 }));
    expect(index.measure(stretched).longestCopiedRun).toBe(0);
  });

  it('stays compact: 4 bytes (base64) per training transition', () => {
    const data = buildNgramIndex(train);
    expect(data.hashes.length).toBeLessThan(((data.notes + train.length) * 4 * 4) / 3 + 8);
    expect(() => new NoveltyIndex({ ...data, format: 'other' as 'licklab-ngrams' })).toThrow(/unknown format/);
  });
});
