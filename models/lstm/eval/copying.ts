// How much a set of lines copies a model's training data, pooled over the lines: the longest run
// of notes found verbatim in training (any key, any chord: novelty.ts compares transitions), its
// mean and maximum over lines, and the share of 8-note n-grams found there. Run on generated takes
// it says whether the model memorises; run on real solos it gives the reference (how much players
// who never saw that data happen to share with it).
// Lines are compared as the v1 events of their notes (the index's `interval-dur-ioi-v1` symbols),
// whatever the model's encoding, so takes of v1 and v2 models are measured alike.
import { encodeTune } from '../../music/encode';
import type { Note, Tune } from '../../music/types';
import type { EncodedTune } from '../../music/vocabulary';
import { buildNgramIndex, eventsToLine, NoveltyIndex, type LineNote } from '../novelty';

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

/** A line as the copying index reads it: the v1 events of its notes (one note per onset, each cut
 *  at the next onset and snapped to a v1 duration), onsets from 0. Chords do not matter here. */
export function copyLine(notes: readonly Note[]): LineNote[] {
  return eventsToLine(v1Events(notes, 'line').events);
}

function v1Events(notes: readonly Note[], id: string): EncodedTune {
  const tune: Tune = { id, source: id, title: id, notes: [...notes], chords: [], bars: [], tempo: 120, chordSource: 'none' };
  return { id, source: id, events: encodeTune(tune).events };
}

/** The copying index of training solos (the v1 events of their notes). */
export function copyingIndex(solos: readonly { id: string; notes: readonly Note[] }[]): NoveltyIndex {
  return new NoveltyIndex(buildNgramIndex(solos.map((s) => v1Events(s.notes, s.id))));
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
