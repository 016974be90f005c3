// A whole etude's line: phrases of one to eight bars laid over the choruses with breaths between
// them, in the player's voice. Later choruses build (higher peaks, more notes, shorter breaths);
// a phrase may answer the one before by developing its motif (call and response); the breath
// scales with the tempo, so a fast tune has more space in beats and a ballad fills its bars.
import { addGraceNotes } from './blues';
import { SHORT_ENDING, performPhrase } from './dynamics';
import type { LineContext, LineNote } from './line-types';
import type { Motif } from './motifs';
import { writePhrase, type Contour, type PhrasePlan } from './phrase';
import { BEAT, upbeat } from './rhythm';
import type { Bar, Note } from '../types';
import { barsEnd } from '../types';

/** Where the next phrase may start after a phrase's last note: on a beat, a breath of at least
 *  one beat after the last note has rung (its hold, or at most a triplet eighth when it is short). */
export function nextPhraseStart(last: LineNote, breathBeats: number, tempoSpace = 1): number {
  const rings = last.start + (last.hold ? last.hold : SHORT_ENDING);
  return Math.ceil(rings / BEAT) * BEAT + Math.max(1, Math.round(breathBeats * tempoSpace)) * BEAT;
}

/** The notes of an etude over `bars` (one chorus is `chorusBars` bars). */
export function writeSolo(ctx: LineContext, bars: Bar[], chorusBars: number): Note[] {
  const { rng, player } = ctx;
  const beatsPerBar = bars[0].beats;
  const end = barsEnd(bars) - BEAT;
  const choruses = Math.max(1, Math.round(bars.length / chorusBars));
  const centre = (player.lo + player.hi) / 2;
  const tempoSpace = Math.max(0.35, Math.min(2, (ctx.tempo / 180) ** 1.5));
  const notes: Note[] = [];
  let t = rng.weighted([
    [0, 4],
    [BEAT, 2],
    [2 * BEAT, 2],
    [3 * BEAT, 1],
  ] as const);
  let from = Math.round(centre + rng.int(-5, 5));
  let lastMotif: Motif | null = null;
  let guard = 0;
  while (t < end - 2 * BEAT && guard++ < 1000) {
    const chorus = Math.min(choruses - 1, Math.floor(t / (chorusBars * beatsPerBar * BEAT)));
    const build = choruses > 1 ? chorus / (choruses - 1) : 0.5;
    const phraseBars = rng.weighted(
      Array.from(
        { length: player.phraseBars[1] - player.phraseBars[0] + 1 },
        (_, i) => [player.phraseBars[0] + i, 1 / (1 + i * 0.6)] as const,
      ),
    );
    const lengthTicks = Math.max(2, Math.round(phraseBars * beatsPerBar + rng.int(-2, 1))) * BEAT;
    // a pickup: start on the upbeat before the beat
    const start = t > 0 && rng.chance(0.35) ? t - (BEAT - upbeat(rng, player, ctx.tempo, ctx.feel)) : t;
    const low = Math.max(player.lo + 2, Math.round(centre - rng.int(2, 9) + build * 2));
    const peak = Math.min(player.hi - 2, Math.round(centre + rng.int(2, 9) + build * 4));
    const plan: PhrasePlan = {
      start,
      end: Math.min(end, start + lengthTicks),
      low: Math.min(low, peak - 3),
      peak,
      contour: rng.weighted<Contour>([
        ['arch', 4],
        ['fall', 3],
        ['rise', 1],
        ['wave', 2],
      ]),
      answer:
        lastMotif && rng.chance(player.motif * 0.5)
          ? {
              motif: lastMotif,
              how: rng.weighted([
                ['sequence', 3],
                ['invert', 1],
                ['displace', 2],
                ['augment', 1],
                ['fragment', 2],
              ] as const),
            }
          : null,
    };
    // a new phrase starts where its arc begins, not where the last one ended
    const opening =
      plan.contour === 'fall'
        ? plan.peak - rng.int(0, 3)
        : plan.contour === 'wave'
          ? Math.round((plan.low + plan.peak) / 2)
          : plan.low + rng.int(0, 3);
    const phrase = writePhrase(ctx, plan, rng.chance(0.6) ? opening : from);
    if (phrase.notes.length === 0) {
      t += BEAT;
      continue;
    }
    const line = addGraceNotes(ctx, phrase.notes, 0.03 + 0.08 * player.blues).filter((n) => n.start >= 0);
    lastMotif = phrase.motif ?? lastMotif;
    const last = line[line.length - 1];
    from = last.pitch;
    // the breath: longer for a sparse player, at fast tempos, early in the solo
    const d = Math.min(1, player.density + build * 0.15);
    const breath = rng.weighted([
      [1, 1 + 2 * d],
      [2, 2],
      [3, 2 - d],
      [4, 1.5 - d],
      [6, 1 - d * 0.8],
      [8, 0.6 - d * 0.5],
    ] as const);
    const next = nextPhraseStart(last, breath, tempoSpace);
    notes.push(...performPhrase(ctx, line, next));
    t = next;
  }
  return notes;
}
