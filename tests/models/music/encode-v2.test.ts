import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeTune } from '../../../models/music/encode';
import { foldArticulations, unfoldToV1 } from '../../../models/music/encode-v2';
import { countNotes, parseEncodingName, tuneIn, vocabularyFor, vocabularyForSizes } from '../../../models/music/encodings';
import { maskOf, type Note, type Tune } from '../../../models/music/types';
import { DURATIONS, ENCODING_V1, ENCODING_V2, REST } from '../../../models/music/vocabulary';
import {
  ARTICULATIONS,
  BREATH_TICKS,
  IOI_TICKS,
  articulationOfToken,
  durationTokenV2,
  ioiOfToken,
  soundingTicks,
} from '../../../models/music/vocabulary-v2';

const v2 = vocabularyFor(ENCODING_V2);
const bars = [0, 48, 96, 144].map((start) => ({ start, beats: 4 }));
const chords = [
  { start: 0, end: 96, symbol: 'Dm7', root: 2, mask: maskOf([2, 5, 9, 0]) },
  { start: 96, end: 192, symbol: 'G7', root: 7, mask: maskOf([7, 11, 2, 5]) },
];
const n = (pitch: number, start: number, dur: number): Note => ({ pitch, start, dur, velocity: 90 });
// A line as the importer leaves it (lengths on v1's durations): detached sixteenths and eighths,
// a legato run, a breath of a beat and a half, a staccato eighth, swung 7-tick eighths.
const notes = [
  n(62, 0, 2),
  n(65, 3, 2),
  n(69, 6, 4),
  n(72, 12, 6), // detached sixteenths, detached eighth, legato eighth
  n(71, 18, 6),
  n(69, 24, 4), // legato, then a detached eighth
  n(67, 30, 12), // a quarter, then a breath 42..60 (18 ticks)
  n(65, 60, 3),
  n(64, 66, 6),
  n(62, 73, 4), // a staccato eighth, then 7-tick IOIs legato and detached
  n(60, 80, 96), // a long note (IOI 96) then nothing
];
const tune: Tune = { id: 't', source: '/x/t.mid', title: 't', bars, chords, notes, tempo: 160, chordSource: 'chart' };

