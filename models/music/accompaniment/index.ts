// The band behind a solo, in one call: what the studio plays and what the MIDI export writes come
// from here with the same options, so the file holds exactly the comp and bass you heard.
import type { Bar, ChordSpan, Note } from '../types';
import { compNotes } from './comp';
import { walkingBass } from './walking-bass';

export { compHitTicks, compNotes } from './comp';
export { BASS_HIGH, BASS_LOW, nearestInRange, walkingBass } from './walking-bass';
export { guideIntervals, shellVoicing } from './voicings';

export interface BandParts {
  comp: boolean; // shell-voicing comp (with the root in the left hand when no bass plays)
  bass: boolean; // walking bass
}

/** The default band: comp and walking bass, as the studio's transport starts. */
export const DEFAULT_BAND: BandParts = { comp: true, bass: true };

export function accompaniment(
  chords: readonly ChordSpan[],
  bars: readonly Bar[],
  parts: BandParts = DEFAULT_BAND,
): { comp: Note[]; bass: Note[] } {
  return {
    comp: parts.comp ? compNotes(chords, bars, !parts.bass) : [],
    bass: parts.bass ? walkingBass(chords, bars) : [],
  };
}
