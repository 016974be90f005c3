// Comp voicings: shell voicings (root + 3rd + 7th, or just the guide tones when a bass plays the
// root), voice-led so consecutive chords move as little as possible. The one home of voicings: the
// studio's playback and the MIDI export both call this, so the file holds the chords you heard.
import type { ChordSpan } from '../types';

const has = (c: ChordSpan, semis: number): boolean => (c.mask & (1 << ((c.root + semis) % 12))) !== 0;

/** Intervals above the root for the two guide tones: the 3rd (or sus) and the 7th (or 6th/5th). */
export function guideIntervals(c: ChordSpan): number[] {
  const third = has(c, 4) ? 4 : has(c, 3) ? 3 : has(c, 5) ? 5 : has(c, 2) ? 2 : null;
  const seventh = has(c, 10) ? 10 : has(c, 11) ? 11 : has(c, 9) ? 9 : has(c, 7) ? 7 : has(c, 6) ? 6 : null;
  return [third, seventh].filter((x): x is number => x !== null);
}

export const GUIDE_LOW = 52; // E3: lowest guide tone
export const GUIDE_HIGH = 67; // G4: highest guide tone
export const ROOT_LOW = 36; // C2..B2 for the left-hand root

/** All placements of the guide tones inside [GUIDE_LOW, GUIDE_HIGH], in either order, ascending. */
function placements(c: ChordSpan): number[][] {
  const pcs = guideIntervals(c).map((i) => (c.root + i) % 12);
  const out: number[][] = [];
  for (const [lowPc, highPc] of pcs.length === 2 ? [pcs, [pcs[1], pcs[0]]] : pcs.map((p) => [p])) {
    for (let low = GUIDE_LOW; low <= GUIDE_HIGH; low++) {
      if (low % 12 !== lowPc) continue;
      if (highPc === undefined) {
        out.push([low]);
        continue;
      }
      let high = low + 1;
      while (high % 12 !== highPc) high++;
      if (high <= GUIDE_HIGH) out.push([low, high]);
    }
  }
  return out;
}

const distance = (a: number[], b: number[]): number => {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) d += Math.abs(a[i] - b[i]);
  return d + 6 * Math.abs(a.length - b.length);
};

/**
 * The voicing for `c`: guide tones nearest the previous voicing's guide tones (or centred around
 * A3 when there is none), plus the root an octave or two below when `withRoot`.
 */
export function shellVoicing(c: ChordSpan, prevGuides: number[] | null, withRoot: boolean): { pitches: number[]; guides: number[] } {
  if (c.root < 0) return { pitches: [], guides: [] };
  const options = placements(c);
  const ref = prevGuides && prevGuides.length ? prevGuides : [57, 60];
  let best: number[] = [];
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(o, ref);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  const pitches = withRoot ? [ROOT_LOW + (c.root % 12), ...best] : best.slice();
  return { pitches, guides: best };
}
