// Phrasing and dynamics for a generated line. The model chooses pitches and rhythms only; how hard
// each note is played is shaped here by rules players teach: each phrase (a line between rests of
// a beat or more) swells to its peak and falls away, off-beat eighths lean (the jazz "and"), the
// phrase peak and long notes after a run are accented, the low note on the beat inside an eighth
// run is ghosted, and approach tones are played softer than the chord tone they lead to.
// "Humanize" adds seeded, small random deviations of velocity and timing on top (0 = none).
// Pure and deterministic: the studio, the sweep and `licklab sample` all call performLine once,
// and playback and the MIDI file both read the velocities and onsets it returns.
import { createRng } from '../random';
import { noteRoles } from './note-roles';
import type { ChordSpan, Note } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

export interface PerformOptions {
  chords: readonly ChordSpan[];
  /** 0 = rules only (exactly on the grid); 1 = the most human variation offered. */
  humanize?: number;
  /** Seeds the humanize draws (the take's seed: the same take plays the same way). */
  seed?: number;
}

/** A rest at least this long ends a phrase. */
export const PHRASE_BREAK_TICKS = TICKS_PER_BEAT;
const EIGHTH = TICKS_PER_BEAT / 2;

export const VELOCITY = {
  phraseStart: 70, // where a phrase begins
  peak: 96, // its highest point
  phraseEnd: 74, // where it lands
  offbeatLean: 5, // every off-beat eighth in a line
  offbeatAccent: 10, // an off-beat eighth that is held or followed by a breath or a leap up
  peakAccent: 8,
  longAfterRun: 5, // a note of a beat or more after shorter notes
  ghost: 0.62, // multiplier for a ghosted note
  approach: -9,
  min: 24,
  max: 118,
} as const;

/** Largest random velocity deviation (standard deviation at humanize 1) and timing push/pull (ticks). */
export const HUMANIZE_VELOCITY_SD = 7;
export const HUMANIZE_TIMING_TICKS = 0.4;
/** Humanized onsets land on 1/40 of a grid tick: whole ticks of a 480-PPQ MIDI file. */
const STEPS_PER_TICK = 40;

/** Index ranges [from, to) of the phrases of a line sorted by start. */
export function phrases(notes: readonly Note[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 1; i <= notes.length; i++) {
    const prev = notes[i - 1];
    if (i === notes.length || notes[i].start - (prev.start + prev.dur) >= PHRASE_BREAK_TICKS) {
      if (i > from) out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/** The arc of a phrase: velocity by position, rising to the peak note and falling after it. */
function arcVelocity(i: number, from: number, to: number, peak: number): number {
  const V = VELOCITY;
  if (to - from === 1) return V.peak - 8;
  if (i <= peak) {
    const x = peak === from ? 1 : (i - from) / (peak - from);
    return V.phraseStart + (V.peak - V.phraseStart) * x;
  }
  const x = (i - peak) / (to - 1 - peak);
  return V.peak + (V.phraseEnd - V.peak) * x;
}

const onOffbeatEighth = (n: Note) => n.start % TICKS_PER_BEAT === EIGHTH;
const onBeat = (n: Note) => n.start % TICKS_PER_BEAT === 0;
/** b follows a directly (no gap) within an eighth. */
const joined = (a: Note, b: Note) => b.start - (a.start + a.dur) <= 0 && b.start - a.start <= EIGHTH;

/** Velocities shaped by rule (no randomness), one per note of a line sorted by start. */
export function ruleVelocities(notes: readonly Note[], chords: readonly ChordSpan[]): number[] {
  const V = VELOCITY;
  const roles = noteRoles(notes, chords);
  const out = new Array<number>(notes.length).fill(V.phraseStart);
  for (const [from, to] of phrases(notes)) {
    let peak = from;
    for (let i = from; i < to; i++) if (notes[i].pitch > notes[peak].pitch) peak = i;
    for (let i = from; i < to; i++) {
      const n = notes[i];
      const prev = i > from ? notes[i - 1] : null;
      const next = i + 1 < to ? notes[i + 1] : null;
      let v = arcVelocity(i, from, to, peak);
      if (onOffbeatEighth(n)) {
        const held = n.dur > EIGHTH;
        const breathOrLeap = !next || next.start - (n.start + n.dur) > 0 || next.pitch - n.pitch >= 5;
        v += held || breathOrLeap ? V.offbeatAccent : V.offbeatLean;
      }
      if (i === peak && to - from > 2) v += V.peakAccent;
      if (prev && n.dur >= TICKS_PER_BEAT && prev.dur < TICKS_PER_BEAT) v += V.longAfterRun;
      if (roles[i] === 'approach') v += V.approach;
      const inRun = prev && next && joined(prev, n) && joined(n, next) && n.dur <= EIGHTH;
      if (inRun && onBeat(n) && n.pitch < prev.pitch && n.pitch < next.pitch) v *= V.ghost;
      out[i] = Math.round(Math.min(V.max, Math.max(V.min, v)));
    }
  }
  return out;
}

/** Box-Muller from two uniform draws: a standard normal deviate. */
function gaussian(next: () => number): number {
  const u = Math.max(1e-12, next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** The line as played: velocities by rule, then humanized (seeded). Notes come back sorted by start. */
export function performLine(notes: readonly Note[], o: PerformOptions): Note[] {
  const humanize = o.humanize ?? 0;
  if (!(humanize >= 0 && humanize <= 1)) throw new RangeError(`humanize must be between 0 and 1, got ${humanize}`);
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const velocities = ruleVelocities(sorted, o.chords);
  const rng = createRng((o.seed ?? 0) ^ 0x5eed);
  const out = sorted.map((n, i) => {
    let velocity = velocities[i];
    let start = n.start;
    if (humanize > 0) {
      velocity = Math.round(
        Math.min(VELOCITY.max, Math.max(VELOCITY.min, velocity + gaussian(rng.next) * HUMANIZE_VELOCITY_SD * humanize)),
      );
      const push = (rng.next() * 2 - 1) * HUMANIZE_TIMING_TICKS * humanize;
      start = Math.max(0, Math.round((n.start + push) * STEPS_PER_TICK) / STEPS_PER_TICK);
    }
    return { pitch: n.pitch, start, dur: n.dur, velocity };
  });
  // Pushed and pulled onsets must not make a legato note overlap the next one (a DAW would cut a
  // repeated pitch at random): a note ends by the next onset, never shorter than a quarter tick.
  for (let i = 0; i + 1 < out.length; i++) {
    const next = out[i + 1].start;
    if (out[i].start + out[i].dur > next) out[i].dur = Math.max(0.25, Math.round((next - out[i].start) * STEPS_PER_TICK) / STEPS_PER_TICK);
  }
  return out;
}
