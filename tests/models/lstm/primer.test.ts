// Continue a phrase (models/lstm/primer.ts, models/music/phrase.ts): the primer events say the
// phrase exactly (rests before and after included) in v1 and v2, the primer warms the state (the
// continuation differs from a take without it), the phrase stays in front unchanged at every
// sweep temperature, and bad placements are refused with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from '../../../models/lstm/default-model';
import { initBackend } from '../../../models/lstm/backend';
import { generateTake, loadGenerator, type Generator } from '../../../models/lstm/generator';
import { continuePhrase, primerEvents } from '../../../models/lstm/primer';
import { vocabularyFor } from '../../../models/music/encodings';
import { barsReached, cutPhrase, placePhrase } from '../../../models/music/phrase';
import { progressionFromForm } from '../../../models/music/progression';
import { ENCODING_V1, ENCODING_V2, REST } from '../../../models/music/vocabulary';
import type { Note } from '../../../models/music/types';
import { SWEEP_TEMPERATURES } from '../../../api/takes';

const blues = progressionFromForm('blues', undefined, {});
const n = (pitch: number, start: number, dur: number, velocity = 80): Note => ({ pitch, start, dur, velocity });
// Bar 2 of a line: a rest of a beat, four notes, a rest to the bar line.
const line = [n(60, 0, 12), n(65, 48 + 12, 6), n(67, 48 + 18, 6), n(69, 48 + 24, 12), n(72, 48 + 36, 6), n(70, 96, 24)];

let gen: Generator;
beforeAll(async () => {
  await initBackend();
  gen = await loadGenerator(DEFAULT_MODEL_DIR);
}, 60_000);

describe('phrases', () => {
  it('cuts bars at bar lines, shifted to the first, cutting notes held over the last', () => {
    const p = cutPhrase([...line.slice(0, 5), n(74, 90, 20)], blues.bars, 1, 2);
    expect(p).toEqual({ notes: [n(65, 12, 6), n(67, 18, 6), n(69, 24, 12), n(72, 36, 6), n(74, 42, 6)], ticks: 48, bars: 1 });
    expect(barsReached(line, blues.bars)).toBe(3);
    expect(() => cutPhrase(line, blues.bars, 4, 6)).toThrow('bars 5..6 hold no notes');
    expect(() => cutPhrase(line, blues.bars, 2, 1)).toThrow('first before last');
    expect(() => cutPhrase(line, blues.bars, 0, 13)).toThrow('has 12 bars');
  });

  it('places a phrase on bar lines and refuses one that leaves nothing to continue', () => {
    const p = cutPhrase(line, blues.bars, 0, 2);
    expect(placePhrase(p, blues.bars, 3)).toEqual({ start: 144, end: 240, endBar: 5 });
    expect(() => placePhrase(p, blues.bars, 10)).toThrow('nothing is left to continue');
    expect(() => placePhrase({ ...p, ticks: 60 }, blues.bars)).toThrow('does not end on a bar line');
    expect(() => primerEvents([], 0, 48, blues.chords, blues.bars, ENCODING_V1)).toThrow('the primer phrase has no notes');
  });

  for (const version of [ENCODING_V1, ENCODING_V2] as const) {
    it(`primer events in ${version} decode to the phrase and span it from its first bar line to its last`, () => {
      const vocab = vocabularyFor(version);
      const notes = cutPhrase(line, blues.bars, 1, 2).notes.map((x) => ({ ...x, start: x.start + 48 }));
      const events = primerEvents(notes, 48, 96, blues.chords, blues.bars, version);
      expect(events.reduce((t, e) => t + vocab.spanTicks(e.dur), 0)).toBe(48);
      expect(vocab.decode(events, 48, 80)).toEqual(notes);
      expect(events[0].pitch).toBe(REST); // the rest before the first note
    });
  }
});

describe('continuePhrase', () => {
  const options = { ...blues, seed: 7, temperature: 1, topP: 1 };
  const phrase = cutPhrase(line, blues.bars, 0, 2);

  it('keeps the phrase in front, continues from its end, and the primer changes what follows', () => {
    const c = continuePhrase(gen, options, phrase);
    expect(c.primerEnd).toBe(96);
    expect(c.performed.slice(0, phrase.notes.length)).toEqual(phrase.notes);
    expect(c.take.startTick).toBe(96);
    expect(c.take.notes.every((x) => x.start >= 96)).toBe(true);
    const plain = generateTake(gen, { ...options, startTick: 96 });
    expect(c.take.notes).not.toEqual(plain.take.notes);
    expect(continuePhrase(gen, options, phrase).performed).toEqual(c.performed);
  }, 30_000);

  it('answers N bars after a phrase placed anywhere in the form (a trade)', () => {
    const c = continuePhrase(gen, options, phrase, { atBar: 4, answerBars: 2 });
    expect(c.primerNotes[0].start).toBe(4 * 48);
    expect([c.primerStart, c.primerEnd, c.endTick]).toEqual([192, 288, 384]);
    expect(c.take.notes.every((x) => x.start >= 288 && x.start + x.dur <= 384)).toBe(true);
    expect(() => continuePhrase(gen, options, phrase, { atBar: 8, answerBars: 4 })).toThrow('runs past the changes');
  }, 30_000);

  it('keeps the phrase at every sweep temperature, and the continuations differ', () => {
    const takes = SWEEP_TEMPERATURES.map((temperature) => continuePhrase(gen, { ...options, temperature }, phrase));
    for (const t of takes) expect(t.performed.slice(0, phrase.notes.length)).toEqual(phrase.notes);
    expect(new Set(takes.map((t) => JSON.stringify(t.take.notes))).size).toBeGreaterThan(2);
  }, 30_000);
});
