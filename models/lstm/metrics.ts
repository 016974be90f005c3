// Numbers for one take, so a musician can compare takes and temperatures by more than ear:
// harmony (chord tones on strong beats, chord-scale tones), variety (pitch-class entropy), style
// (interval and duration histograms against the dev set) and novelty (copying from training).
import { DURATIONS, DURATION_TOKENS, REST, tokenToMidi, type EncodedEvent, type EncodedTune } from '../music/vocabulary';
import type { Bar } from '../music/types';
import { eventsToLine, type NoveltyIndex, type ReferenceHistograms } from './novelty';

export const INTERVAL_BINS = 27; // -12..+12 semitones, then "down more than an octave", "up more than an octave"

export interface TakeMetrics {
  notes: number;
  rests: number;
  /** Share of notes on strong beats that are chord tones; null if none. Strong = on the beat, and
   *  beat 1 of an odd meter (3/4, 5/4) or any odd-numbered beat of an even one (1 and 3 of 4/4). */
  chordToneRatio: number | null;
  strongBeatNotes: number;
  /** Share of notes (over a chord, N.C. excluded) in the chord's scale (chord tones count as in). */
  scaleToneRatio: number | null;
  /** Entropy of the take's pitch-class distribution, bits (0..log2 12 = 3.58). */
  pitchEntropy: number;
  /** Jensen-Shannon divergence (bits, 0 = same, 1 = disjoint) of the take's histograms to the dev set's. */
  intervalDistance: number | null;
  durationDistance: number | null;
  /** Novelty: longest run of notes copied verbatim from training (0 = none of minCountedRun notes or more). */
  longestCopiedRun: number | null;
  copiedNgramShare: number | null;
  minCountedRun: number | null;
  /** Why novelty or distances are null, when they are. */
  unavailable?: string[];
}

function has(mask: number, bit: number): boolean {
  return (mask & (1 << bit)) !== 0;
}

function maskOfBits(bits: number[]): number {
  return bits.reduce((m, b) => m | (1 << b), 0);
}

const IONIAN = maskOfBits([0, 2, 4, 5, 7, 9, 11]);
const MIXOLYDIAN = maskOfBits([0, 2, 4, 5, 7, 9, 10]);
const DORIAN = maskOfBits([0, 2, 3, 5, 7, 9, 10]);
const MELODIC_MINOR = maskOfBits([0, 2, 3, 5, 7, 9, 11]);
const LOCRIAN = maskOfBits([0, 1, 3, 5, 6, 8, 10]);
const WHOLE_HALF = maskOfBits([0, 2, 3, 5, 6, 8, 9, 11]);
const WHOLE_TONE = maskOfBits([0, 2, 4, 6, 8, 10]);

/** The usual jazz chord-scale of a chord (relative mask, bit 0 = root), united with the chord's own
 *  tones so written tensions (b9, #11, b13...) count as in the scale. */
export function chordScaleMask(relMask: number): number {
  const minor3 = has(relMask, 3) && !has(relMask, 4);
  let scale: number;
  if (minor3 && has(relMask, 6) && has(relMask, 9) && !has(relMask, 10))
    scale = WHOLE_HALF; // dim7
  else if (minor3 && has(relMask, 6) && !has(relMask, 7))
    scale = LOCRIAN; // m7b5
  else if (minor3) scale = has(relMask, 11) ? MELODIC_MINOR : DORIAN;
  else if (has(relMask, 10))
    scale = MIXOLYDIAN; // dominant and sus
  else if (has(relMask, 4) && has(relMask, 8) && !has(relMask, 7) && !has(relMask, 11))
    scale = WHOLE_TONE; // aug
  else scale = IONIAN;
  return (scale | relMask) & 0xfff;
}

/** Entropy in bits of a histogram of counts (0 when empty). */
export function entropyBits(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return 0;
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) h -= (counts[i] / total) * Math.log2(counts[i] / total);
  return h;
}

function normalize(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return total === 0 ? counts.map(() => 0) : counts.map((c) => c / total);
}

/** Jensen-Shannon divergence in bits between two histograms (normalized here). */
export function jensenShannon(p: number[], q: number[]): number {
  const a = normalize(p);
  const b = normalize(q);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i] + b[i]) / 2;
    if (a[i] > 0) d += 0.5 * a[i] * Math.log2(a[i] / m);
    if (b[i] > 0) d += 0.5 * b[i] * Math.log2(b[i] / m);
  }
  return Math.max(0, Math.min(1, d));
}

export function intervalBin(semitones: number): number {
  if (semitones < -12) return 25;
  if (semitones > 12) return 26;
  return semitones + 12;
}

