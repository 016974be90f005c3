// One phrase: a few bars of line from a start (on a beat, or a pickup on an upbeat) to an end,
// shaped by a register arc (arch, fall, rise, wave). It is written segment by segment (one to
// four beats each): at a chord change the line often lands on the guide tone (or a tension) on
// the beat, reached by an enclosure or chromatic approach, sometimes anticipated an eighth early
// across the bar line; between changes it plays a figure (bebop line, scale run, arpeggio,
// digital pattern, turn, tension and resolution, blues lick, held note) or develops its motif.
import { bluesLick } from './blues';
import { figure, type FigureKind } from './figures';
import { nextGuideTone } from './guide-tones';
import { chordOf, inRange, nextChange, type LineContext, type LineNote } from './line-types';
import { captureMotif, developMotif, motifSpan, type Development, type Motif } from './motifs';
import { BEAT, chooseRhythm, rhythmOnsets, upbeat } from './rhythm';
import { chordToneIntervals, nearestPitch, pcsAbove, tensionIntervals } from './scales';
import { chooseSuperimposition, superimpose } from './superimpose';
import { chooseTarget, enclose } from './targets';

export type Contour = 'arch' | 'fall' | 'rise' | 'wave';

export interface PhrasePlan {
  start: number; // tick of the first note
  end: number; // the last note starts before this tick
  low: number; // register the arc moves between
  peak: number;
  contour: Contour;
  answer?: { motif: Motif; how: Development } | null; // open by developing an earlier motif
}

export interface Phrase {
  notes: LineNote[];
  motif: Motif | null;
}

/** Where the arc wants the line at `progress` (0..1) through the phrase. */
function arcPitch(plan: PhrasePlan, progress: number): number {
  const span = plan.peak - plan.low;
  switch (plan.contour) {
    case 'arch':
      return plan.low + span * Math.sin(Math.PI * Math.min(1, progress * 1.1));
    case 'fall':
      return plan.peak - span * progress;
    case 'rise':
      return plan.low + span * Math.min(1, progress * 1.2);
    case 'wave':
      return plan.low + span * (0.5 + 0.5 * Math.sin(2 * Math.PI * progress + Math.PI / 2));
  }
}

function chooseFigure(ctx: LineContext, dir: 1 | -1, onsets: number[]): FigureKind | 'blues' | 'long' {
  const p = ctx.player;
  const sixteenths = onsets.length >= 3 && onsets[2] - onsets[0] <= 6;
  const up = dir > 0 ? 1 : 0;
  const down = 1 - up;
  // a teacher's rule of thumb: arpeggiate up, run down the scale
  return ctx.rng.weighted([
    ['bebop', (0.8 + 1.5 * down) * (0.5 + p.chromatic)],
    ['displaced', (1 + 1.5 * down) * (0.5 + p.chromatic)],
    ['scale', 0.8 + down + (sixteenths ? 3 : 0)],
    ['chromatic', (0.5 + down) * 2 * p.chromatic],
    ['thirds', (0.8 + up) * (0.5 + p.leaps)],
    ['arpeggio', (1.5 + 2 * up) * (0.5 + p.leaps)],
    ['digital', (0.6 + up) * (0.4 + p.leaps)],
    ['fourths', (0.3 + up) * p.leaps * (0.5 + p.tension)],
    ['turn', sixteenths ? 2 : 0.3],
    ['tension', 3 * p.tension],
    ['blues', (ctx.blues ? 2.5 : 0.8) * p.blues],
    ['long', onsets.length <= 2 ? 1.5 : 0.4],
  ] as const);
}

/** A note for a held target: a chord tone or tension near the line. */
function heldNote(ctx: LineContext, tick: number, near: number, dir: 1 | -1): LineNote {
  const chord = chordOf(ctx, tick);
  const tension = ctx.rng.chance(ctx.player.tension * 0.8);
  const pcs = pcsAbove(chord, tension ? tensionIntervals(chord) : chordToneIntervals(chord));
  return { pitch: inRange(ctx, nearestPitch(pcs, near + dir * 2)), start: tick, role: tension ? 'tension' : 'target' };
}

/** The guide tone of the chord starting at `tick`: the etude's guide-tone line, in the octave
 *  nearest the line (or the nearest guide tone when the context has no line). */
function guideToneNear(ctx: LineContext, tick: number, near: number): number {
  const g = ctx.guideTones?.get(tick);
  if (g === undefined) return nextGuideTone(chordOf(ctx, tick), near, ctx.player.lo + 2, ctx.player.hi - 2);
  return inRange(ctx, g + 12 * Math.round((near - g) / 12));
}

