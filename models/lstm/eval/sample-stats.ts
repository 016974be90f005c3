// How a set of solo lines plays, measured the same way for real solos and for generated takes, so
// the two can be set side by side (licklab eval, and every epoch on the training dashboard):
// harmony (chord tones on strong beats), melody (steps, leaps, pitch-class entropy, range), rhythm
// (notes per bar, rests, off-beat onsets, duration and inter-onset histograms).
//
// Everything is read from NOTES over chords and bars, never from encoded events, so the figures do
// not depend on the model's encoding (v1 and v2 models are measured alike). A line is taken as the
// model hears it: notes in onset order, one per onset (the highest), each sounding until the next
// onset at most; a silence is any gap between a note's end and the next onset.
// Counts are additive (addSampleCounts), so many solos pool exactly and cheaply.
import { barsEnd, chordSpanAt, lastStartingBy, type Bar, type ChordSpan, type Note } from '../../music/types';
import { TICKS_PER_BEAT } from '../../music/vocabulary';
import { INTERVAL_BINS, entropyBits, intervalBin, isStrongBeat, jensenShannon } from '../metrics';

/** Duration bins: a note's sounding length floored onto the sixteenth/triplet grid (ticks, 12 per
 *  beat). Fixed here, not taken from an encoding's vocabulary, so every model is binned alike. */
export const DURATION_BIN_TICKS: readonly number[] = [1, 2, 3, 4, 6, 8, 9, 12, 16, 18, 24, 30, 36, 48, 60, 72, 96];
/** Inter-onset bins: 1..48 ticks one by one (up to a bar of 4/4), then "longer". */
export const IOI_BINS = 49;
/** At most this long (ticks) is a "short" note: a sixth of a beat. */
export const SHORT_NOTE_TICKS = TICKS_PER_BEAT / 6;
/** At most this long (ticks) is a "short" silence: a sixteenth, an articulation rather than a breath. */
export const SHORT_REST_TICKS = TICKS_PER_BEAT / 4;

/** One solo line with its changes (a real solo, or a take generated over those changes). */
export interface SoloLine {
  notes: readonly Note[];
  chords: readonly ChordSpan[];
  bars: readonly Bar[];
}

export interface SampleCounts {
  solos: number; // lines with at least one note
  notes: number;
  silences: number;
  shortSilences: number;
  bars: number; // bars from each line's first note to its last, summed
  strongNotes: number; // notes on strong beats over a chord (N.C. left out)
  strongChordTones: number;
  chordNotes: number; // notes over a chord
  chordTones: number;
  intervals: number;
  steps: number; // |interval| <= 2 (repeats count as steps)
  leaps: number; // |interval| >= 7
  offBeat: number; // onsets off the beat
  shortNotes: number;
  entropySum: number; // pitch-class entropy (bits), summed over solos
  rangeSum: number; // highest - lowest note (semitones), summed over solos
  intervalHist: number[];
  durationHist: number[];
  ioiHist: number[];
}

/** The figures of a set of lines; a share is null when nothing could be measured. Histograms are
 *  normalised. The JS distances (Jensen-Shannon, bits: 0 same, 1 disjoint) are to the real solos'
 *  histograms and are present on generated figures only. */
export interface SampleStats {
  solos: number;
  notes: number;
  bars: number;
  chordToneStrong: number | null;
  chordToneShare: number | null;
  stepShare: number | null;
  leapShare: number | null;
  notesPerBar: number | null;
  restShare: number | null; // silences among notes + silences
  shortRestShare: number | null; // silences of a sixteenth or less among notes + silences
  shortNoteShare: number | null;
  offBeatShare: number | null;
  pitchClassEntropy: number | null; // mean over solos
  rangeMean: number | null; // mean over solos
  intervalHist: number[];
  durationHist: number[];
  ioiHist: number[];
  intervalJS?: number;
  durationJS?: number;
  ioiJS?: number;
}

export function emptySampleCounts(): SampleCounts {
  return {
    solos: 0,
    notes: 0,
    silences: 0,
    shortSilences: 0,
    bars: 0,
    strongNotes: 0,
    strongChordTones: 0,
    chordNotes: 0,
    chordTones: 0,
    intervals: 0,
    steps: 0,
    leaps: 0,
    offBeat: 0,
    shortNotes: 0,
    entropySum: 0,
    rangeSum: 0,
    intervalHist: new Array(INTERVAL_BINS).fill(0),
    durationHist: new Array(DURATION_BIN_TICKS.length).fill(0),
    ioiHist: new Array(IOI_BINS).fill(0),
  };
}

export function addSampleCounts(a: SampleCounts, b: SampleCounts): SampleCounts {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof SampleCounts)[]) {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) (out[k] as number[]) = x.map((v, i) => v + y[i]);
    else (out[k] as number) = (x as number) + (y as number);
  }
  return out;
}

export function durationBin(ticks: number): number {
  let bin = 0;
  for (let i = 0; i < DURATION_BIN_TICKS.length; i++) if (DURATION_BIN_TICKS[i] <= ticks) bin = i;
  return bin;
}

/** Bar index (clamped to the bars), beat in the bar (from 0) and tick in the beat of `tick`.
 *  Without bars, 4/4 bars from tick 0; before the first bar, that bar's meter counts backwards. */
function metricAt(tick: number, bars: readonly Bar[]): { bar: number; beat: number; sub: number; beats: number } {
  if (bars.length === 0) {
    const len = 4 * TICKS_PER_BEAT;
    const offset = ((tick % len) + len) % len;
    return { bar: Math.floor(tick / len), beat: Math.floor(offset / TICKS_PER_BEAT), sub: offset % TICKS_PER_BEAT, beats: 4 };
  }
  const bar = Math.max(0, lastStartingBy(bars, tick));
  const { start, beats } = bars[bar];
  const len = Math.max(1, Math.round(beats * TICKS_PER_BEAT));
  const offset = (((tick - start) % len) + len) % len;
  return { bar, beat: Math.floor(offset / TICKS_PER_BEAT), sub: offset % TICKS_PER_BEAT, beats };
}

