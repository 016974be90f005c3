import { describe, expect, it } from 'vitest';
import { performPhrase } from '../../../../models/music/etudes/dynamics';
import { writePhrase, type Contour } from '../../../../models/music/etudes/phrase';
import { nextPhraseStart } from '../../../../models/music/etudes/solo';
import { DURATIONS } from '../../../../models/music/vocabulary';
import { lineContext } from './context';

describe('phrases', () => {
  it('a phrase ends with a breath or a long note, and the next phrase starts after it', () => {
    let held = 0;
    let breathed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const ctx = lineContext(['blues', 'rhythm-changes', 'falling-leaves', 'modal'][seed % 4], 'Bb', seed, seed % 7, 90 + seed * 3);
      const start = (seed % 5) * 12 + (seed % 3 === 0 ? 8 : 0);
      const plan = {
        start,
        end: start + (4 + (seed % 20)) * 12,
        low: 58,
        peak: 74,
        contour: (['arch', 'fall', 'rise', 'wave'] as Contour[])[seed % 4],
      };
      const phrase = writePhrase(ctx, plan, 64);
      expect(phrase.notes.length, `seed ${seed}`).toBeGreaterThan(0);
      const last = phrase.notes[phrase.notes.length - 1];
      expect(last.role).toBe('end');
      const next = nextPhraseStart(last, ctx.rng.int(1, 4), 0.35);
      const played = performPhrase(ctx, phrase.notes, next);
      const end = played[played.length - 1];
      const long = end.dur >= 12;
      const breath = next - (end.start + end.dur) >= 12;
      expect(long || breath, `seed ${seed}: last note ${end.dur} ticks, ${next - end.start - end.dur} ticks before the next phrase`).toBe(
        true,
      );
      if (long) held++;
      if (breath) breathed++;
      // the phrase is a line: in time order, inside its plan, notes never overlap, vocabulary lengths
      for (let i = 0; i < played.length; i++) {
        expect(DURATIONS).toContain(played[i].dur);
        expect(played[i].start).toBeGreaterThanOrEqual(plan.start - 2);
        if (i > 0) expect(played[i].start).toBeGreaterThanOrEqual(played[i - 1].start + played[i - 1].dur);
        expect(played[i].pitch).toBeGreaterThanOrEqual(ctx.player.lo);
        expect(played[i].pitch).toBeLessThanOrEqual(ctx.player.hi);
      }
    }
    expect(held).toBeGreaterThan(10); // both endings happen
    expect(breathed).toBeGreaterThan(10);
  });

  it('a phrase follows its register arc: a falling phrase ends lower than it peaks', () => {
    let falls = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const ctx = lineContext('minor-ii-v', 'D', seed, seed % 7);
      const phrase = writePhrase(ctx, { start: 0, end: 8 * 48, low: 58, peak: 76, contour: 'fall' }, 76);
      const quarter = Math.floor(phrase.notes.length / 4);
      const mean = (ns: typeof phrase.notes) => ns.reduce((a, n) => a + n.pitch, 0) / ns.length;
      if (mean(phrase.notes.slice(-quarter)) < mean(phrase.notes.slice(0, quarter))) falls++;
    }
    expect(falls).toBeGreaterThanOrEqual(30);
  });
});
