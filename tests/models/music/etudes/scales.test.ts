import { describe, expect, it } from 'vitest';
import { parseChordSymbol, isChordError } from '../../../../models/music/chords';
import { bebopLine } from '../../../../models/music/etudes/figures';
import { withChordOver } from '../../../../models/music/etudes/superimpose';
import {
  bebopChordTones,
  bebopScale,
  chordQuality,
  chordToneIntervals,
  degreeOf,
  type ChordLike,
} from '../../../../models/music/etudes/scales';
import { lineContext } from './context';

const chord = (s: string): ChordLike => {
  const c = parseChordSymbol(s);
  if (isChordError(c)) throw new Error(c.reason);
  return c;
};

const SYMBOLS = ['C7', 'Cmaj7', 'C6', 'Cm7', 'Cm6', 'Cm7b5', 'Cdim7', 'C7alt', 'C7b9', 'C7sus4'];

describe('chord scales', () => {
  it('reads each chord family from its notes', () => {
    expect(SYMBOLS.map((s) => chordQuality(chord(s)))).toEqual([
      'dominant',
      'major',
      'major',
      'minor',
      'minor-major',
      'half-diminished',
      'diminished',
      'altered',
      'altered',
      'sus',
    ]);
    expect(chordToneIntervals(chord('Cm7b5'))).toEqual([0, 3, 6, 10]);
  });

  it('every bebop scale has eight notes alternating chord tone / passing tone', () => {
    for (const s of SYMBOLS) {
      const scale = bebopScale(chord(s));
      const tones = bebopChordTones(chord(s));
      expect(scale, s).toHaveLength(8);
      // from the top down (and from the bottom up), every other note is a chord tone
      expect(
        scale.filter((_, i) => i % 2 === 0).every((iv) => tones.includes(iv)),
        s,
      ).toBe(true);
      expect(
        scale.filter((_, i) => i % 2 === 1).some((iv) => tones.includes(iv)),
        s,
      ).toBe(false);
    }
  });

  it('the bebop scale puts chord tones on the beats: eighth notes down (or up) from any chord tone', () => {
    const ctx = lineContext('blues', 'C');
    for (const s of SYMBOLS) {
      const c = chord(s);
      const over = withChordOver(ctx, c, 0, 480);
      const tones = bebopChordTones(c);
      for (const dir of [-1, 1] as const) {
        for (const start of [60, 64, 67, 70, 71]) {
          const onsets = Array.from({ length: 16 }, (_, i) => i * 6);
          const line = bebopLine(over, onsets, start, dir);
          expect(line).toHaveLength(16);
          for (const n of line)
            if (n.start % 12 === 0) expect(tones, `${s} from ${start} dir ${dir} at ${n.start}`).toContain(degreeOf(n.pitch, c));
          // a line, not leaps: steps of one or two semitones, three where a passing tone is skipped
          for (let i = 1; i < line.length; i++) expect(Math.abs(line[i].pitch - line[i - 1].pitch)).toBeLessThanOrEqual(3);
        }
      }
    }
  });

  it('displaced, the bebop line keeps its chord tones on the upbeats instead', () => {
    const ctx = lineContext('blues', 'C');
    const c = chord('C7');
    const over = withChordOver(ctx, c, 0, 480);
    const line = bebopLine(
      over,
      Array.from({ length: 12 }, (_, i) => i * 6),
      72,
      -1,
      true,
    );
    const upbeats = line.filter((n) => n.start % 12 !== 0);
    expect(upbeats.every((n) => chordToneIntervals(c).includes(degreeOf(n.pitch, c)))).toBe(true);
    expect(line.filter((n) => n.start % 12 === 0).some((n) => chordToneIntervals(c).includes(degreeOf(n.pitch, c)))).toBe(false);
  });
});