/** Write one phrase from pitch `from`. */
export function writePhrase(ctx: LineContext, plan: PhrasePlan, from: number): Phrase {
  const { rng, player } = ctx;
  const notes: LineNote[] = [];
  let free = plan.start; // the earliest tick the next onset may take
  let p = from;
  const push = (ns: LineNote[]) => {
    // (a figure that overshoots the register at its edge is folded back by an octave)
    for (const n of ns) if (n.start >= free && n.start < plan.end) notes.push({ ...n, pitch: inRange(ctx, n.pitch) });
    if (notes.length) {
      p = notes[notes.length - 1].pitch;
      free = notes[notes.length - 1].start + 1;
    }
  };
  if (plan.answer) push(developMotif(ctx, plan.answer.motif, plan.start, p, plan.answer.how));
  let motif: Motif | null = null;
  let developed = false;
  let guard = 0;
  while (guard++ < 200) {
    const beat = Math.ceil(free / BEAT) * BEAT;
    // a pickup: the phrase may begin on the upbeat before its first beat
    const pickup = notes.length === 0 && free === plan.start && plan.start % BEAT !== 0;
    const segStart = pickup ? Math.floor(plan.start / BEAT) * BEAT : beat;
    const left = Math.floor((plan.end - segStart) / BEAT);
    if (left <= 0) break;
    const progress = (segStart - plan.start) / Math.max(1, plan.end - plan.start);
    const want = arcPitch(plan, progress);
    const dir: 1 | -1 = Math.abs(want - p) < 2 ? (rng.chance(0.5) ? 1 : -1) : want > p ? 1 : -1;
    const span = Math.min(
      left,
      rng.weighted([
        [1, 2],
        [2, 4],
        [3, 2],
        [4, 2],
      ] as const),
    );
    const segEnd = segStart + span * BEAT;
    // develop the phrase's own motif once, sequenced over the next chord or displaced
    if (motif && !developed && rng.chance(player.motif * 0.5) && segStart + motifSpan(motif) < plan.end) {
      developed = true;
      push(
        developMotif(
          ctx,
          motif,
          segStart,
          p,
          rng.weighted([
            ['sequence', 4],
            ['displace', 2],
            ['fragment', 2],
            ['invert', 1],
          ] as const),
        ),
      );
      continue;
    }
    const kind = chooseRhythm(rng, player, ctx.tempo, ctx.feel);
    const onsets = rhythmOnsets(kind, segStart, span, rng, player, ctx.tempo, ctx.feel).filter((t) => t >= free && t >= plan.start);
    const change = nextChange(ctx, segStart);
    if (change <= segEnd && change < plan.end && rng.chance(0.55 + 0.3 * player.chromatic)) {
      // land on the new chord's guide tone (or a tension), on the beat or anticipated
      const newChord = chordOf(ctx, change);
      const lands = rng.chance(0.5 - 0.4 * player.tension)
        ? { pitch: guideToneNear(ctx, change, p), tension: false }
        : chooseTarget(ctx, newChord, p, dir, 0.85);
      // anticipated (an eighth early, across the bar line) or delayed (the approach note on the
      // beat, the target on the upbeat after it)
      const shift = rng.weighted([
        [0, 5],
        [-1, 1.2],
        [1, 1 + 2 * player.chromatic],
      ] as const);
      const up = upbeat(rng, player, ctx.tempo, ctx.feel);
      const early = shift < 0 ? BEAT - up : 0;
      const late = shift > 0 ? up : 0;
      const before = onsets.filter((t) => t < change - early);
      if (late) before.push(change);
      const approachCount = Math.min(
        before.length,
        rng.weighted([
          [1, 2],
          [2, 3 * player.chromatic + 1],
          [3, player.chromatic],
        ] as const),
      );
      const lead = before.slice(0, before.length - approachCount);
      if (lead.length) push(figure(rng.pick(['bebop', 'scale', 'displaced', 'thirds'] as const), ctx, lead, p, dir));
      const landing = enclose(ctx, before.slice(before.length - approachCount), lands.pitch, change - early + late, newChord);
      if (lands.tension) landing[landing.length - 1].role = 'tension';
      push(landing);
      if (early) free = change + BEAT - early; // the anticipated note rings across the change
      continue;
    }
    if (onsets.length === 0) {
      free = segEnd;
      continue;
    }
    const fig = chooseFigure(ctx, dir, onsets);
    // now and then the figure implies other changes (late or early resolution, tritone sub, side-slip)
    const how = fig === 'long' ? null : chooseSuperimposition(ctx);
    const fctx = how ? superimpose(ctx, how, onsets[0], segEnd) : ctx;
    // a new figure may restart a leap away, against its direction (leap up, then run down)
    if (notes.length && rng.chance(0.2 + 0.4 * player.leaps)) {
      const leap = rng.int(5, 12) * -dir;
      if (p + leap > player.lo + 2 && p + leap < player.hi - 2) p += leap;
    }
    if (fig === 'long') {
      const held = heldNote(ctx, onsets[0], p, dir);
      push([held]);
      free = Math.max(free, Math.min(plan.end, onsets[0] + rng.int(2, 3) * BEAT - (onsets[0] % BEAT)));
      continue;
    }
    const line = fig === 'blues' ? bluesLick(fctx, onsets, p, dir) : figure(fig, fctx, onsets, p, dir);
    push(line);
    if (!motif && notes.length >= 3) motif = captureMotif(ctx, notes);
  }
  if (notes.length) {
    const last = notes[notes.length - 1];
    last.role = 'end';
    // a phrase ends on a held note or a short one followed by the breath
    last.hold = rng.weighted([
      [0, 3],
      [12, 2],
      [18, 1],
      [24, 1.5],
      [36, 0.5],
    ] as const);
  }
  return { notes, motif };
}
