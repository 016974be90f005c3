// From a written line to played notes: each note's sounding length (legato, detached with a small
// gap, short; a phrase's last note held or clipped before the breath) and its velocity: the
// player's level, an arc over the phrase (growing toward its top note), accents on high notes,
// targets and syncopated upbeats, ghosted (soft, short) passing notes inside eighth runs.
import type { Note } from '../types';
import type { LineContext, LineNote } from './line-types';
import { chooseArticulation, soundingLength, type Articulation } from './rhythm';
import { floorDuration } from '../vocabulary';

/** How long a phrase's short last note may ring (ticks). */
export const SHORT_ENDING = 8;

/** A ghost note candidate: an off-beat passing note inside a run of eighths, below the note before. */
function isGhost(line: readonly LineNote[], i: number): boolean {
  const n = line[i];
  const prev = line[i - 1];
  const next = line[i + 1];
  if (!prev || !next || n.start % 12 === 0) return false;
  if (n.role !== 'passing' && n.role !== 'approach') return false;
  return n.pitch < prev.pitch && n.start - prev.start <= 8 && next.start - n.start <= 8;
}

/** Behind the beat: some downbeats of an eighth-note line sound late, by a sixteenth when the
 *  beat's upbeat is on the sixteenth grid (6, 9) or a triplet eighth when it is swung (8), so the
 *  beat keeps one subdivision (as the importer's quantizer reads it). */
function layBack(ctx: LineContext, line: readonly LineNote[]): LineNote[] {
  return line.map((n, i) => {
    const prev = line[i - 1];
    const next = line[i + 1];
    if (n.start % 12 !== 0 || !next || next.start - n.start < 6 || (prev && n.start - prev.start < 4)) return n;
    if (!ctx.rng.chance(ctx.player.layBack)) return n;
    const inBeat = next.start - n.start < 12 ? next.start - n.start : null;
    const by = inBeat === null ? (ctx.rng.chance(0.6) ? 3 : 4) : inBeat % 4 === 0 ? 4 : 3;
    return next.start - (n.start + by) >= 2 ? { ...n, start: n.start + by } : n;
  });
}

/** Played notes of one phrase; `breathAfter` is the tick the next phrase starts (Infinity at the end). */
export function performPhrase(ctx: LineContext, written: readonly LineNote[], breathAfter: number): Note[] {
  const { rng, player } = ctx;
  if (written.length === 0) return [];
  const line = layBack(ctx, written);
  const top = Math.max(...line.map((n) => n.pitch));
  const bottom = Math.min(...line.map((n) => n.pitch));
  const first = line[0].start;
  const length = Math.max(1, line[line.length - 1].start - first);
  const peakAt = line.findIndex((n) => n.pitch === top);
  const notes: Note[] = [];
  for (let i = 0; i < line.length; i++) {
    const n = line[i];
    const next = line[i + 1];
    let dur: number;
    const ghost = isGhost(line, i) && rng.chance(0.5);
    if (next) {
      const ioi = next.start - n.start;
      const art: Articulation = ghost && rng.chance(0.5) ? 'short' : chooseArticulation(rng, player, ioi, ctx.tempo);
      dur = soundingLength(art, ioi, rng);
    } else {
      // the closing note: its hold, but never into the next phrase (a breath of at least a sixteenth)
      const room = Math.max(1, breathAfter - n.start - 3);
      const want = n.hold ? n.hold : rng.int(2, SHORT_ENDING);
      dur = floorDuration(Math.max(1, Math.min(want, room, 96)));
    }
    // velocity: level + arc toward the phrase's top note + accents - ghosts
    const progress = (n.start - first) / length;
    const peakProgress = peakAt >= 0 ? (line[peakAt].start - first) / length : 0.5;
    const arc =
      progress <= peakProgress ? progress / Math.max(0.01, peakProgress) : 1 - (progress - peakProgress) / Math.max(0.01, 1 - peakProgress);
    let v = player.loudness + player.dynamics * (0.5 * arc - 0.25);
    v += top > bottom ? ((n.pitch - bottom) / (top - bottom) - 0.5) * player.dynamics * 0.5 : 0;
    if (n.role === 'target' || n.role === 'tension') v += player.dynamics * 0.25;
    const syncopated = n.start % 12 !== 0 && (!next || next.start - n.start >= 8) && dur >= 6;
    if (syncopated) v += player.dynamics * 0.5;
    if (n.role === 'grace' || n.role === 'blue') v -= player.dynamics * 0.4;
    if (ghost) v -= 18 + rng.int(0, 14);
    if (n.role === 'end') v -= player.dynamics * 0.2;
    v += rng.int(-5, 5);
    notes.push({ pitch: n.pitch, start: n.start, dur, velocity: Math.max(18, Math.min(124, Math.round(v))) });
  }
  return notes;
}
