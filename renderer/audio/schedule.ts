// Pure playback plan: which solo, comp, bass and count-in events sound at which second.
// The Tone-facing player only triggers what this returns.
import type { Bar, ChordSpan, Note } from '../../models/music/types';
import { accompaniment } from '../../models/music/accompaniment';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import { secondsPerBeat, tickToSeconds, type Clock } from './timing';
import type { InstrumentId } from '../../models/music/instruments';

/** What the player needs from a take (a Tune or a generated take both fit). */
export interface PlayableTake {
  notes: readonly Note[];
  chords: readonly ChordSpan[];
  bars: readonly Bar[];
  tempo: number;
}

export interface PlayOptions {
  tempo?: number; // overrides take.tempo
  swing?: number; // 0 straight .. 1 triplet swing
  comp?: boolean; // soft chord comp (default true)
  bass?: boolean; // walking bass (default false)
  countIn?: boolean; // one bar of clicks before the music (default false)
  loop?: { start: number; end: number } | null; // ticks; loops this region
  startTick?: number; // where to start when not looping
  instrument?: InstrumentId; // the solo's voice (default piano)
}

export type Part = 'solo' | 'comp' | 'bass' | 'click';

export interface ScheduledEvent {
  part: Part;
  time: number; // seconds from tick 0 of the take (count-in clicks are negative)
  dur: number; // seconds
  pitch: number; // MIDI; clicks: 1 = accent, 0 = normal
  velocity: number; // 0..1
  tick: number; // start tick (clicks: the tick they lead into)
}

export interface Schedule {
  events: ScheduledEvent[]; // sorted by time
  clock: Clock;
  startTick: number;
  endTick: number;
  startSec: number; // time of startTick
  endSec: number; // time of endTick
  countInSec: number; // length of the count-in (0 without)
  loop: boolean;
  instrument: InstrumentId;
}

export function validateTake(take: PlayableTake): void {
  if (!take || !Array.isArray(take.notes)) throw new Error('Nothing to play: the take has no notes list.');
  if (!(take.tempo > 0) || !Number.isFinite(take.tempo)) throw new Error(`Cannot play: tempo ${take.tempo} is not a positive number.`);
}

/** Bars, or 4/4 bars covering the notes and chords when the take has none. */
export function barsOf(take: PlayableTake): Bar[] {
  if (take.bars.length) return take.bars.slice();
  let end = 0;
  for (const n of take.notes) end = Math.max(end, n.start + n.dur);
  for (const c of take.chords) end = Math.max(end, c.end);
  const out: Bar[] = [];
  for (let t = 0; t < end; t += 4 * TICKS_PER_BEAT) out.push({ start: t, beats: 4 });
  return out;
}

export function takeEndTick(take: PlayableTake, bars: readonly Bar[]): number {
  let end = 0;
  for (const n of take.notes) end = Math.max(end, n.start + n.dur);
  if (bars.length) {
    const last = bars[bars.length - 1];
    end = Math.max(end, last.start + Math.round(last.beats * TICKS_PER_BEAT));
  }
  return end;
}

export function buildSchedule(take: PlayableTake, opts: PlayOptions = {}): Schedule {
  validateTake(take);
  const tempo = opts.tempo ?? take.tempo;
  if (!(tempo > 0) || !Number.isFinite(tempo)) throw new Error(`Cannot play: tempo ${tempo} is not a positive number.`);
  const clock: Clock = { tempo, swing: Math.min(1, Math.max(0, opts.swing ?? 0)) };
  const bars = barsOf(take);
  const total = takeEndTick(take, bars);
  const loop = opts.loop ?? null;
  if (loop && !(loop.end > loop.start)) throw new Error(`Loop region ${loop.start}..${loop.end} is empty.`);
  const startTick = Math.max(0, loop ? loop.start : (opts.startTick ?? 0));
  const endTick = loop ? loop.end : total;

  const events: ScheduledEvent[] = [];
  const add = (part: Part, e: Note, velocity: number): void => {
    if (e.start < startTick || e.start >= endTick) return;
    const end = loop ? Math.min(e.start + e.dur, loop.end) : e.start + e.dur;
    const time = tickToSeconds(e.start, clock);
    events.push({ part, time, dur: Math.max(0.02, tickToSeconds(end, clock) - time), pitch: e.pitch, velocity, tick: e.start });
  };
  const gain = (n: Note) => Math.min(1, Math.max(0.05, n.velocity / 127));
  for (const n of take.notes) add('solo', n, gain(n));
  // The same band the MIDI export writes for these parts (models/music/accompaniment).
  const band = accompaniment(take.chords, bars, { comp: opts.comp ?? true, bass: opts.bass ?? false });
  for (const n of band.comp) add('comp', n, gain(n));
  for (const n of band.bass) add('bass', n, gain(n));

  const spb = secondsPerBeat(clock);
  const startSec = tickToSeconds(startTick, clock);
  let countInSec = 0;
  if (opts.countIn) {
    const barBeats = bars.find((b) => b.start <= startTick && startTick < b.start + b.beats * TICKS_PER_BEAT)?.beats ?? 4;
    const clicks = Math.max(2, Math.round(barBeats));
    countInSec = clicks * spb;
    for (let k = 0; k < clicks; k++) {
      events.push({
        part: 'click',
        time: startSec - countInSec + k * spb,
        dur: 0.05,
        pitch: k === 0 ? 1 : 0,
        velocity: k === 0 ? 0.9 : 0.6,
        tick: startTick,
      });
    }
  }
  events.sort((a, b) => a.time - b.time || a.pitch - b.pitch);
  return {
    events,
    clock,
    startTick,
    endTick,
    startSec,
    endSec: tickToSeconds(endTick, clock),
    countInSec,
    loop: loop !== null,
    instrument: opts.instrument ?? 'piano',
  };
}
