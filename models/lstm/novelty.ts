// How much does a take copy its training data? An index of the training lines, small enough to ride
// in licklab.json, answers two questions fast: the longest run of notes copied verbatim, and the
// share of the take's 8-note n-grams that occur in training.
//
// A line is compared as its note-to-note "transitions" (interval in semitones, the note's
// duration, the time to the next onset), so a lick counts as copied in any key and over any chord.
// The index stores, for every training position, a 32-bit hash of the K transitions starting there
// (K = 4, i.e. 5 notes), in training order. Loading sorts the positions by hash; a copied run is a
// chain of K-grams found at CONSECUTIVE training positions, so runs are exact (up to hash collisions
// of a whole chain, which would need several independent 32-bit collisions in a row).
import { DURATIONS, REST, tokenToMidi, type EncodedEvent, type EncodedTune } from '../music/vocabulary';
import { mix32 } from './rng';

export const NGRAM_K = 4; // transitions per hashed gram = 5 notes: the shortest run we count as copied
export const SHARE_N = 8; // the "8-note n-grams" of copiedNgramShare

/** Reference histograms of the dev set (for metrics); bins as in metrics.ts. */
export interface ReferenceHistograms {
  interval: number[];
  duration: number[];
  notes: number;
}

/** What is stored in licklab.json as `ngramIndex`. */
export interface NgramIndexData {
  format: 'licklab-ngrams';
  version: 1;
  k: number;
  symbol: 'interval-dur-ioi-v1';
  tunes: number;
  notes: number;
  hashes: string; // base64 of a little-endian Uint32Array: one K-gram hash per position, 0 = none starts here
  dev?: ReferenceHistograms;
}

export interface LineNote {
  pitch: number;
  start: number;
  dur: number;
}

/** The notes (rests dropped) of an encoded event list, onsets from tick 0. */
export function eventsToLine(events: readonly EncodedEvent[]): LineNote[] {
  const out: LineNote[] = [];
  let t = 0;
  for (const e of events) {
    const d = DURATIONS[e.dur];
    if (e.pitch !== REST) out.push({ pitch: tokenToMidi(e.pitch, e.root)!, start: t, dur: d });
    t += d;
  }
  return out;
}

/** One transition symbol (exact packing, 27 bits): interval, duration and inter-onset time. */
export function transitionSymbol(a: LineNote, b: LineNote): number {
  const interval = Math.max(-48, Math.min(48, b.pitch - a.pitch)) + 64;
  const dur = Math.min(1023, a.dur);
  const ioi = Math.min(1023, Math.max(0, b.start - a.start));
  return (interval | (dur << 7) | (ioi << 17)) >>> 0;
}

export function lineTransitions(line: readonly LineNote[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < line.length; i++) out.push(transitionSymbol(line[i - 1], line[i]));
  return out;
}

/** Hash of k transitions starting at `from`; never 0 (0 marks "no gram here"). */
export function gramHash(symbols: ArrayLike<number>, from: number, k: number): number {
  let h = 0x2545f491;
  for (let i = 0; i < k; i++) h = mix32(h ^ Math.imul(symbols[from + i] + 1, 0x9e3779b1));
  return h === 0 ? 1 : h;
}

