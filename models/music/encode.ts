// Tune <-> LSTM events (the vocabulary of vocabulary.ts). Encoding starts at the first note;
// gaps become rests; every event carries the chord and metric position at its onset.
import {
  DURATIONS,
  MAX_BEATS,
  REST,
  TICKS_PER_BEAT,
  decomposeTicks,
  durationToken,
  floorDuration,
  pitchToken,
  relativeChordMask,
  tokenToMidi,
  type EncodedEvent,
  type EncodedTune,
} from './vocabulary';
import { chordSpanAt, lastStartingBy, type Bar, type ChordSpan, type Note, type Tune } from './types';

export interface EventContext {
  root: number;
  chordMask: number; // relative to the root (vocabulary convention); 0 for N.C.
  beat: number;
  sub: number;
}

/** The chord sounding at `tick` (N.C. when none). */
export function chordAt(tick: number, chords: ChordSpan[]): { root: number; mask: number; symbol: string } {
  return chordSpanAt(chords, tick) ?? NO_CHORD;
}
const NO_CHORD = { root: -1, mask: 0, symbol: 'N.C.' } as const;

/** Beat in bar and tick in beat at `tick`; outside the bars the edge bar's meter continues. */
export function metricPosition(tick: number, bars: Bar[]): { beat: number; sub: number } {
  let offset: number;
  if (bars.length === 0) offset = tick;
  else {
    const i = Math.max(0, lastStartingBy(bars, tick));
    const bar = bars[i];
    const len = Math.max(1, Math.round(bar.beats * TICKS_PER_BEAT));
    offset = tick - bar.start;
    offset = ((offset % len) + len) % len; // before the first bar / after the last: keep counting bars of this length
  }
  if (bars.length === 0) offset = ((offset % (4 * TICKS_PER_BEAT)) + 4 * TICKS_PER_BEAT) % (4 * TICKS_PER_BEAT);
  return { beat: Math.min(Math.floor(offset / TICKS_PER_BEAT), MAX_BEATS - 1), sub: offset % TICKS_PER_BEAT };
}

/** The condition for an event starting at `tick`. */
export function contextAt(tick: number, chords: ChordSpan[], bars: Bar[]): EventContext {
  const c = chordAt(tick, chords);
  const { beat, sub } = metricPosition(tick, bars);
  return { root: c.root, chordMask: relativeChordMask(c.mask, c.root), beat, sub };
}

/**
 * Encode a tune. Notes are taken in time order as one line: a note is cut at the next onset and
 * its length floored to a vocabulary duration; what is left of the gap becomes rests.
 * On quantized tunes (as imported) this loses nothing: decodeEvents gives the same notes back.
 */
export function encodeTune(tune: Tune): EncodedTune & { startTick: number } {
  const notes = [...tune.notes].sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  const events: EncodedEvent[] = [];
  const startTick = notes.length ? notes[0].start : 0;
  let cursor = startTick;
  const rests = (upTo: number) => {
    for (const d of decomposeTicks(upTo - cursor)) {
      events.push({ pitch: REST, dur: durationToken(d), ...contextAt(cursor, tune.chords, tune.bars) });
      cursor += d;
    }
  };
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i];
    if (n.start < cursor) continue; // a second note at the same onset (not a single line): dropped
    rests(n.start);
    let j = i + 1;
    while (j < notes.length && notes[j].start <= n.start) j++;
    const room = j < notes.length ? notes[j].start - n.start : Infinity;
    const dur = floorDuration(Math.max(1, Math.min(n.dur, room)));
    const ctx = contextAt(n.start, tune.chords, tune.bars);
    events.push({ pitch: pitchToken(n.pitch, ctx.root), dur: durationToken(dur), ...ctx });
    cursor = n.start + dur;
  }
  return { id: tune.id, source: tune.source, events, startTick };
}

/** Notes of an event list that starts at `startTick` (the inverse of encodeTune on quantized notes). */
export function decodeEvents(events: EncodedEvent[], startTick: number, _bars: Bar[] = [], velocity = 90): Note[] {
  const notes: Note[] = [];
  let cursor = startTick;
  for (const e of events) {
    const dur = DURATIONS[e.dur];
    if (dur === undefined) throw new Error(`bad duration token ${e.dur}`);
    const pitch = tokenToMidi(e.pitch, e.root);
    if (pitch !== null) notes.push({ pitch, start: cursor, dur, velocity });
    cursor += dur;
  }
  return notes;
}
