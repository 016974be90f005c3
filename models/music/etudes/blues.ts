// Blues inflections: licks from the blues scale (R b3 4 b5 5 b7) of the key or of the chord, the
// minor third bent up into the major third over a dominant, the flat five as a passing note, and
// grace notes: a quick chromatic slide (one or two ticks) into a target.
import { chordOf, inRange, steer, type LineContext, type LineNote } from './line-types';
import { BLUES_SCALE, chordQuality, chordToneIntervals, degreeOf, scaleStep } from './scales';

/** A lick from the blues scale of the key (blues forms) or of the chord's root, moving in `dir`
 *  with a repeated note now and then; over a dominant the b3 may rise to the 3rd. */
export function bluesLick(ctx: LineContext, onsets: number[], from: number, dir: 1 | -1): LineNote[] {
  const notes: LineNote[] = [];
  let p = from;
  let d = dir;
  for (let i = 0; i < onsets.length; i++) {
    const t = onsets[i];
    const chord = chordOf(ctx, t);
    const tonic = ctx.blues ? ctx.tonic : chord.root < 0 ? 0 : chord.root;
    const scale = BLUES_SCALE.map((iv) => (tonic + iv) % 12);
    const prev = notes[notes.length - 1];
    const q = chordQuality(chord);
    if (prev && prev.role === 'blue' && (prev.pitch - tonic + 120) % 12 === 3 && (q === 'dominant' || q === 'major')) {
      p = prev.pitch + 1; // b3 bent up to the major 3rd
      notes.push({ pitch: p, start: t, role: 'chord' });
      continue;
    }
    if (i > 0 && ctx.rng.chance(0.12)) {
      notes.push({ pitch: p, start: t, role: 'chord' }); // a repeated, re-tongued note
      continue;
    }
    d = steer(ctx, p, d);
    p = inRange(ctx, scaleStep(scale, p, d));
    const deg = (p - tonic + 120) % 12;
    notes.push({ pitch: p, start: t, role: deg === 3 || deg === 6 ? 'blue' : 'passing' });
  }
  return notes;
}

/**
 * Grace notes: before some targets and chord tones that follow a gap of at least a triplet
 * eighth, a quick slide from a half step below (from the b3 into a major 3rd), one or two ticks
 * before the note. Returns a new list; the notes around are untouched.
 */
export function addGraceNotes(ctx: LineContext, line: LineNote[], appetite: number): LineNote[] {
  const out: LineNote[] = [];
  for (let i = 0; i < line.length; i++) {
    const n = line[i];
    const prevStart = out.length ? out[out.length - 1].start : -Infinity;
    if ((n.role === 'target' || n.role === 'chord') && n.start - prevStart >= 5 && ctx.rng.chance(appetite)) {
      const lead = ctx.rng.chance(0.6) ? 1 : 2;
      const chord = chordOf(ctx, n.start);
      const third = chordToneIntervals(chord)[1] === 4 && degreeOf(n.pitch, chord) === 4;
      out.push({ pitch: n.pitch - 1, start: n.start - lead, role: third ? 'blue' : 'grace' });
    }
    out.push(n);
  }
  return out;
}