/** Interval (consecutive notes, rests skipped) and note-duration histograms of event lists (counts). */
export function histograms(eventLists: readonly (readonly EncodedEvent[])[]): { interval: number[]; duration: number[]; notes: number } {
  const interval = new Array(INTERVAL_BINS).fill(0);
  const duration = new Array(DURATION_TOKENS).fill(0);
  let notes = 0;
  for (const events of eventLists) {
    let prev: number | null = null;
    for (const e of events) {
      if (e.pitch === REST) continue;
      const midi = tokenToMidi(e.pitch, e.root)!;
      if (prev !== null) interval[intervalBin(midi - prev)]++;
      duration[e.dur]++;
      prev = midi;
      notes++;
    }
  }
  return { interval, duration, notes };
}

/** The dev set's reference histograms (normalized, rounded), stored with the novelty index. */
export function referenceHistograms(dev: readonly EncodedTune[]): ReferenceHistograms {
  const h = histograms(dev.map((t) => t.events));
  const round = (xs: number[]) => normalize(xs).map((x) => Math.round(x * 1e6) / 1e6);
  return { interval: round(h.interval), duration: round(h.duration), notes: h.notes };
}

export interface MetricsContext {
  novelty?: NoveltyIndex | null;
  reference?: ReferenceHistograms | null;
  /** Said in `unavailable` when novelty is missing (e.g. "the model has no n-gram index and no corpus"). */
  noveltyMissingReason?: string;
  /** The take's bars and first tick, to know the meter of each event (4/4 assumed without). */
  bars?: readonly Bar[];
  startTick?: number;
}

/** Beats in the bar at each event's onset (4 when no bars are given). */
function beatsPerEvent(events: readonly EncodedEvent[], bars: readonly Bar[] | undefined, startTick: number): number[] {
  if (!bars || bars.length === 0) return events.map(() => 4);
  const out: number[] = [];
  let tick = startTick;
  let b = 0;
  for (const e of events) {
    while (b + 1 < bars.length && bars[b + 1].start <= tick) b++;
    out.push(bars[b].beats);
    tick += DURATIONS[e.dur];
  }
  return out;
}

/** A strong beat: on the beat (sub 0), and beat 1 of an odd meter (3/4, 5/4) or any odd-numbered
 *  beat of an even one (1 and 3 of 4/4). `beat` counts from 0. The one home of this rule. */
export function isStrongBeat(beat: number, sub: number, beatsInBar: number): boolean {
  if (sub !== 0) return false;
  return beat === 0 || (Math.round(beatsInBar) % 2 === 0 && beat % 2 === 0);
}

export function computeMetrics(events: readonly EncodedEvent[], ctx: MetricsContext = {}): TakeMetrics {
  const pcCounts = new Array(12).fill(0);
  let notes = 0;
  let strong = 0;
  let strongChordTones = 0;
  let overChord = 0;
  let inScale = 0;
  const meter = beatsPerEvent(events, ctx.bars, ctx.startTick ?? ctx.bars?.[0]?.start ?? 0);
  events.forEach((e, i) => {
    if (e.pitch === REST) return;
    notes++;
    const midi = tokenToMidi(e.pitch, e.root)!;
    pcCounts[midi % 12]++;
    if (e.root < 0) return; // N.C.: no harmony to measure against
    const rel = (((midi - e.root) % 12) + 12) % 12;
    overChord++;
    if (has(chordScaleMask(e.chordMask), rel)) inScale++;
    if (isStrongBeat(e.beat, e.sub, meter[i])) {
      strong++;
      if (has(e.chordMask, rel)) strongChordTones++;
    }
  });
  const unavailable: string[] = [];
  const h = histograms([events]);
  const ref = ctx.reference ?? null;
  if (!ref) unavailable.push('histogram distances: no dev-set reference histograms with this model');
  const haveRef = ref !== null && h.notes > 1;
  let novelty = null;
  if (ctx.novelty) novelty = ctx.novelty.measure(eventsToLine(events));
  else unavailable.push(`novelty: ${ctx.noveltyMissingReason ?? 'no n-gram index of the training set'}`);
  const metrics: TakeMetrics = {
    notes,
    rests: events.length - notes,
    chordToneRatio: strong ? strongChordTones / strong : null,
    strongBeatNotes: strong,
    scaleToneRatio: overChord ? inScale / overChord : null,
    pitchEntropy: entropyBits(pcCounts),
    intervalDistance: haveRef ? jensenShannon(h.interval, ref.interval) : null,
    durationDistance: haveRef ? jensenShannon(h.duration, ref.duration) : null,
    longestCopiedRun: novelty ? novelty.longestCopiedRun : null,
    copiedNgramShare: novelty ? novelty.copiedNgramShare : null,
    minCountedRun: novelty ? novelty.minCountedRun : null,
  };
  if (unavailable.length) metrics.unavailable = unavailable;
  return metrics;
}
