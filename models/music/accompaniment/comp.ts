// The comp: short, soft shell-voicing stabs on each chord change, on bar starts inside a long chord,
// and on the "and of 2" of 4-beat bars (a Charleston-ish figure that leaves room for the solo).
// Ticks and MIDI velocities; playback converts to seconds and gain, the export writes them as is.
import type { Bar, ChordSpan, Note } from '../types';
import { chordSpanAt } from '../types';
import { TICKS_PER_BEAT } from '../vocabulary';
import { shellVoicing } from './voicings';

/** Comp hit times: every chord start, bar starts inside a long chord, and the "and of 2" of 4-beat bars. */
export function compHitTicks(chords: readonly ChordSpan[], bars: readonly Bar[]): number[] {
  const set = new Set<number>();
  for (const c of chords) if (c.root >= 0) set.add(c.start);
  for (const b of bars) {
    const c = chordSpanAt(chords, b.start);
    if (c && c.root >= 0) set.add(b.start);
    const and2 = b.start + TICKS_PER_BEAT + TICKS_PER_BEAT / 2;
    const c2 = chordSpanAt(chords, and2);
    if (b.beats >= 4 && c2 && c2.root >= 0 && and2 - c2.start >= TICKS_PER_BEAT) set.add(and2);
  }
  return [...set].sort((a, b) => a - b);
}

const COMP_MAX_TICKS = 2 * TICKS_PER_BEAT; // short stabs
export const COMP_VELOCITY = 46; // on the beat
export const COMP_OFFBEAT_VELOCITY = 38; // the "and" is lighter

/** The comp's notes; `withRoot` adds the root in the left hand (when no bass plays it). */
export function compNotes(chords: readonly ChordSpan[], bars: readonly Bar[], withRoot: boolean): Note[] {
  const sorted = chords.slice().sort((a, b) => a.start - b.start);
  const hits = compHitTicks(sorted, bars);
  const out: Note[] = [];
  let prev: number[] | null = null;
  for (let k = 0; k < hits.length; k++) {
    const t = hits[k];
    const c = chordSpanAt(sorted, t);
    if (!c || c.root < 0) continue;
    const next = Math.min(k + 1 < hits.length ? hits[k + 1] : c.end, c.end);
    const dur = Math.max(2, Math.min(COMP_MAX_TICKS, next - t - 1));
    const v = shellVoicing(c, prev, withRoot);
    prev = v.guides;
    const velocity = t % TICKS_PER_BEAT !== 0 ? COMP_OFFBEAT_VELOCITY : COMP_VELOCITY;
    for (const pitch of v.pitches) out.push({ start: t, dur, pitch, velocity });
  }
  return out;
}
