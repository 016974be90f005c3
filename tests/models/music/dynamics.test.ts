import { describe, expect, it } from 'vitest';
import { HUMANIZE_TIMING_TICKS, performLine, phrases, ruleVelocities, VELOCITY } from '../../../models/music/dynamics';
import { progressionFromChart } from '../../../models/music/progression';
import type { Note } from '../../../models/music/types';

const { chords } = progressionFromChart('| Cmaj7 | Cmaj7 | Cmaj7 | Cmaj7 |');
const n = (pitch: number, start: number, dur = 6): Note => ({ pitch, start, dur, velocity: 90 });

describe('dynamics by rule', () => {
  it('splits a line into phrases at rests of a beat or more', () => {
    const line = [n(60, 0), n(62, 6), n(64, 24), n(65, 30), n(67, 36)];
    // 64 starts 12 ticks after 62 ends: a beat's rest
    expect(phrases(line)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(phrases([])).toEqual([]);
  });

  it('swells to the phrase peak and falls away after it; the peak is accented', () => {
    // Up a C major arpeggio to G5 and back down, all quarter notes on the beat.
    const line = [60, 64, 67, 72, 76, 79, 76, 72, 67, 64].map((p, i) => n(p, i * 12, 12));
    const v = ruleVelocities(line, chords);
    const peak = 5;
    for (let i = 1; i <= peak; i++) expect(v[i]).toBeGreaterThan(v[i - 1]);
    for (let i = peak + 1; i < v.length; i++) expect(v[i]).toBeLessThan(v[i - 1]);
    expect(v[peak]).toBe(VELOCITY.peak + VELOCITY.peakAccent);
  });

  it('leans on off-beat eighths and ghosts the low note on the beat inside a run', () => {
    // A flat contour so the arc is the same on both sides of a pair: E G, E G, E G ... (peak last)
    const line = [64, 67, 62, 67, 64, 67, 62, 67, 72].map((p, i) => n(p, i * 6));
    const v = ruleVelocities(line, chords);
    expect(v[1]).toBeGreaterThan(v[0]); // the "and" leans
    // D on beat 2 inside the run, below both neighbours: ghosted
    const flat = ruleVelocities(
      line.map((x, i) => (i === 2 ? { ...x, pitch: 69 } : x)),
      chords,
    ); // A above both: not ghosted
    expect(v[2]).toBeLessThan(0.75 * flat[2]);
  });

  it('plays an approach tone softer than the same note heard as a chord tone', () => {
    // C# resolving up a half step to D over Dm7 vs C# as the third of A7 (no approach)
    const { chords: ii } = progressionFromChart('| Dm7 | A7 |');
    const approach = ruleVelocities([n(61, 0, 12), n(62, 12, 12)], ii)[0];
    const chordTone = ruleVelocities([n(61, 48, 12), n(62, 60, 12)], ii)[0];
    expect(approach).toBe(chordTone + VELOCITY.approach);
  });
});

describe('humanize', () => {
  const line = Array.from({ length: 32 }, (_, i) => n(60 + ((i * 5) % 12), i * 6));

  it('0 keeps the grid; the same seed gives the same performance, another seed another', () => {
    const plain = performLine(line, { chords });
    expect(plain.map((x) => x.start)).toEqual(line.map((x) => x.start));
    const a = performLine(line, { chords, humanize: 0.8, seed: 3 });
    expect(performLine(line, { chords, humanize: 0.8, seed: 3 })).toEqual(a);
    expect(performLine(line, { chords, humanize: 0.8, seed: 4 })).not.toEqual(a);
  });

  it('moves onsets by less than half a tick, in whole MIDI ticks (1/40 of a grid tick), and varies velocity', () => {
    const a = performLine(line, { chords, humanize: 1, seed: 9 });
    const plain = performLine(line, { chords });
    let moved = 0;
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i].start - line[i].start)).toBeLessThanOrEqual(HUMANIZE_TIMING_TICKS + 1e-9);
      expect(Number.isInteger(Math.round(a[i].start * 40 * 1e6) / 1e6)).toBe(true);
      if (a[i].start !== line[i].start) moved++;
    }
    expect(moved).toBeGreaterThan(line.length / 2);
    for (let i = 0; i + 1 < a.length; i++) expect(a[i].start + a[i].dur).toBeLessThanOrEqual(a[i + 1].start + 1e-9); // legato, never overlapping
    expect(a.some((x, i) => x.velocity !== plain[i].velocity)).toBe(true);
    expect(() => performLine(line, { chords, humanize: 2 })).toThrow(/humanize must be between 0 and 1/);
  });
});
