// A walking bass, one note per beat: the root on the bar or chord change, chord tones between (3rd
// on the weak beats, 5th on the strong ones), and a chromatic approach into the next chord's root on
// the beat before it changes. Deterministic, so a take always plays and exports the same line.
import type { Bar, ChordSpan, Note } from '../types';
import { chordSpanAt } from '../types';
import { TICKS_PER_BEAT } from '../vocabulary';

export const BASS_LOW = 28; // E1
export const BASS_HIGH = 52; // E3
export const BASS_VELOCITY = 70;
export const BASS_DOWNBEAT_VELOCITY = 79;

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

/** One bass note per beat over the chords (none under N.C.). */
export function walkingBass(chords: readonly ChordSpan[], bars: readonly Bar[]): Note[] {
  const sorted = chords.slice().sort((a, b) => a.start - b.start);
  const barStarts = new Set(bars.map((b) => b.start));
  const out: Note[] = [];
  let prev = 36;
  for (const b of bars) {
    const beats = Math.floor(b.beats + 1e-9);
    for (let k = 0; k < beats; k++) {
      const t = b.start + k * TICKS_PER_BEAT;
      const c = chordSpanAt(sorted, t);
      if (!c || c.root < 0) continue;
      const tn = t + TICKS_PER_BEAT;
      const nextC = chordSpanAt(sorted, tn);
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
      out.push({ start: t, dur: TICKS_PER_BEAT - 1, pitch, velocity: k === 0 ? BASS_DOWNBEAT_VELOCITY : BASS_VELOCITY });
      prev = pitch;
    }
  }
  return out;
}
