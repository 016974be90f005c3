// Plain helpers the PianoRoll component uses: extent of a scene, the view a new take opens with,
// and the hover details of a note.
import type { Bar, ChordSpan, NoteRole } from './types';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import type { NoteIndex } from './note-index';
import type { Scene } from './render';
import type { Extent, Viewport } from './viewport';
import { clampViewport, fitAll, gridWidth } from './viewport';
import { barBeatLabel, durationLabel } from './music-labels';
import { pitchName } from '../../models/music/pitch-names';
import { chordSpanAt } from '../../models/music/types';
import { ROLE_LABELS } from '../../models/music/note-roles';

export function sceneExtent(index: NoteIndex, chords: readonly ChordSpan[], bars: readonly Bar[]): Extent {
  let total = index.totalTicks;
  if (bars.length) {
    const last = bars[bars.length - 1];
    total = Math.max(total, last.start + Math.round(last.beats * TICKS_PER_BEAT));
  }
  if (chords.length) total = Math.max(total, chords[chords.length - 1].end);
  return { totalTicks: Math.max(total, 4 * TICKS_PER_BEAT), pitchLo: index.pitchLo, pitchHi: index.pitchHi };
}

/** A new take opens with its pitch range fitted and at most the first 16 bars across. */
export const INITIAL_BARS = 16;

export function initialView(v: Viewport, ext: Extent, bars: readonly Bar[]): Viewport {
  const fitted = fitAll(v, ext);
  const endTick = bars.length > INITIAL_BARS ? bars[INITIAL_BARS].start : INITIAL_BARS * 4 * TICKS_PER_BEAT;
  if (ext.totalTicks <= endTick) return fitted;
  return clampViewport({ ...fitted, tick0: 0, pxPerTick: gridWidth(v) / endTick }, ext);
}

export interface NoteDetails {
  pitch: string; // "Eb4"
  midi: number;
  position: string; // "3.2+6/12"
  duration: string;
  role: NoteRole;
  roleLabel: string;
  chord: string; // symbol, or "N.C." / "no chord"
  primer: boolean;
}

export function describeNote(s: Scene, i: number): NoteDetails {
  const n = s.index.notes[i];
  const chord = chordSpanAt(s.chords, n.start);
  return {
    pitch: pitchName(n.pitch),
    midi: n.pitch,
    position: barBeatLabel(s.bars, n.start),
    duration: durationLabel(n.dur),
    role: s.roles[i],
    roleLabel: ROLE_LABELS[s.roles[i]],
    chord: chord ? (chord.root < 0 ? 'N.C.' : chord.symbol) : 'no chord',
    primer: s.primer[i],
  };
}
