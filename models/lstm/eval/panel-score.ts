// The "sounds like the dev set" score of a sample panel: one number per epoch from the panel's
// figures set against the real dev solos' figures over the same bars, so the learner can follow
// sample quality beside the loss. The formula (also in the README and the chart's help):
//
//   score = 1 - mean of nine distances, each in [0, 1] (0 = the takes match the dev solos):
//     intervalJS, durationJS, ioiJS                       Jensen-Shannon distances of the histograms (bits)
//     |chord tones on strong beats - dev's|, |step share - dev's|, |rest share - dev's|, |off-beat share - dev's|
//     min(1, |ln(notes per bar / dev's)|)                 (twice or half as busy costs 0.69)
//     max(0, 8-gram share copied from training - dev's)   copying beyond what real players share with it
//   A figure that cannot be measured (no notes) counts as the worst distance, 1.
// 1 = the takes' figures equal the dev solos'. Trained models sit high on this scale (0.89-0.97 on
// WJD in the first 8 epochs): read its changes from epoch to epoch, not its distance from 1.
import type { EpochRecord, EpochSample } from '../training-types';
import type { CopyingStats } from './copying';
import type { SampleStats } from './sample-stats';

export const SCORE_TERMS = [
  'intervalJS',
  'durationJS',
  'ioiJS',
  'chordToneStrong',
  'stepShare',
  'restShare',
  'offBeatShare',
  'notesPerBar',
  'copying',
] as const;
export type ScoreTerm = (typeof SCORE_TERMS)[number];

export const SCORE_FORMULA =
  'score = 1 − the mean of nine distances to the dev solos over the same bars (each 0..1): the interval, duration and inter-onset ' +
  'histograms (Jensen-Shannon), the differences in chord tones on strong beats, step share, rest share and off-beat share, ' +
  'min(1, |ln(notes per bar ÷ the dev solos’)|), and the 8-gram share copied from the training files beyond the dev solos’ own. ' +
  '1 = plays like the dev set; follow how it moves from epoch to epoch.';

const gap = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? 1 : Math.min(1, Math.abs(a - b));

/** The nine distances (each in [0, 1]) and the score. `gen` must carry the JS distances to `real`. */
export function soundsLikeScore(
  gen: SampleStats,
  real: SampleStats,
  genCopy: CopyingStats,
  realCopy: CopyingStats,
): { score: number; terms: Record<ScoreTerm, number> } {
  const js = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? 1 : Math.min(1, Math.max(0, x)));
  const busy = gen.notesPerBar && real.notesPerBar ? Math.min(1, Math.abs(Math.log(gen.notesPerBar / real.notesPerBar))) : 1;
  const copied = genCopy.ngram8Share === null ? 1 : Math.max(0, genCopy.ngram8Share - (realCopy.ngram8Share ?? 0));
  const terms: Record<ScoreTerm, number> = {
    intervalJS: js(gen.intervalJS),
    durationJS: js(gen.durationJS),
    ioiJS: js(gen.ioiJS),
    chordToneStrong: gap(gen.chordToneStrong, real.chordToneStrong),
    stepShare: gap(gen.stepShare, real.stepShare),
    restShare: gap(gen.restShare, real.restShare),
    offBeatShare: gap(gen.offBeatShare, real.offBeatShare),
    notesPerBar: busy,
    copying: Math.min(1, copied),
  };
  const mean = SCORE_TERMS.reduce((s, k) => s + terms[k], 0) / SCORE_TERMS.length;
  return { score: 1 - mean, terms };
}

/** The record with the best sample score (highest finite, the earliest on a tie), or null. */
export function bestSampleRecord<R extends { sample?: Pick<EpochSample, 'score'> }>(history: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of history) {
    const s = r.sample?.score;
    if (s !== undefined && Number.isFinite(s) && (best === null || s > best.sample!.score)) best = r;
  }
  return best;
}

export function bestSampleEpoch(history: readonly Pick<EpochRecord, 'epoch' | 'sample'>[]): number | null {
  return bestSampleRecord(history)?.epoch ?? null;
}

/** Whether any epoch of a history carries sample figures (models saved before the panel have none). */
export function hasSampleHistory(history: readonly Pick<EpochRecord, 'sample'>[]): boolean {
  return history.some((r) => r.sample !== undefined);
}
