// The lines `licklab train` prints: per-epoch figures (text and JSON), the sample panel's column and
// its summary, times. Formatting only; the run itself is in commands/train.ts.
import type { EpochRecord, EpochSample, TrainResult } from '../models/lstm/training-types';

export function fmtSec(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;
}

export const perNote = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '?' : x.toFixed(3));
const fixed = (x: number | null | undefined, d: number) => (x === null || x === undefined || !Number.isFinite(x) ? '?' : x.toFixed(d));

/** The epoch line's `sample` object: the issue's fields first, then the rest of the panel. */
export function sampleJson(s: EpochSample) {
  const { score, chordToneStrong, stepShare, notesPerBar, restShare, longestCopiedRun, ngram8Share, ...rest } = s;
  return { score, chordToneStrong, stepShare, notesPerBar, restShare, longestCopiedRun, ngram8Share, ...rest, ms: Math.round(s.ms) };
}

/** The compact text column: score, longest copied run and 8-gram share, each / the dev solos'. */
export function sampleColumn(s: EpochSample | undefined): string {
  if (!s) return '';
  return `  | sample ${fixed(s.score, 3)}  copy ${fixed(s.longestCopiedRun, 1)}/${fixed(s.dev.longestCopiedRun, 1)} notes  8g ${fixed(s.ngram8Share === null ? null : 100 * s.ngram8Share, 0)}/${fixed(s.dev.ngram8Share === null ? null : 100 * s.dev.ngram8Share, 0)}%`;
}

/** What the panel did: where the best sample score was, and its share of the run's time. */
export function panelLine(result: TrainResult): string {
  const p = result.panel;
  if (!p || 'unavailable' in p) return `sample panel: off (${p?.unavailable ?? 'not set up'})`;
  const share = result.timings.totalMs > 0 ? (100 * (result.timings.panelMs ?? 0)) / result.timings.totalMs : 0;
  const best = result.bestSampleEpoch ?? null;
  const agree =
    best === null
      ? 'no panel ran'
      : best === result.bestEpoch
        ? 'the same epoch as the best dev loss'
        : `the best dev loss was at epoch ${result.bestEpoch}`;
  return (
    `sample panel: ${p.takes} takes x ${p.bars} bars (every ${p.every === 'auto' ? `epoch that fits in ${Math.round(p.budget * 100)}% of the time` : `${p.every} epochs`}), ${share.toFixed(1)}% of the run's time; ` +
    `best sample score at epoch ${best ?? '-'} (${agree}); stopped on ${result.stopOn === 'sample-score' ? 'the sample score' : 'the dev loss'}`
  );
}

/** One epoch as the text line (per event, then per note), `*best` when it is the best dev loss so far. */
export function epochLine(r: EpochRecord, best: boolean): string {
  return `epoch ${String(r.epoch).padStart(3)}  train ${r.trainLoss.toFixed(3)}  dev ${r.devLoss.toFixed(3)} (ppl ${r.devPerplexity.toFixed(1)})  acc ${(100 * r.devAccuracy).toFixed(1)}%  | unigram ${r.unigramDevLoss.toFixed(3)}  bigram ${r.bigramDevLoss.toFixed(3)}  | per note: train ${perNote(r.trainNatsPerNote)}  dev ${perNote(r.devNatsPerNote)}  unigram ${perNote(r.unigramDevNatsPerNote)}  bigram ${perNote(r.bigramDevNatsPerNote)}  | ${(r.ms / 1000).toFixed(1)} s${sampleColumn(r.sample)}${best ? '  *best' : ''}`;
}

/** One epoch as the --json line's object, keys in this order. */
export function epochJson(r: EpochRecord) {
  const { epoch, trainLoss, devLoss, unigramDevLoss, bigramDevLoss, devAccuracy, ms } = r;
  const { trainNatsPerNote, devNatsPerNote, unigramDevNatsPerNote, bigramDevNatsPerNote } = r;
  return {
    epoch,
    trainLoss,
    devLoss,
    unigramDevLoss,
    bigramDevLoss,
    devAccuracy,
    ms: Math.round(ms),
    trainNatsPerNote,
    devNatsPerNote,
    unigramDevNatsPerNote,
    bigramDevNatsPerNote,
    ...(r.sample ? { sample: sampleJson(r.sample) } : {}),
  };
}
