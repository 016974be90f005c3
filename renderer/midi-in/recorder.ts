// What a musician played on a MIDI keyboard, as a phrase to continue: note-on/off messages are
// paired into held notes with their times; a window of bars (counted from the downbeat after the
// count-in) becomes beats, is quantized to the vocabulary's grid by models/music/quantize (the same
// code the importer uses) and cut at bar lines by models/music/phrase. Pure: times are given.
import { quantizeLine, type TimedNote } from '../../models/music/quantize';
import { cutPhrase, type Phrase } from '../../models/music/phrase';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import type { Bar } from '../../models/music/types';

export interface PlayedNote {
  pitch: number;
  velocity: number;
  onMs: number;
  /** Null while the key is still held. */
  offMs: number | null;
}

/** How time maps to the grid: `originMs` is the downbeat of the window's first bar. */
export interface RecordWindow {
  originMs: number;
  msPerBeat: number;
  beatsPerBar: number;
  bars: number;
}

/** Collects note-on/off messages (any channel); other messages are ignored. */
export class MidiRecorder {
  readonly notes: PlayedNote[] = [];
  #held = new Map<number, PlayedNote>();

  /** Feed one MIDI message; returns the note it started, if any (for echoing it on a voice). */
  feed(data: ArrayLike<number>, timeMs: number): PlayedNote | null {
    const status = data[0] & 0xf0;
    const pitch = data[1];
    const velocity = data[2] ?? 0;
    if (status === 0x90 && velocity > 0) {
      this.#release(pitch, timeMs); // a repeated key without its note-off: the old one ends here
      const n: PlayedNote = { pitch, velocity, onMs: timeMs, offMs: null };
      this.notes.push(n);
      this.#held.set(pitch, n);
      return n;
    }
    if (status === 0x80 || (status === 0x90 && velocity === 0)) this.#release(pitch, timeMs);
    return null;
  }

  #release(pitch: number, timeMs: number): void {
    const n = this.#held.get(pitch);
    if (n) {
      n.offMs = Math.max(timeMs, n.onMs);
      this.#held.delete(pitch);
    }
  }

  clear(): void {
    this.notes.length = 0;
    this.#held.clear();
  }
}

/** Notes played in the window as beats from its first downbeat (a note a little early, up to an
 *  eighth of a beat, counts as on the beat); notes still held end at the window's end. */
export function timedNotes(played: readonly PlayedNote[], w: RecordWindow): TimedNote[] {
  const lengthBeats = w.bars * w.beatsPerBar;
  const toBeat = (ms: number) => (ms - w.originMs) / w.msPerBeat;
  return played
    .map((n) => ({ pitch: n.pitch, velocity: n.velocity, startBeat: toBeat(n.onMs), endBeat: toBeat(n.offMs ?? Infinity) }))
    .filter((n) => n.startBeat >= -1 / 8 && n.startBeat < lengthBeats - 1 / 8)
    .map((n) => ({ ...n, startBeat: Math.max(0, n.startBeat), endBeat: Math.min(n.endBeat, lengthBeats) }));
}

/** The window's bars on the grid (all of `beatsPerBar` beats). */
export function windowBars(w: Pick<RecordWindow, 'bars' | 'beatsPerBar'>): Bar[] {
  const barTicks = Math.round(w.beatsPerBar * TICKS_PER_BEAT);
  return Array.from({ length: w.bars }, (_, i) => ({ start: i * barTicks, beats: w.beatsPerBar }));
}

/** The phrase played in the window, quantized to the grid. Throws a RangeError (in the musician's
 *  words) when nothing was played in it. */
export function recordedPhrase(played: readonly PlayedNote[], w: RecordWindow): Phrase & { dropped: number } {
  const { notes, dropped } = quantizeLine(timedNotes(played, w));
  const bars = windowBars(w);
  try {
    return { ...cutPhrase(notes, bars, 0, w.bars), dropped };
  } catch {
    throw new RangeError(`nothing was played in the ${w.bars} recorded bar${w.bars > 1 ? 's' : ''}: play after the count-in`);
  }
}
