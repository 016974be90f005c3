import { describe, expect, it } from 'vitest';
import { fitBaselines } from '../../../models/lstm/baselines';
import { DURATION_TOKENS, PITCH_TOKENS, type EncodedTune } from '../../../models/music/vocabulary';
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
  it('refuses empty splits', () => {
    expect(() => fitBaselines([], patternCorpus(1, 5))).toThrow(/train split has no events/);
    expect(() => fitBaselines(patternCorpus(1, 5), [])).toThrow(/dev split has no events/);
  });
});
