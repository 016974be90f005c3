import { describe, expect, it } from 'vitest';
import { barBeatLabel, durationLabel } from '../../../renderer/pianoroll/music-labels';
import { pitchName } from '../../../models/music/pitch-names';
import { chordSpanAt as chordAt } from '../../../models/music/types';
import { C7, Dm7 } from './fixtures';

describe('labels', () => {
  it('names pitches with middle C = C4', () => {
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(63)).toBe('Eb4');
    expect(pitchName(21)).toBe('A0');
  });

  it('gives bar.beat with sub-beat ticks, honouring odd meters', () => {
    const bars = [
      { start: 0, beats: 4 },
      { start: 48, beats: 3 },
      { start: 84, beats: 4 },
    ];
    expect(barBeatLabel(bars, 0)).toBe('1.1');
    expect(barBeatLabel(bars, 54)).toBe('2.1+6/12');
    expect(barBeatLabel(bars, 72)).toBe('2.3');
    expect(barBeatLabel(bars, 84)).toBe('3.1');
    expect(barBeatLabel([], 60)).toBe('2.2');
  });

  it('names durations', () => {
    expect(durationLabel(6)).toBe('eighth (6 ticks)');
    expect(durationLabel(4)).toBe('eighth triplet (4 ticks)');
    expect(durationLabel(7)).toBe('0.58 beats (7 ticks)');
  });

  it('finds the chord at a tick (half-open spans, gaps)', () => {
    const chords = [Dm7(0, 48), C7(60, 96)];
    expect(chordAt(chords, 47)?.symbol).toBe('Dm7');
    expect(chordAt(chords, 48)).toBeNull();
    expect(chordAt(chords, 60)?.symbol).toBe('C7');
    expect(chordAt(chords, 96)).toBeNull();
    expect(chordAt([], 0)).toBeNull();
  });
});
