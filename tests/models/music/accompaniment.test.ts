import { describe, expect, it } from 'vitest';
import {
  BASS_HIGH,
  BASS_LOW,
  compHitTicks,
  compNotes,
  guideIntervals,
  shellVoicing,
  walkingBass,
} from '../../../models/music/accompaniment';
import { DOM7, MAJ7, MIN7, chord, twoFiveOne } from '../../renderer/audio/fixtures';

const pcs = (ps: number[]) => ps.map((p) => p % 12).sort((a, b) => a - b);

describe('shell voicings', () => {
  it('uses the 3rd and 7th as guide tones', () => {
    expect(guideIntervals(chord('G7', 'G', DOM7, 0, 48))).toEqual([4, 10]);
    expect(guideIntervals(chord('Dm7', 'D', MIN7, 0, 48))).toEqual([3, 10]);
    expect(guideIntervals(chord('C6', 'C', [0, 4, 7, 9], 0, 48))).toEqual([4, 9]);
    expect(guideIntervals(chord('Csus', 'C', [0, 5, 7], 0, 48))).toEqual([5, 7]);
  });

  it('voices root + guide tones in the comping register, with smooth voice leading', () => {
    const dm = shellVoicing(chord('Dm7', 'D', MIN7, 0, 48), null, true);
    expect(pcs(dm.pitches)).toEqual([0, 2, 5]); // D, F, C
    expect(dm.pitches[0]).toBe(38); // root in the left hand
    for (const p of dm.guides) expect(p).toBeGreaterThanOrEqual(52);
    for (const p of dm.guides) expect(p).toBeLessThanOrEqual(67);
    const g = shellVoicing(chord('G7', 'G', DOM7, 48, 96), dm.guides, false);
    expect(pcs(g.pitches)).toEqual([5, 11]); // F, B: no root when the bass plays it
    // ii-V guide tones move by at most a half step each (C->B, F->F)
    const moves = g.guides.map((p, i) => Math.abs(p - [...dm.guides].sort((a, b) => a - b)[i]));
    expect(Math.max(...moves)).toBeLessThanOrEqual(1);
  });

  it('gives N.C. no voicing', () => {
    expect(shellVoicing({ start: 0, end: 48, symbol: 'N.C.', root: -1, mask: 0 }, null, true).pitches).toEqual([]);
  });
});

describe('comp', () => {
  it('hits on each chord and the and-of-2 of 4/4 bars', () => {
    const t = twoFiveOne();
    expect(compHitTicks(t.chords, t.bars)).toEqual([0, 18, 48, 66, 96, 114, 144, 162]);
  });

  it('is soft, short and voiced on the chord sounding', () => {
    const t = twoFiveOne();
    const ev = compNotes(t.chords, t.bars, true);
    for (const e of ev) {
      expect(e.velocity).toBeLessThanOrEqual(50); // MIDI velocity: soft
      expect(e.dur).toBeLessThanOrEqual(24);
    }
    const at48 = ev
      .filter((e) => e.start === 48)
      .map((e) => e.pitch % 12)
      .sort((a, b) => a - b);
    expect(at48).toEqual([5, 7, 11]); // G7: G, B, F
  });
});

describe('walking bass', () => {
  it('plays the root on 1 and a half-step approach on 4 before each change', () => {
    const t = twoFiveOne();
    const bass = walkingBass(t.chords, t.bars);
    expect(bass.map((e) => e.start)).toEqual(Array.from({ length: 16 }, (_, i) => i * 12));
    for (const e of bass) {
      expect(e.pitch).toBeGreaterThanOrEqual(BASS_LOW);
      expect(e.pitch).toBeLessThanOrEqual(BASS_HIGH);
    }
    expect(bass[0].pitch % 12).toBe(2); // D
    expect(bass[4].pitch % 12).toBe(7); // G
    expect(bass[8].pitch % 12).toBe(0); // C
    expect(Math.abs(bass[3].pitch - bass[4].pitch)).toBe(1); // approach into G
    expect(Math.abs(bass[7].pitch - bass[8].pitch)).toBe(1); // approach into C
    // beats 2 and 3 are chord tones of Dm7
    const dm = chord('Dm7', 'D', MIN7, 0, 48);
    for (const e of bass.slice(1, 3)) expect(dm.mask & (1 << (e.pitch % 12))).not.toBe(0);
  });

  it('stays silent under N.C.', () => {
    const nc = { start: 0, end: 48, symbol: 'N.C.', root: -1, mask: 0 };
    expect(
      walkingBass(
        [nc, chord('C', 'C', MAJ7, 48, 96)],
        [
          { start: 0, beats: 4 },
          { start: 48, beats: 4 },
        ],
      ).map((e) => e.start),
    ).toEqual([48, 60, 72, 84]);
  });
});
