// The split of a run for any corpus size: by file with at least one dev file (and a warning when the
// dev side is small), by phrase for a one-file corpus (cut at breaths, whole phrases held out, no
// window that crosses from a dev phrase into training).
import { describe, expect, it } from 'vitest';
import { makeWindows, prepareTune } from '../../../models/lstm/batching';
import { MIN_PHRASE_NOTES, SMALL_DEV_NOTES, isPhraseSource, phrasesOf, planSplit } from '../../../models/lstm/split-plan';
import { countNotes, tuneIn } from '../../../models/music/encodings';
import { BREATH_TICKS } from '../../../models/music/vocabulary-v2';
import { DURATIONS, ENCODING_V2, REST, type EncodedEvent, type EncodedTune } from '../../../models/music/vocabulary';
import { patternCorpus, patternTune } from './synthetic-tunes';

const EIGHTH = DURATIONS.indexOf(6);
const TICK = DURATIONS.indexOf(1);
const note = (i: number): EncodedEvent => ({ pitch: 30 + (i % 12), dur: EIGHTH, root: 0, chordMask: 0b10010001, beat: i % 4, sub: 0 });
const rest = (dur: number): EncodedEvent => ({ pitch: REST, dur, root: 0, chordMask: 0b10010001, beat: 0, sub: 6 });

/** One solo (v1, as the importer gives it): `phrases` phrases of `notes` notes, each followed by a breath
 *  (an eighth rest); inside a phrase every 5th note is detached by a one-tick gap, which is no breath. */
function solo(source: string, phrases: number, notes: number): EncodedTune {
  const events: EncodedEvent[] = [];
  let n = 0;
  for (let p = 0; p < phrases; p++) {
    for (let i = 0; i < notes; i++) {
      events.push(note(n++));
      if (i % 5 === 4 && i < notes - 1) events.push(rest(TICK));
    }
    events.push(rest(EIGHTH));
  }
  return { id: `${source}#1`, source, events };
}

describe('phrasesOf', () => {
  it('cuts at breaths only (not at the gap between detached notes), each phrase ending with its breath, nothing lost', () => {
    expect(DURATIONS[EIGHTH]).toBeGreaterThanOrEqual(BREATH_TICKS);
    expect(DURATIONS[TICK]).toBeLessThan(BREATH_TICKS);
    const tune = solo('a.mid', 6, 30);
    const phrases = phrasesOf(tune);
    expect(phrases.map(countNotes)).toEqual([30, 30, 30, 30, 30, 30]);
    expect(phrases.flat()).toEqual(tune.events);
    for (const p of phrases) {
      expect(p[0].pitch).not.toBe(REST);
      expect(p.at(-1)).toEqual(rest(EIGHTH));
    }
  });

  it('keeps at least MIN_PHRASE_NOTES notes in a phrase: short phrases run on to the next breath, a short tail joins the last', () => {
    const short = phrasesOf(solo('b.mid', 7, 10)); // 70 notes in breaths of 10
    expect(short.every((p) => countNotes(p) >= MIN_PHRASE_NOTES)).toBe(true);
    expect(short.map(countNotes)).toEqual([30, 40]); // 30 | 30 + a 10-note tail
  });

  it('cuts a v2 tune at its rest events (in v2 every rest is a breath)', () => {
    const v2 = tuneIn(solo('c.mid', 4, 30), ENCODING_V2);
    expect(phrasesOf(v2).map(countNotes)).toEqual([30, 30, 30, 30]);
  });
});

describe('planSplit', () => {
  it('splits two or more files by file, keeps a dev file, and says how little dev data there is', () => {
    const five = planSplit(patternCorpus(5, 40), 0.1, 1);
    expect(five.byPhrase).toBe(false);
    expect(five.split.dev).toHaveLength(1);
    expect(five.split.train).toHaveLength(4);
    expect(five.note).toBe(
      `Split by file: 4 train files, 1 dev file (40 dev notes). Little dev data (fewer than 3 files or ${SMALL_DEV_NOTES} notes): the dev loss is a rough figure; compare runs on the same split.`,
    );
    const big = planSplit(patternCorpus(40, 600), 0.1, 1);
    expect(big.note).toBe('Split by file: 36 train files, 4 dev files (2400 dev notes).');
    expect(planSplit(patternCorpus(2, 40), 0.5, 3).split.dev).toHaveLength(1);
  });

  it('splits one file by phrase: whole phrases held out, seeded, and no training window holds a dev note', () => {
    const tune = solo('only.mid', 20, 30);
    const plan = planSplit([tune], 0.1, 4);
    expect(plan.byPhrase).toBe(true);
    expect(plan.tunes).toHaveLength(20);
    expect(plan.split.dev).toHaveLength(2);
    expect(plan.split.train).toHaveLength(18);
    expect(plan.split.dev.every((s) => /^only\.mid#phrase-\d+$/.test(s))).toBe(true);
    expect([...plan.split.dev, ...plan.split.train].every(isPhraseSource)).toBe(true);
    expect(isPhraseSource('only.mid')).toBe(false);
    expect(plan.split.train.filter((s) => plan.split.dev.includes(s))).toEqual([]);
    expect(plan.tunes.flatMap((t) => t.events)).toEqual(tune.events);
    expect(planSplit([tune], 0.1, 4)).toEqual(plan);
    expect(planSplit([tune], 0.1, 5).split.dev).not.toEqual(plan.split.dev);
    expect(plan.note).toBe(
      'One file, so it is split by phrase (cut at its breaths), not by overlapping window: 20 phrases, 2 phrases (60 notes) held out as dev, 540 notes to train on; each phrase starts from silence and no window crosses a cut. Very little dev data: the dev loss is a rough figure.',
    );
    // Every training window (overlapping, stride 1) reads events of train phrases only.
    const devEvents = new Set(plan.tunes.filter((t) => plan.split.dev.includes(t.source)).flatMap((t) => t.events));
    const train = plan.tunes.filter((t) => plan.split.train.includes(t.source)).map((t) => tuneIn(t, ENCODING_V2));
    const trainRaw = plan.tunes.filter((t) => plan.split.train.includes(t.source));
    const windows = makeWindows(train.map(prepareTune), 16, 1);
    expect(windows.length).toBeGreaterThan(100);
    for (const w of windows) {
      expect(w.tune).toBeLessThan(train.length);
      expect(w.start + w.length).toBeLessThanOrEqual(train[w.tune].events.length);
    }
    expect(trainRaw.flatMap((t) => t.events).some((e) => devEvents.has(e))).toBe(false);
  });

  it('refuses one file too short for two phrases, saying why, and the same checks as by file', () => {
    expect(() => planSplit([solo('tiny.mid', 1, 40)], 0.1, 1)).toThrow(
      `the corpus is one file with 40 notes in 1 phrase: too little to hold any out as dev (a phrase ends at a breath and holds at least ${MIN_PHRASE_NOTES} notes; 2 phrases are needed). Add a file or a longer solo.`,
    );
    expect(() => planSplit([patternTune('x.mid', 200)], 0.1, 1)).toThrow(/one file with 200 notes in 1 phrase/); // no breath at all
    expect(() => planSplit([], 0.1, 1)).toThrow(/corpus is empty/);
    expect(() => planSplit(patternCorpus(4, 10), 0.7, 1)).toThrow(/dev fraction must be in \(0, 0.5\]/);
  });
});
