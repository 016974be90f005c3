// A soft comp (shell voicings, Charleston-ish: on each chord and the "and of 2") and a simple
// walking bass (root on the bar or chord change, chord tones between, a chromatic approach on the
// beat before a change). All in ticks; the scheduler converts to seconds.
import type { Bar, ChordSpan } from '../../models/music/types';
import { chordSpanAt as chordAt } from '../../models/music/types';
import { TICKS_PER_BEAT } from './timing';
import { shellVoicing } from './voicings';

export interface TickEvent {
  start: number; // ticks
  dur: number; // ticks
  pitch: number;
  velocity: number; // 0..1
}


/** Comp hit times: every chord start, bar starts inside a long chord, and the "and of 2" of 4-beat bars. */
export function compHitTicks(chords: readonly ChordSpan[], bars: readonly Bar[]): number[] {
  const set = new Set<number>();
  for (const c of chords) if (c.root >= 0) set.add(c.start);
  for (const b of bars) {
    const c = chordAt(chords, b.start);
    if (c && c.root >= 0) set.add(b.start);
    const and2 = b.start + TICKS_PER_BEAT + TICKS_PER_BEAT / 2;
    const c2 = chordAt(chords, and2);
    if (b.beats >= 4 && c2 && c2.root >= 0 && and2 - c2.start >= TICKS_PER_BEAT) set.add(and2);
  }
  return [...set].sort((a, b) => a - b);
}

const COMP_MAX_TICKS = 2 * TICKS_PER_BEAT; // short, soft stabs leave room for the solo

export function compEvents(chords: readonly ChordSpan[], bars: readonly Bar[], withRoot: boolean): TickEvent[] {
  const sorted = chords.slice().sort((a, b) => a.start - b.start);
  const hits = compHitTicks(sorted, bars);
  const out: TickEvent[] = [];
  let prev: number[] | null = null;
  for (let k = 0; k < hits.length; k++) {
    const t = hits[k];
    const c = chordAt(sorted, t);
    if (!c || c.root < 0) continue;
    const next = Math.min(k + 1 < hits.length ? hits[k + 1] : c.end, c.end);
    const dur = Math.max(2, Math.min(COMP_MAX_TICKS, next - t - 1));
    const v = shellVoicing(c, prev, withRoot);
    prev = v.guides;
    const offbeat = (t % TICKS_PER_BEAT) !== 0;
    for (const pitch of v.pitches) out.push({ start: t, dur, pitch, velocity: offbeat ? 0.3 : 0.36 });
  }
  return out;
}

export const BASS_LOW = 28; // E1
export const BASS_HIGH = 52; // E3

/** The pitch with pitch class `pc` nearest `near` inside [lo, hi] (a range at least an octave wide). */
export function nearestInRange(pc: number, near: number, lo = BASS_LOW, hi = BASS_HIGH): number {
  const want = ((pc % 12) + 12) % 12;
  let best = -1;
  for (let p = lo; p <= hi; p++) {
    if (p % 12 === want && (best < 0 || Math.abs(p - near) < Math.abs(best - near))) best = p;
  }
  return best;
}

function chordTone(c: ChordSpan, semisOptions: number[]): number {
  for (const s of semisOptions) if (c.mask & (1 << ((c.root + s) % 12))) return (c.root + s) % 12;
  return c.root % 12;
}

/** One bass note per beat over the chords. */
export function walkingBass(chords: readonly ChordSpan[], bars: readonly Bar[]): TickEvent[] {
  const sorted = chords.slice().sort((a, b) => a.start - b.start);
  const barStarts = new Set(bars.map((b) => b.start));
  const out: TickEvent[] = [];
  let prev = 36;
  for (const b of bars) {
    const beats = Math.floor(b.beats + 1e-9);
    for (let k = 0; k < beats; k++) {
      const t = b.start + k * TICKS_PER_BEAT;
      const c = chordAt(sorted, t);
      if (!c || c.root < 0) continue;
      const tn = t + TICKS_PER_BEAT;
      const nextC = chordAt(sorted, tn);
      const changeNext = nextC !== null && nextC.root >= 0 && (nextC.start === tn || barStarts.has(tn));
      let pitch: number;
      if (k === 0 || t === c.start) pitch = nearestInRange(c.root, prev);
      else if (changeNext && nextC) {
        const target = nearestInRange(nextC.root, prev);
        pitch = prev < target ? target - 1 : target + 1;
        if (pitch > BASS_HIGH) pitch = target - 1;
        if (pitch < BASS_LOW) pitch = target + 1;
      } else {
        const beatInChord = Math.round((t - Math.max(c.start, b.start)) / TICKS_PER_BEAT);
        const pc = beatInChord % 2 === 1 ? chordTone(c, [4, 3, 5, 2]) : chordTone(c, [7, 6, 8, 10]);
        pitch = nearestInRange(pc, prev);
      }
      out.push({ start: t, dur: TICKS_PER_BEAT - 1, pitch, velocity: k === 0 ? 0.62 : 0.55 });
      prev = pitch;
    }
  }
  return out;
}
