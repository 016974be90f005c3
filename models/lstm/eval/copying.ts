// How much a set of lines copies a model's training data, pooled over the lines: the longest run
// of notes found verbatim in training (any key, any chord: novelty.ts compares transitions), its
// mean and maximum over lines, and the share of 8-note n-grams found there. Run on generated takes
// it says whether the model memorises; run on real solos it gives the reference (how much players
// who never saw that data happen to share with it).
import type { LineNote, NoveltyIndex } from '../novelty';

export interface CopyingStats {
  lines: number;
  /** Mean over lines of the longest copied run (notes; 0 = no run of minCountedRun notes or more). */
  longestRunMean: number | null;
  longestRunMax: number | null;
  /** Copied 8-note n-grams over all 8-note n-grams of all lines. */
  ngram8Share: number | null;
  ngrams: number;
  minCountedRun: number;
}

/** Copying figures of lines (notes in onset order; rests left out) against a training index. */
export function copyingStats(lines: readonly (readonly LineNote[])[], index: NoveltyIndex): CopyingStats {
  let sum = 0;
  let max = 0;
  let copied = 0;
  let ngrams = 0;
  for (const line of lines) {
    const r = index.measure(line);
    sum += r.longestCopiedRun;
    max = Math.max(max, r.longestCopiedRun);
    copied += r.copiedNgrams;
    ngrams += r.ngrams;
  }
  const n = lines.length;
  return {
    lines: n,
    longestRunMean: n ? sum / n : null,
    longestRunMax: n ? max : null,
    ngram8Share: ngrams ? copied / ngrams : null,
    ngrams,
    minCountedRun: index.k + 1,
  };
}

/** The figures when there is no index to measure against (kept the same shape for scripts). */
export function unavailableCopying(lines: number, k: number): CopyingStats {
  return { lines, longestRunMean: null, longestRunMax: null, ngram8Share: null, ngrams: 0, minCountedRun: k + 1 };
}
