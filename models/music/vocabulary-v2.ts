// The duration tokens of licklab-events-v2, which tell a breath from an articulation (docs/encoding.md).
// In v1 every silence is a rest event: on the WJD solos 41% of the events are rests, most of them
// a tick or two between detached notes. In v2 a note's duration token is
//   (onset-to-onset interval, IOI) x (articulation class: how much of the IOI it sounds),
// and only a silence of BREATH_TICKS (half a beat) or more stays a rest event.
// Pitch tokens, conditions and the input layout are v1's; only the duration tokens differ.
//
// The numbers, measured on the 386 WJD solos as imported (note lengths snapped to v1's DURATIONS):
//   - silence after a note: 0 ticks 37%, 1: 20%, 2: 22%, 3: 7%, 4-5: 4%, >= 6: 10% of notes;
//   - IOI_TICKS covers every IOI of 1..12 ticks and the common longer ones (7 ticks, a quantized
//     swung eighth, is 3.4% of the IOIs; v1 has no such duration). 0.85% of the notes have an
//     articulated IOI outside the list and keep v1's form (the note, then rests);
//   - articulation ratios 0.45 / 0.75 / 1 give back 96.6% of the note lengths exactly (mean error
//     0.04 ticks); thirds (1/3, 2/3, 1) 88.7%, halves (0.5, 1) 64%.
// Rests take the legato class (their length is the whole IOI). Result on WJD: 12.3% of the events
// are rests (v1: 41.2%), 1.14 events per note (v1: 1.70). Since a silence must be under half a
// beat, staccato occurs only on IOIs up to 9 ticks and detached up to 21.
import { DURATIONS, floorDuration } from './vocabulary';

export const IOI_TICKS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 20, 21, 24, 27, 30, 33, 36, 42, 48, 60, 72, 96,
];

/** A silence after a note of at least this many ticks (half a beat) is a breath: a rest event. */
export const BREATH_TICKS = 6;

export interface Articulation {
  name: 'staccato' | 'detached' | 'legato';
  ratio: number; // sounding length / IOI
}

export const ARTICULATIONS: readonly Articulation[] = [
  { name: 'staccato', ratio: 0.45 },
  { name: 'detached', ratio: 0.75 },
  { name: 'legato', ratio: 1 },
];
export const LEGATO = ARTICULATIONS.length - 1;

export const DURATION_TOKENS_V2 = IOI_TICKS.length * ARTICULATIONS.length;

// Every v1 duration is an IOI here, so a v1 note or rest always has a v2 token.
for (const d of DURATIONS) if (!IOI_TICKS.includes(d)) throw new Error(`v2 IOI list lacks the v1 duration ${d}`);

/** The v2 duration token of an IOI (ticks) and articulation class, or -1 if the IOI is not in the list. */
export function durationTokenV2(ioiTicks: number, articulation: number): number {
  const i = IOI_TICKS.indexOf(ioiTicks);
  if (i < 0) return -1;
  if (!(Number.isInteger(articulation) && articulation >= 0 && articulation < ARTICULATIONS.length))
    throw new RangeError(`bad articulation class ${articulation}`);
  return i * ARTICULATIONS.length + articulation;
}

function checkToken(token: number): void {
  if (!(Number.isInteger(token) && token >= 0 && token < DURATION_TOKENS_V2)) throw new Error(`bad duration token ${token}`);
}

/** Ticks from the event's onset to the next event's onset. */
export function ioiOfToken(token: number): number {
  checkToken(token);
  return IOI_TICKS[Math.floor(token / ARTICULATIONS.length)];
}

export function articulationOfToken(token: number): number {
  checkToken(token);
  return token % ARTICULATIONS.length;
}

/** How long a note sounds: its IOI x its class's ratio, on the tick grid and snapped down to a
 *  v1 duration as the importer snaps every note (so a decoded line re-encodes to itself). */
export function soundingTicks(ioiTicks: number, articulation: number): number {
  return floorDuration(Math.max(1, Math.round(ioiTicks * ARTICULATIONS[articulation].ratio)));
}

/** The class whose sounding length is nearest to `sounding` ticks within `ioiTicks`; on a tie the
 *  longer class (so classes that sound alike on a short IOI read back as one). */
export function nearestArticulation(ioiTicks: number, sounding: number): number {
  let best = LEGATO;
  let bestErr = Infinity;
  for (let c = LEGATO; c >= 0; c--) {
    const err = Math.abs(soundingTicks(ioiTicks, c) - sounding);
    if (err < bestErr) {
      best = c;
      bestErr = err;
    }
  }
  return best;
}
