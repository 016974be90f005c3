// Rhythm of a line on the 12-ticks-per-beat grid: the onsets of a figure (swung eighths whose
// upbeat falls where the player and tempo put it, triplets, sixteenth turns and double-time
// bursts, quarter notes, syncopations), and articulation: how long each note sounds inside its
// inter-onset time (legato, detached with a small gap, short and ghosted), since real players
// detach most notes and a line of tied-over eighths is not how jazz is played.
import type { Player } from './players';
import type { Rng } from '../../random';
import { TICKS_PER_BEAT, floorDuration } from '../vocabulary';

export const BEAT = TICKS_PER_BEAT;

export type Feel = 'swing' | 'straight' | 'ballad';

export type RhythmKind = 'eighths' | 'triplets' | 'sixteenths' | 'quarters' | 'mixed' | 'syncopated';

/** Where the upbeat eighth of one beat falls: 6 (even), 8 (triplet swing) or 9 (late, dotted). */
export function upbeat(rng: Rng, player: Player, tempo: number, feel: Feel): number {
  if (feel === 'straight') return rng.chance(0.85) ? 6 : 9;
  // fast tempos straighten the eighths; a swinging player leans on the long-short eighth
  const fast = Math.max(0, Math.min(1, (tempo - 140) / 140));
  const even = 0.25 + 0.45 * fast - 0.15 * player.swing;
  const late = 0.15 + 0.35 * player.swing - 0.1 * fast;
  return rng.weighted([
    [6, even],
    [8, Math.max(0.1, 1 - even - late)],
    [9, late],
  ] as const);
}

/** Onsets of one beat of a rhythm kind (ticks within the beat). */
function beatCell(kind: RhythmKind, rng: Rng, player: Player, tempo: number, feel: Feel): number[] {
  const up = upbeat(rng, player, tempo, feel);
  switch (kind) {
    case 'eighths':
      return [0, up];
    case 'triplets':
      return rng.chance(0.8) ? [0, 4, 8] : [0, 8];
    case 'sixteenths':
      return rng
        .weighted([
          [[0, 3, 6, 9], 5],
          [[0, 3, 6], 2],
          [[0, 6, 9], 2],
          [[3, 6, 9], 1],
          [[0, 2, 4, 6, 8, 10], tempo < 110 ? 3 : tempo < 150 ? 0.5 : 0],
        ] as const)
        .slice();
    case 'quarters':
      return [0];
    case 'syncopated':
      return rng
        .weighted([
          [[up], 3],
          [[0, up], 2],
          [[3, up], 1],
          [[0, 9], 1],
        ] as const)
        .slice();
    case 'mixed':
      return rng
        .weighted([
          [[0, up], 6],
          [[0, 4, 8], 2],
          [[0, 3, 6, 9], 1],
          [[0, 3, 6], 1],
          [[0], 1],
        ] as const)
        .slice();
  }
}

/** Onsets (absolute ticks) for `beats` beats starting at the beat `start`. */
export function rhythmOnsets(
  kind: RhythmKind,
  start: number,
  beats: number,
  rng: Rng,
  player: Player,
  tempo: number,
  feel: Feel,
): number[] {
  const out: number[] = [];
  for (let b = 0; b < beats; b++) {
    // an eighth line now and then swaps one beat for a triplet or sixteenth turn
    let k = kind;
    if (kind === 'eighths' && b > 0 && rng.chance(0.08 + 0.1 * player.triplets))
      k = rng.chance(0.5 + 0.3 * (player.triplets - player.doubleTime)) ? 'triplets' : 'sixteenths';
    const cell = beatCell(k, rng, player, tempo, feel);
    for (const o of cell) out.push(start + b * BEAT + o);
  }
  return out;
}

/** Which rhythm a figure uses: eighths are the backbone; slow tempos invite double time. */
export function chooseRhythm(rng: Rng, player: Player, tempo: number, feel: Feel): RhythmKind {
  const slow = Math.max(0, Math.min(1, (150 - tempo) / 70)); // 1 at 80 bpm and below
  const fast = Math.max(0, Math.min(1, (tempo - 200) / 80));
  return rng.weighted([
    ['eighths', 8],
    ['mixed', 3],
    ['triplets', 0.4 + 2 * player.triplets * (1 - fast)],
    ['sixteenths', 0.3 + 14 * player.doubleTime * slow + (feel === 'ballad' ? 3 : 0)],
    ['quarters', 0.3 + 1.5 * fast],
    ['syncopated', 0.8 + 0.6 * player.blues],
  ] as const);
}

export type Articulation = 'legato' | 'detached' | 'short';

/** How one note is tongued, from the player's legato, the note's length and the tempo. */
export function chooseArticulation(rng: Rng, player: Player, ioi: number, tempo: number): Articulation {
  if (ioi <= 3) return rng.chance(0.55 + 0.3 * player.legato) ? 'legato' : 'short'; // fast notes slur
  const detach = 0.75 - 0.55 * player.legato + (tempo > 200 ? 0.1 : 0);
  return rng.weighted([
    ['legato', 1 - detach],
    ['detached', detach * 0.75],
    ['short', detach * 0.25],
  ] as const);
}

/** Sounding length of a note of inter-onset time `ioi` (a vocabulary duration, <= ioi). */
export function soundingLength(art: Articulation, ioi: number, rng: Rng): number {
  if (ioi <= 1) return 1;
  if (art === 'legato') return floorDuration(rng.chance(0.8) ? ioi : Math.max(1, ioi - 1));
  if (art === 'short') return floorDuration(Math.max(1, Math.min(ioi - 1, rng.int(1, 2) + (ioi >= 12 ? rng.int(0, 2) : 0))));
  // detached: a small gap, 1-3 ticks (more on long notes)
  const gap = Math.min(ioi - 1, rng.int(1, ioi >= 8 ? 4 : 2));
  return floorDuration(ioi - gap);
}
