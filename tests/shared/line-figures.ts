// Figures that say how a corpus of solo lines plays, computed the same way for the generated
// default corpus and for real solos (tests/shared/etudes-vs-real.test.ts): harmony (chord tones
// on strong beats), melody (steps, leaps, pitch-class entropy), rhythm (notes per bar, very short
// notes, rest events of the v1 encoding, duration and inter-onset histograms). Nothing here holds
// any figure of a real corpus: both sides are computed at run time.
import { encodeTune } from '../../models/music/encode';
import { DURATIONS, DURATION_TOKENS, REST, tokenToMidi } from '../../models/music/vocabulary';
import type { Tune } from '../../models/music/types';
import { computeMetrics, histograms, jensenShannon } from '../../models/lstm/metrics';

export interface LineFigures {
  tunes: number;
  notes: number;
  chordToneStrong: number; // chord tones among notes on strong beats (beats 1 and 3 of 4/4)
  stepShare: number; // consecutive-note intervals of at most 2 semitones (repeats included)
  leapShare: number; // intervals of 7 semitones or more
  notesPerBar: number; // notes over the bars from the first note's bar to the last note's bar
  shortNoteShare: number; // notes of at most 2 ticks (12 ticks per beat), as encoded
  restShare: number; // rest events among all v1 events
  shortRestShare: number; // rest events of at most 3 ticks among all events
  pitchClassEntropy: number; // bits, mean over tunes
  offBeatShare: number; // note onsets off the beat
  durationHist: number[]; // v1 duration tokens of notes (counts)
  ioiHist: number[]; // onset-to-onset ticks 1..48, then > 48 (counts)
  intervalHist: number[]; // metrics.ts interval bins (counts)
}

const IOI_BINS = 49;

function barIndex(tune: Tune, tick: number): number {
  let lo = 0;
  let hi = tune.bars.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tune.bars[mid].start <= tick) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Figures over every tune that has notes and chords (tunes without any chord are left out). */
export function lineFigures(tunes: readonly Tune[]): LineFigures {
  let notes = 0;
  let strong = 0;
  let strongChord = 0;
  let intervals = 0;
  let steps = 0;
  let leaps = 0;
  let bars = 0;
  let short = 0;
  let events = 0;
  let rests = 0;
  let shortRests = 0;
  let entropy = 0;
  let used = 0;
  let offBeat = 0;
  const durationHist = new Array(DURATION_TOKENS).fill(0);
  const ioiHist = new Array(IOI_BINS).fill(0);
  const intervalHist = new Array(27).fill(0);
  for (const tune of tunes) {
    if (tune.notes.length < 2 || !tune.chords.some((c) => c.root >= 0) || tune.bars.length === 0) continue;
    used++;
    const enc = encodeTune(tune);
    const m = computeMetrics(enc.events, { bars: tune.bars, startTick: enc.startTick });
    strong += m.strongBeatNotes;
    strongChord += (m.chordToneRatio ?? 0) * m.strongBeatNotes;
    entropy += m.pitchEntropy;
    const h = histograms([enc.events]);
    h.interval.forEach((c, i) => (intervalHist[i] += c));
    h.duration.forEach((c, i) => (durationHist[i] += c));
    let tick = enc.startTick;
    let prevOnset: number | null = null;
    let prevPitch: number | null = null;
    let tuneNotes = 0;
    let lastOnset = tick;
    for (const e of enc.events) {
      const d = DURATIONS[e.dur];
      events++;
      if (e.pitch === REST) {
        rests++;
        if (d <= 3) shortRests++;
      } else {
        tuneNotes++;
        if (d <= 2) short++;
        if (e.sub !== 0) offBeat++;
        const midi = tokenToMidi(e.pitch, e.root)!;
        if (prevPitch !== null) {
          const iv = Math.abs(midi - prevPitch);
          intervals++;
          if (iv <= 2) steps++;
          if (iv >= 7) leaps++;
        }
        if (prevOnset !== null) ioiHist[Math.min(IOI_BINS - 1, tick - prevOnset - 1)]++;
        prevOnset = tick;
        prevPitch = midi;
        lastOnset = tick;
      }
      tick += d;
    }
    notes += tuneNotes;
    bars += barIndex(tune, lastOnset) - barIndex(tune, enc.startTick) + 1;
  }
  return {
    tunes: used,
    notes,
    chordToneStrong: strong ? strongChord / strong : 0,
    stepShare: intervals ? steps / intervals : 0,
    leapShare: intervals ? leaps / intervals : 0,
    notesPerBar: bars ? notes / bars : 0,
    shortNoteShare: notes ? short / notes : 0,
    restShare: events ? rests / events : 0,
    shortRestShare: events ? shortRests / events : 0,
    pitchClassEntropy: used ? entropy / used : 0,
    offBeatShare: notes ? offBeat / notes : 0,
    durationHist,
    ioiHist,
    intervalHist,
  };
}

export interface FigureComparison {
  rows: { name: string; real: number; generated: number }[];
  durationJS: number;
  ioiJS: number;
  intervalJS: number;
}

/** Side-by-side figures and Jensen-Shannon distances (bits) of the histograms. */
export function compareFigures(real: LineFigures, generated: LineFigures): FigureComparison {
  const keys = [
    'chordToneStrong',
    'stepShare',
    'leapShare',
    'notesPerBar',
    'shortNoteShare',
    'restShare',
    'shortRestShare',
    'pitchClassEntropy',
    'offBeatShare',
  ] as const;
  return {
    rows: keys.map((k) => ({ name: k, real: real[k], generated: generated[k] })),
    durationJS: jensenShannon(generated.durationHist, real.durationHist),
    ioiJS: jensenShannon(generated.ioiHist, real.ioiHist),
    intervalJS: jensenShannon(generated.intervalHist, real.intervalHist),
  };
}

/** The comparison as a text table. */
export function formatComparison(c: FigureComparison, real: LineFigures, generated: LineFigures): string {
  const lines = [`${'figure'.padEnd(20)}${'real'.padStart(10)}${'generated'.padStart(12)}`];
  for (const r of c.rows) lines.push(`${r.name.padEnd(20)}${r.real.toFixed(3).padStart(10)}${r.generated.toFixed(3).padStart(12)}`);
  lines.push(
    `${'tunes / notes'.padEnd(20)}${`${real.tunes}/${real.notes}`.padStart(10)}${`${generated.tunes}/${generated.notes}`.padStart(12)}`,
  );
  lines.push(`JS distance: duration ${c.durationJS.toFixed(3)}, IOI ${c.ioiJS.toFixed(3)}, interval ${c.intervalJS.toFixed(3)}`);
  return lines.join('\n');
}
