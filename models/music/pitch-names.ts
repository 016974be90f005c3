// The one home of note and key names. Jazz charts spell with flats by default (Bb7, not A#7); keys
// whose charts read better with sharps (D E G A B) spell with sharps; the roll's hover labels use
// the spelling players say (C#, F#, but Eb, Ab, Bb).

export const FLAT_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
export const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** The tonics a form can be played in, as the key menu offers them. */
export const KEY_NAMES = FLAT_NAMES;

/** Keys whose charts read better with sharps: D E G A B. */
export const SHARP_KEYS: ReadonlySet<number> = new Set([2, 4, 7, 9, 11]);

/** Spell a pitch class (flats by default, jazz-friendly). */
export function spell(pc: number, sharps = false): string {
  return (sharps ? SHARP_NAMES : FLAT_NAMES)[((pc % 12) + 12) % 12];
}

const SAID_SHARP: ReadonlySet<number> = new Set([1, 6]); // C#, F#

/** MIDI pitch -> "C4" (middle C = 60 = C4), spelled as players say it (C#, Eb, F#, Ab, Bb). */
export function pitchName(pitch: number): string {
  const pc = ((pitch % 12) + 12) % 12;
  return `${spell(pc, SAID_SHARP.has(pc))}${Math.floor(pitch / 12) - 1}`;
}
