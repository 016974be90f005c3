// Seeded "players": each etude is written in the voice of one of a few archetypes (a bebop
// altoist, a hard-bop trumpeter, a cool tenor, a modern player, a bluesy player, a lyrical
// ballad player), jittered per etude, so the corpus holds several densities, registers, appetites
// for chromaticism and tension, rhythmic feels and articulations rather than one.
import type { Rng } from '../../random';

export interface Player {
  name: string;
  lo: number; // lowest MIDI pitch
  hi: number; // highest MIDI pitch
  density: number; // 0..1: how much of the time a phrase is sounding (short vs long breaths)
  phraseBars: [number, number]; // phrase length in bars, min..max
  chromatic: number; // 0..1: appetite for approach notes, enclosures, chromatic passing
  tension: number; // 0..1: how often a target on a strong beat is a tension rather than a chord tone
  swing: number; // 0..1: where the swung eighth falls (0 even 6 ticks, 0.6 triplet 8, 1 late 9)
  legato: number; // 0..1: legato vs detached articulation
  layBack: number; // 0..1: how often a downbeat is played a sixteenth behind the beat
  doubleTime: number; // 0..1: appetite for sixteenth bursts
  triplets: number; // 0..1: appetite for triplets
  blues: number; // 0..1: blue notes and blues-scale licks
  motif: number; // 0..1: how often a phrase develops its motif or answers the last one
  leaps: number; // 0..1: arpeggios and wide intervals vs stepwise lines
  loudness: number; // base velocity
  dynamics: number; // velocity spread (accents, ghosts, arcs)
}

type Archetype = Omit<Player, 'name'> & { name: string };

export const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'bebop alto',
    lo: 58,
    hi: 86,
    density: 0.8,
    phraseBars: [2, 6],
    chromatic: 0.75,
    tension: 0.55,
    swing: 0.55,
    legato: 0.45,
    layBack: 0.25,
    doubleTime: 0.45,
    triplets: 0.45,
    blues: 0.35,
    motif: 0.3,
    leaps: 0.4,
    loudness: 84,
    dynamics: 16,
  },
  {
    name: 'hard-bop trumpet',
    lo: 56,
    hi: 84,
    density: 0.7,
    phraseBars: [1, 4],
    chromatic: 0.55,
    tension: 0.6,
    swing: 0.7,
    legato: 0.3,
    layBack: 0.3,
    doubleTime: 0.3,
    triplets: 0.5,
    blues: 0.55,
    motif: 0.45,
    leaps: 0.5,
    loudness: 90,
    dynamics: 20,
  },
  {
    name: 'cool tenor',
    lo: 46,
    hi: 74,
    density: 0.6,
    phraseBars: [2, 5],
    chromatic: 0.4,
    tension: 0.65,
    swing: 0.45,
    legato: 0.7,
    layBack: 0.4,
    doubleTime: 0.2,
    triplets: 0.35,
    blues: 0.25,
    motif: 0.55,
    leaps: 0.35,
    loudness: 74,
    dynamics: 12,
  },
  {
    name: 'modern tenor',
    lo: 46,
    hi: 80,
    density: 0.75,
    phraseBars: [2, 8],
    chromatic: 0.65,
    tension: 0.75,
    swing: 0.4,
    legato: 0.55,
    layBack: 0.2,
    doubleTime: 0.55,
    triplets: 0.3,
    blues: 0.2,
    motif: 0.5,
    leaps: 0.65,
    loudness: 82,
    dynamics: 18,
  },
  {
    name: 'blues tenor',
    lo: 48,
    hi: 77,
    density: 0.55,
    phraseBars: [1, 3],
    chromatic: 0.35,
    tension: 0.55,
    swing: 0.75,
    legato: 0.4,
    layBack: 0.35,
    doubleTime: 0.15,
    triplets: 0.55,
    blues: 0.9,
    motif: 0.7,
    leaps: 0.45,
    loudness: 88,
    dynamics: 22,
  },
  {
    name: 'lyrical trombone',
    lo: 43,
    hi: 70,
    density: 0.5,
    phraseBars: [1, 4],
    chromatic: 0.4,
    tension: 0.6,
    swing: 0.6,
    legato: 0.75,
    layBack: 0.3,
    doubleTime: 0.2,
    triplets: 0.4,
    blues: 0.4,
    motif: 0.6,
    leaps: 0.3,
    loudness: 78,
    dynamics: 14,
  },
  {
    name: 'swing clarinet',
    lo: 55,
    hi: 86,
    density: 0.7,
    phraseBars: [2, 4],
    chromatic: 0.5,
    tension: 0.5,
    swing: 0.65,
    legato: 0.65,
    layBack: 0.15,
    doubleTime: 0.3,
    triplets: 0.6,
    blues: 0.45,
    motif: 0.45,
    leaps: 0.55,
    loudness: 80,
    dynamics: 16,
  },
];

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** One player for one etude: an archetype with every trait moved a little (seeded). */
export function createPlayer(rng: Rng, archetype?: number): Player {
  const a = ARCHETYPES[archetype ?? rng.int(0, ARCHETYPES.length - 1)];
  const j = (x: number, by = 0.12) => clamp01(x + (rng.next() * 2 - 1) * by);
  const shift = rng.int(-3, 3);
  const phraseMax = Math.max(a.phraseBars[0], Math.min(8, a.phraseBars[1] + rng.int(-1, 1)));
  return {
    name: a.name,
    lo: a.lo + shift,
    hi: a.hi + shift,
    density: j(a.density),
    phraseBars: [a.phraseBars[0], phraseMax],
    chromatic: j(a.chromatic),
    tension: j(a.tension, 0.08),
    swing: j(a.swing, 0.15),
    legato: j(a.legato, 0.15),
    layBack: j(a.layBack, 0.1),
    doubleTime: j(a.doubleTime),
    triplets: j(a.triplets),
    blues: j(a.blues),
    motif: j(a.motif),
    leaps: j(a.leaps),
    loudness: a.loudness + rng.int(-6, 6),
    dynamics: a.dynamics + rng.int(-3, 3),
  };
}
