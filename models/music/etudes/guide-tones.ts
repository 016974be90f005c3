// Guide-tone lines: the 3rds and 7ths of the changes, each chord's guide tone chosen as the one
// nearest the last (in a ii-V-I the 7th falls a half step to the next 3rd, or stays as the next
// 7th), so a line that lands on them at each change voice-leads the harmony by step.
import { chordToneIntervals, nearestPitch, pcsAbove, type ChordLike } from './scales';

/** The 3rd and the 7th (or 6th; the 4th of a sus chord) of a chord, as pitch classes. */
export function guideTonePcs(chord: ChordLike): number[] {
  const tones = chordToneIntervals(chord);
  return pcsAbove(chord, [tones[1], tones[3]]);
}

/** The guide tone of `chord` nearest to `from` within [lo, hi] (ties: the common tone, then down). */
export function nextGuideTone(chord: ChordLike, from: number, lo: number, hi: number): number {
  const pcs = guideTonePcs(chord);
  let best = nearestPitch(pcs, from);
  if (best < lo) best += 12;
  if (best > hi) best -= 12;
  return best;
}

/**
 * A guide-tone line through `chords`, starting near `start`, within [lo, hi]: of all the ways to
 * pick a 3rd or 7th of each chord (in any octave of the range), the one that moves by the
 * smallest steps, found by dynamic programming over the chords. When the range runs out, the
 * line jumps an octave and goes on by step.
 */
export function guideToneLine(chords: readonly ChordLike[], start: number, lo: number, hi: number): number[] {
  if (chords.length === 0) return [];
  const cands = chords.map((c) => {
    const pcs = guideTonePcs(c);
    const out: number[] = [];
    for (let p = lo; p <= hi; p++) if (pcs.includes(((p % 12) + 12) % 12)) out.push(p);
    if (out.length === 0) throw new Error(`no guide tone of the chord in ${lo}..${hi}`);
    return out;
  });
  // voice leading counts modulo the octave (a step taken an octave away is still a step, when the
  // range forces the line to jump); a wider move costs ten semitones more, a jump a little more
  const move = (a: number, b: number) => {
    const d = Math.abs(a - b);
    const m = Math.min(d % 12, 12 - (d % 12));
    return m + (m > 2 ? 10 : 0) + (d > 6 ? 3 : 0);
  };
  let cost = cands[0].map((p) => Math.abs(p - start) * 0.5);
  const back: number[][] = [];
  for (let i = 1; i < chords.length; i++) {
    const prev = cands[i - 1];
    const from: number[] = [];
    cost = cands[i].map((p) => {
      let best = Infinity;
      let arg = 0;
      prev.forEach((q, k) => {
        const c = cost[k] + move(q, p);
        if (c < best) {
          best = c;
          arg = k;
        }
      });
      from.push(arg);
      return best;
    });
    back.push(from);
  }
  let k = cost.indexOf(Math.min(...cost));
  const line = [cands[chords.length - 1][k]];
  for (let i = chords.length - 1; i > 0; i--) {
    k = back[i - 1][k];
    line.unshift(cands[i - 1][k]);
  }
  return line;
}