/** The line as the model hears it: onset order, one note per onset (the highest), each note cut
 *  at the next onset. */
export function monophonicLine(notes: readonly Note[]): Note[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  const line: Note[] = [];
  for (const n of sorted) if (line.length === 0 || n.start > line[line.length - 1].start) line.push(n);
  return line.map((n, i) => (i + 1 < line.length && n.start + n.dur > line[i + 1].start ? { ...n, dur: line[i + 1].start - n.start } : n));
}

/** Counts of one line over its changes. */
export function sampleCounts(solo: SoloLine): SampleCounts {
  const c = emptySampleCounts();
  const line = monophonicLine(solo.notes);
  if (line.length === 0) return c;
  const pcs = new Array(12).fill(0);
  let low = Infinity;
  let high = -Infinity;
  line.forEach((n, i) => {
    const dur = Math.max(1, n.dur);
    c.notes++;
    pcs[((n.pitch % 12) + 12) % 12]++;
    low = Math.min(low, n.pitch);
    high = Math.max(high, n.pitch);
    c.durationHist[durationBin(dur)]++;
    if (dur <= SHORT_NOTE_TICKS) c.shortNotes++;
    const next = line[i + 1];
    if (next && n.start + dur < next.start) {
      c.silences++;
      if (next.start - (n.start + dur) <= SHORT_REST_TICKS) c.shortSilences++;
    }
    if (i > 0) {
      const prev = line[i - 1];
      const interval = n.pitch - prev.pitch;
      c.intervals++;
      c.intervalHist[intervalBin(interval)]++;
      if (Math.abs(interval) <= 2) c.steps++;
      if (Math.abs(interval) >= 7) c.leaps++;
      c.ioiHist[Math.min(IOI_BINS, n.start - prev.start) - 1]++;
    }
    const m = metricAt(n.start, solo.bars);
    if (m.sub !== 0) c.offBeat++;
    const chord = chordSpanAt(solo.chords, n.start);
    if (chord && chord.root >= 0) {
      const tone = (chord.mask & (1 << (((n.pitch % 12) + 12) % 12))) !== 0;
      c.chordNotes++;
      if (tone) c.chordTones++;
      if (isStrongBeat(m.beat, m.sub, m.beats)) {
        c.strongNotes++;
        if (tone) c.strongChordTones++;
      }
    }
  });
  const first = metricAt(line[0].start, solo.bars).bar;
  const last = metricAt(line[line.length - 1].start, solo.bars).bar;
  c.bars = last - first + 1;
  c.solos = 1;
  c.entropySum = entropyBits(pcs);
  c.rangeSum = high - low;
  return c;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const normalise = (xs: number[]) => {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => (total > 0 ? Math.round((x / total) * 1e6) / 1e6 : 0));
};

/** Figures from pooled counts; with `real` (the real solos' figures) the JS distances to it. */
export function statsFromCounts(c: SampleCounts, real?: SampleStats): SampleStats {
  const stats: SampleStats = {
    solos: c.solos,
    notes: c.notes,
    bars: c.bars,
    chordToneStrong: ratio(c.strongChordTones, c.strongNotes),
    chordToneShare: ratio(c.chordTones, c.chordNotes),
    stepShare: ratio(c.steps, c.intervals),
    leapShare: ratio(c.leaps, c.intervals),
    notesPerBar: ratio(c.notes, c.bars),
    restShare: ratio(c.silences, c.notes + c.silences),
    shortRestShare: ratio(c.shortSilences, c.notes + c.silences),
    shortNoteShare: ratio(c.shortNotes, c.notes),
    offBeatShare: ratio(c.offBeat, c.notes),
    pitchClassEntropy: ratio(c.entropySum, c.solos),
    rangeMean: ratio(c.rangeSum, c.solos),
    intervalHist: normalise(c.intervalHist),
    durationHist: normalise(c.durationHist),
    ioiHist: normalise(c.ioiHist),
  };
  if (real) {
    stats.intervalJS = jensenShannon(stats.intervalHist, real.intervalHist);
    stats.durationJS = jensenShannon(stats.durationHist, real.durationHist);
    stats.ioiJS = jensenShannon(stats.ioiHist, real.ioiHist);
  }
  return stats;
}

/** Figures of a set of lines (pooled); with `real`, also the JS distances to the real solos. */
export function sampleStats(solos: readonly SoloLine[], real?: SampleStats): SampleStats {
  return statsFromCounts(solos.map(sampleCounts).reduce(addSampleCounts, emptySampleCounts()), real);
}

/** From the bar holding the first note to the end of the bar holding the last one (ticks), or null
 *  for a line without notes: the bars a take is generated over to compare with this solo. */
export function soloSpan(solo: SoloLine): { startTick: number; endTick: number } | null {
  if (solo.notes.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const n of solo.notes) {
    first = Math.min(first, n.start);
    last = Math.max(last, n.start);
  }
  const bars = solo.bars;
  if (bars.length === 0) {
    const len = 4 * TICKS_PER_BEAT;
    return { startTick: Math.floor(first / len) * len, endTick: (Math.floor(last / len) + 1) * len };
  }
  const a = Math.max(0, lastStartingBy(bars, first));
  const b = Math.max(0, lastStartingBy(bars, last));
  const endTick = b + 1 < bars.length ? bars[b + 1].start : barsEnd([...bars]);
  return { startTick: Math.min(bars[a].start, first), endTick: Math.max(endTick, last + 1) };
}