function toBase64(a: Uint32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  a.forEach((v, i) => view.setUint32(i * 4, v, true));
  // btoa/atob exist in Node and browsers alike (no Buffer, so the studio can read the index too).
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(s: string): Uint32Array {
  const bin = atob(s);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  if (bytes.length % 4 !== 0) throw new Error('ngram index: hash data is not a whole number of 32-bit words');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** Build the index from the training tunes (the trainer calls this at save time).
 *  `devHistograms` (from metrics.referenceHistograms of the dev tunes) is stored alongside. */
export function buildNgramIndex(train: readonly EncodedTune[], devHistograms?: ReferenceHistograms): NgramIndexData {
  const hashes: number[] = [];
  let notes = 0;
  for (const tune of train) {
    const line = eventsToLine(tune.events);
    notes += line.length;
    const sym = lineTransitions(line);
    for (let p = 0; p < sym.length; p++) hashes.push(p + NGRAM_K <= sym.length ? gramHash(sym, p, NGRAM_K) : 0);
    hashes.push(0); // boundary: no chain runs from one tune into the next
  }
  const data: NgramIndexData = {
    format: 'licklab-ngrams',
    version: 1,
    k: NGRAM_K,
    symbol: 'interval-dur-ioi-v1',
    tunes: train.length,
    notes,
    hashes: toBase64(Uint32Array.from(hashes)),
  };
  if (devHistograms) data.dev = devHistograms;
  return data;
}

/** Copy state while a line grows note by note (immutable: keep a reference to roll back). */
export interface CopyState {
  last: LineNote | null;
  recent: number[]; // the last k transition symbols
  chains: Map<number, number>; // training position of the newest gram -> grams chained so far
  run: number; // copied run (notes) ending at the newest note, 0 when under k + 1
}

export interface NoveltyReport {
  longestCopiedRun: number; // notes; 0 = no run of minCountedRun notes or more
  minCountedRun: number;
  copiedNgramShare: number; // share of the take's 8-note n-grams found in training (0..1)
  copiedNgrams: number; // how many of them were found (so shares pool exactly over many takes)
  ngrams: number; // how many 8-note n-grams the take has
}

export class NoveltyIndex {
  readonly k: number;
  private readonly sortedHashes: Uint32Array;
  private readonly positions: Uint32Array;

  constructor(readonly data: NgramIndexData) {
    if (data?.format !== 'licklab-ngrams' || data.version !== 1 || data.symbol !== 'interval-dur-ioi-v1') {
      throw new Error('ngram index: unknown format (expected licklab-ngrams v1, interval-dur-ioi-v1)');
    }
    this.k = data.k;
    const hashes = fromBase64(data.hashes);
    const pos: number[] = [];
    for (let p = 0; p < hashes.length; p++) if (hashes[p] !== 0) pos.push(p);
    pos.sort((a, b) => hashes[a] - hashes[b] || a - b);
    this.positions = Uint32Array.from(pos);
    this.sortedHashes = Uint32Array.from(pos, (p) => hashes[p]);
  }

  /** Training positions whose gram has this hash (ascending). */
  lookup(hash: number): Uint32Array {
    const a = this.sortedHashes;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < a.length && a[end] === hash) end++;
    return this.positions.subarray(lo, end);
  }

  emptyState(): CopyState {
    return { last: null, recent: [], chains: new Map(), run: 0 };
  }

  /** The copy state after one more note. */
  push(state: CopyState, note: LineNote): CopyState {
    if (!state.last) return { last: note, recent: [], chains: new Map(), run: 0 };
    const recent = [...state.recent, transitionSymbol(state.last, note)].slice(-this.k);
    if (recent.length < this.k) return { last: note, recent, chains: new Map(), run: 0 };
    const chains = new Map<number, number>();
    let best = 0;
    for (const p of this.lookup(gramHash(recent, 0, this.k))) {
      const len = (state.chains.get(p - 1) ?? 0) + 1;
      chains.set(p, len);
      if (len > best) best = len;
    }
    return { last: note, recent, chains, run: best ? best + this.k : 0 };
  }

  /** Longest copied run and the copied share of 8-note n-grams of a whole line. */
  measure(line: readonly LineNote[]): NoveltyReport {
    let state = this.emptyState();
    let longest = 0;
    let copied = 0;
    const runs: number[] = [];
    for (const note of line) {
      state = this.push(state, note);
      runs.push(state.run);
      longest = Math.max(longest, state.run);
    }
    // The 8-note n-gram ending at note j is copied iff the run ending at j covers all 8 notes.
    for (let j = SHARE_N - 1; j < line.length; j++) if (runs[j] >= SHARE_N) copied++;
    const ngrams = Math.max(0, line.length - SHARE_N + 1);
    return {
      longestCopiedRun: longest,
      minCountedRun: this.k + 1,
      copiedNgramShare: ngrams ? copied / ngrams : 0,
      copiedNgrams: copied,
      ngrams,
    };
  }
}
