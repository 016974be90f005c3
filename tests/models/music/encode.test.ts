import { describe, expect, it } from 'vitest';
import { contextAt, decodeEvents, encodeTune } from '../../../models/music/encode';
import { maskOf, type Tune } from '../../../models/music/types';
import { DURATIONS, REST, relativeChordMask } from '../../../models/music/vocabulary';

const bars = [0, 48, 96, 132].map((start, i) => ({ start, beats: i === 2 ? 3 : 4 }));
const chords = [
  { start: 0, end: 48, symbol: 'Dm7', root: 2, mask: maskOf([2, 5, 9, 0]) },
  { start: 48, end: 96, symbol: 'G7', root: 7, mask: maskOf([7, 11, 2, 5]) },
  // 96..132 no chord (N.C.)
  { start: 132, end: 180, symbol: 'Cmaj7', root: 0, mask: maskOf([0, 4, 7, 11]) },
];
const tune: Tune = {
  id: 't',
  source: '/x/t.mid',
  title: 't',
  bars,
  chords,
  tempo: 120,
  chordSource: 'chart',
  notes: [
    { pitch: 62, start: 6, dur: 6, velocity: 90 },
    { pitch: 65, start: 12, dur: 4, velocity: 90 },
    { pitch: 69, start: 16, dur: 4, velocity: 90 },
    { pitch: 72, start: 20, dur: 4, velocity: 90 },
    { pitch: 71, start: 48, dur: 36, velocity: 90 },
    { pitch: 40, start: 100, dur: 1, velocity: 90 }, // N.C.
    { pitch: 96, start: 132, dur: 48, velocity: 90 }, // top of the token range over C: still exact
  ],
};

describe('encodeTune / decodeEvents', () => {
  it('fills gaps with rests and decodes to exactly the same notes', () => {
    const enc = encodeTune(tune);
    expect(enc.id).toBe('t');
    expect(enc.source).toBe('/x/t.mid');
    expect(enc.startTick).toBe(6);
    const total = enc.events.reduce((a, e) => a + DURATIONS[e.dur], 0);
    expect(6 + total).toBe(180);
    const rests = enc.events.filter((e) => e.pitch === REST).map((e) => DURATIONS[e.dur]);
    expect(rests).toEqual([24, 16, 30, 1]); // 24..48, 84..100, 101..132 (greedy, longest first)
    const back = decodeEvents(enc.events, enc.startTick, tune.bars, 90);
    expect(back).toEqual(tune.notes);
    // beyond the range (C7 over a C chord) a note moves by octaves, as the vocabulary documents
    const high = encodeTune({ ...tune, notes: [{ pitch: 100, start: 132, dur: 48, velocity: 90 }] });
    expect(decodeEvents(high.events, high.startTick)[0].pitch).toBe(88);
  });

  it('conditions every event on the chord (relative mask) and metric position at its onset', () => {
    const enc = encodeTune(tune);
    const first = enc.events[0];
    expect(first).toMatchObject({ root: 2, chordMask: maskOf([0, 3, 7, 10]), beat: 0, sub: 6 });
    const g7 = enc.events.find((e) => e.root === 7 && e.pitch !== REST)!;
    expect(g7.chordMask).toBe(relativeChordMask(chords[1].mask, 7));
    expect(contextAt(100, chords, bars)).toEqual({ root: -1, chordMask: 0, beat: 0, sub: 4 });
    expect(contextAt(130, chords, bars)).toEqual({ root: -1, chordMask: 0, beat: 2, sub: 10 }); // 3/4 bar
    expect(contextAt(200, chords, bars)).toEqual({ root: -1, chordMask: 0, beat: 1, sub: 8 }); // after the last bar: 4/4 continues
  });

  it('cuts overlapping notes at the next onset and floors odd lengths (lossy only on unquantized input)', () => {
    const messy: Tune = {
      ...tune,
      notes: [
        { pitch: 60, start: 0, dur: 20, velocity: 80 },
        { pitch: 62, start: 5, dur: 7, velocity: 80 },
      ],
    };
    const enc = encodeTune(messy);
    const back = decodeEvents(enc.events, enc.startTick);
    expect(back.map((n) => [n.pitch, n.start, n.dur])).toEqual([
      [60, 0, 4],
      [62, 5, 6],
    ]);
  });
});
