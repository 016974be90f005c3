import { describe, expect, it } from 'vitest';
import { fitBaselines } from '../../../models/lstm/baselines';
import { DURATION_TOKENS, ENCODING_V2, PITCH_TOKENS, REST, type EncodedTune } from '../../../models/music/vocabulary';
import { tuneIn, vocabularyFor } from '../../../models/music/encodings';
import { patternCorpus, randomTune } from './synthetic-tunes';

const ev = (pitch: number, dur: number) => ({ pitch, dur, root: 0, chordMask: 1, beat: 0, sub: 0 });

describe('baselines', () => {
  it('unigram is add-k on the joint (pitch, dur) event, in nats per event', () => {
    const train: EncodedTune[] = [{ id: 't', source: 't', events: [ev(1, 0), ev(1, 0), ev(2, 3)] }];
    const dev: EncodedTune[] = [{ id: 'd', source: 'd', events: [ev(1, 0)] }];
    const b = fitBaselines(train, dev);
    const V = PITCH_TOKENS * DURATION_TOKENS;
    expect(b.unigramDevLoss).toBeCloseTo(-Math.log((2 + b.unigramK) / (3 + b.unigramK * V)), 10);
  });
  it('a bigram beats the unigram on a deterministic sequence, and nothing beats chance on noise', () => {
    const b = fitBaselines(patternCorpus(5, 60), patternCorpus(2, 60));
    expect(b.bigramDevLoss).toBeLessThan(b.unigramDevLoss - 0.5);
    const noise = fitBaselines([randomTune('a', 2000, 1)], [randomTune('b', 500, 2)]);
    expect(noise.unigramDevLoss).toBeGreaterThan(Math.log(PITCH_TOKENS * DURATION_TOKENS) - 0.1);
  });
  it('per note: the same dev total divided by the dev notes (rest events counted in the total)', () => {
    const train: EncodedTune[] = [{ id: 't', source: 't', events: [ev(1, 0), ev(REST, 2), ev(2, 3)] }];
    const dev: EncodedTune[] = [{ id: 'd', source: 'd', events: [ev(1, 0), ev(REST, 2), ev(REST, 4), ev(2, 3)] }];
    const b = fitBaselines(train, dev);
    expect(b.unigramDevNatsPerNote).toBeCloseTo((b.unigramDevLoss * 4) / 2, 10);
    expect(b.bigramDevNatsPerNote).toBeCloseTo((b.bigramDevLoss * 4) / 2, 10);
    expect(b.encoding).toBe('licklab-events-v1');
  });
  it('counts the tunes in their own encoding (v2: its larger duration vocabulary) and refuses a mix', () => {
    const v2 = vocabularyFor(ENCODING_V2);
    const train = patternCorpus(3, 30).map((t) => tuneIn(t, ENCODING_V2));
    const dev: EncodedTune[] = [{ id: 'd', source: 'd', encoding: ENCODING_V2, events: [ev(1, v2.durationTokens - 1)] }];
    const b = fitBaselines(train, dev);
    expect(b.encoding).toBe(ENCODING_V2);
    expect(b.unigramDevLoss).toBeCloseTo(-Math.log(b.unigramK / (90 + b.unigramK * v2.pitchTokens * v2.durationTokens)), 10);
    expect(() => fitBaselines([...train, patternCorpus(1, 5)[0]], dev)).toThrow(/different encodings/);
  });
  it('refuses empty splits', () => {
    expect(() => fitBaselines([], patternCorpus(1, 5))).toThrow(/train split has no events/);
    expect(() => fitBaselines(patternCorpus(1, 5), [])).toThrow(/dev split has no events/);
  });
});