describe('licklab-events-v2', () => {
  it('folds a silence under half a beat into the note before it; a breath stays rest events', () => {
    const enc = v2.encode(tune);
    expect(enc.encoding).toBe(ENCODING_V2);
    expect(enc.startTick).toBe(0);
    const v1 = encodeTune(tune);
    expect(countNotes(enc.events)).toBe(notes.length);
    expect(countNotes(v1.events)).toBe(notes.length);
    // v1 spends a rest on every articulation gap; v2 only on the breath (18 ticks = one rest).
    expect(v1.events.filter((e) => e.pitch === REST)).toHaveLength(8);
    const rests = enc.events.filter((e) => e.pitch === REST);
    expect(rests.map((e) => v2.spanTicks(e.dur))).toEqual([18]);
    expect(rests.every((e) => v2.restAllows(e.dur))).toBe(true);
    const noteEvents = enc.events.filter((e) => e.pitch !== REST);
    expect(noteEvents.map((e) => ioiOfToken(e.dur))).toEqual([3, 3, 6, 6, 6, 6, 12, 6, 7, 7, 96]);
    expect(noteEvents.map((e) => ARTICULATIONS[articulationOfToken(e.dur)].name)).toEqual([
      'detached',
      'detached',
      'detached',
      'legato',
      'legato',
      'detached',
      'legato',
      'staccato',
      'legato',
      'detached',
      'legato',
    ]);
    // Every event keeps v1's condition at its onset.
    expect(v1.events.filter((e) => e.pitch !== REST).map(({ root, chordMask, beat, sub }) => ({ root, chordMask, beat, sub }))).toEqual(
      noteEvents.map(({ root, chordMask, beat, sub }) => ({ root, chordMask, beat, sub })),
    );
    expect(noteEvents[10]).toMatchObject({ root: 2, beat: 2, sub: 8 }); // onset 80: second bar (48) + 32 ticks
  });

  it('decodes onsets exactly and each length as its class share of the IOI; re-encoding gives the same events', () => {
    const enc = v2.encode(tune);
    const back = v2.decode(enc.events, enc.startTick);
    expect(back.map((x) => [x.pitch, x.start])).toEqual(notes.map((x) => [x.pitch, x.start]));
    enc.events
      .filter((e) => e.pitch !== REST)
      .forEach((e, i) => {
        expect(back[i].dur).toBe(soundingTicks(ioiOfToken(e.dur), articulationOfToken(e.dur)));
      });
    // Lengths this line has are all representable: the decoded line is the line.
    expect(back.map((x) => x.dur)).toEqual(notes.map((x) => x.dur));
    const again = v2.encode({ ...tune, notes: back });
    expect(again.events).toEqual(enc.events);
  });

  it('a length between classes reads back as the nearest class, onsets still exact', () => {
    // IOI 12 sounding 8: classes sound 4 (0.45 -> 5 -> floored to the duration 4), 9, 12: nearest is 9.
    const t: Tune = { ...tune, notes: [n(60, 0, 8), n(62, 12, 12)] };
    const enc = v2.encode(t);
    expect(ARTICULATIONS[articulationOfToken(enc.events[0].dur)].name).toBe('detached');
    expect(v2.decode(enc.events, enc.startTick).map((x) => [x.start, x.dur])).toEqual([
      [0, 9],
      [12, 12],
    ]);
  });

  it('an articulated IOI outside the list keeps v1 form (note, then rest) so onsets stay exact', () => {
    expect(IOI_TICKS.includes(13)).toBe(false);
    const t: Tune = { ...tune, notes: [n(60, 0, 12), n(62, 13, 6)] };
    const enc = v2.encode(t);
    expect(enc.events.map((e) => [e.pitch === REST ? 'rest' : 'note', v2.spanTicks(e.dur)])).toEqual([
      ['note', 12],
      ['rest', 1],
      ['note', 6],
    ]);
    expect(v2.decode(enc.events, 0).map((x) => x.start)).toEqual([0, 13]);
  });

  it('a silence of exactly BREATH_TICKS is a breath; one tick less is articulation', () => {
    const breath = v2.encode({ ...tune, notes: [n(60, 0, 6), n(62, 6 + BREATH_TICKS, 6)] });
    expect(breath.events.map((e) => e.pitch === REST)).toEqual([false, true, false]);
    const articulated = v2.encode({ ...tune, notes: [n(60, 0, 6), n(62, 6 + BREATH_TICKS - 1, 6)] });
    expect(articulated.events.map((e) => e.pitch === REST)).toEqual([false, false]);
  });

  it('v1 <-> v2: folding is exact on any v1 list, and unfolding gives back v1 events of the same notes', () => {
    const v1 = encodeTune(tune);
    expect(foldArticulations(v1.events)).toEqual(v2.encode(tune).events);
    const v1Again = unfoldToV1(v2.encode(tune).events);
    expect(decodeEvents(v1Again, 0)).toEqual(v2.decode(v2.encode(tune).events, 0));
    expect(v1Again.map((e) => e.pitch)).toEqual(v1.events.map((e) => e.pitch));
    // Untagged tunes are v1; tuneIn folds them, refuses the way back.
    const tagged = tuneIn({ id: 'x', source: 's', events: v1.events }, ENCODING_V2);
    expect(tagged).toMatchObject({ encoding: ENCODING_V2, events: v2.encode(tune).events });
    expect(() => tuneIn(tagged, ENCODING_V1)).toThrow(/encoded in licklab-events-v2 and cannot be turned into licklab-events-v1/);
  });

  it('vocabularies by version and by network shape; tokens checked', () => {
    expect(vocabularyFor(ENCODING_V1)).toMatchObject({ inputSize: 126, pitchTokens: 74, durationTokens: DURATIONS.length });
    expect(v2).toMatchObject({ inputSize: 126 + 3 * IOI_TICKS.length - DURATIONS.length, durationTokens: 3 * IOI_TICKS.length });
    expect(vocabularyForSizes(v2.inputSize, 74, v2.durationTokens)?.version).toBe(ENCODING_V2);
    expect(vocabularyForSizes(127, 74, 17)).toBeNull();
    expect(parseEncodingName('v1')).toBe(ENCODING_V1);
    expect(parseEncodingName('licklab-events-v2')).toBe(ENCODING_V2);
    expect(() => vocabularyFor('licklab-events-v9')).toThrow(/unknown encoding "licklab-events-v9"/);
    expect(() => ioiOfToken(v2.durationTokens)).toThrow(/bad duration token/);
    expect(durationTokenV2(13, 0)).toBe(-1);
    // Every input index of every token lies inside the layout.
    const ctx = { root: 2, chordMask: 0b10010001001, beat: 7, sub: 11 };
    const last = { pitch: 73, dur: v2.durationTokens - 1, ...ctx };
    expect(Math.max(...v2.inputIndices(last, ctx))).toBe(v2.inputSize - 1);
  });
});
