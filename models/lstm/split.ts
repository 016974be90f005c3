// Train/dev split BY SOURCE FILE, seeded: every tune (chorus) of a file goes to the same side, so
// no window of a dev file is ever trained on, not even an overlapping one.
import type { EncodedTune } from '../music/vocabulary';
import { mulberry32, shuffleInPlace } from '../random';

export interface Split {
  train: string[]; // sources
  dev: string[];
}

/** The split's stream for a user seed (any integer; the golden-ratio mix keeps seed 0 lively). */
export function seededRandom(seed: number): () => number {
  return mulberry32((Math.floor(seed) >>> 0) ^ 0x9e3779b9);
}

/** Sources that hold at least one event, in a stable (sorted) order. */
export function sourcesWithEvents(tunes: EncodedTune[]): string[] {
  return [...new Set(tunes.filter((t) => t.events.length > 0).map((t) => t.source))].sort();
}

export function splitBySource(tunes: EncodedTune[], devFraction: number, seed: number): Split {
  if (!(Number.isFinite(devFraction) && devFraction > 0 && devFraction <= 0.5)) {
    throw new Error(`dev fraction must be in (0, 0.5], got ${devFraction}`);
  }
  const sources = sourcesWithEvents(tunes);
  if (sources.length === 0) throw new Error('the corpus is empty: no tune has any note events to train on');
  if (sources.length < 2) {
    throw new Error(
      `the corpus is too small to split into train and dev: it has ${sources.length} source file with events; at least 2 are needed (dev files are never trained on)`,
    );
  }
  const shuffled = shuffleInPlace([...sources], seededRandom(seed));
  const nDev = Math.min(sources.length - 1, Math.max(1, Math.round(devFraction * sources.length)));
  return { dev: shuffled.slice(0, nDev).sort(), train: shuffled.slice(nDev).sort() };
}

/** Check a given split against the corpus: disjoint, non-empty, every source known and with events. */
export function checkSplit(tunes: EncodedTune[], split: Split): Split {
  const known = new Set(sourcesWithEvents(tunes));
  if (known.size === 0) throw new Error('the corpus is empty: no tune has any note events to train on');
  const train = [...new Set(split.train)].sort();
  const dev = [...new Set(split.dev)].sort();
  if (train.length === 0 || dev.length === 0) throw new Error('a split needs at least one train and one dev source');
  const both = train.filter((s) => dev.includes(s));
  if (both.length) throw new Error(`a source cannot be both train and dev: ${both.slice(0, 3).join(', ')}`);
  const unknown = [...train, ...dev].filter((s) => !known.has(s));
  if (unknown.length) throw new Error(`split names sources with no events in the corpus: ${unknown.slice(0, 3).join(', ')}`);
  return { train, dev };
}
