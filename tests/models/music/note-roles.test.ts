import { describe, expect, it } from 'vitest';
import { harmonicRole, noteRoles, tensionIntervals } from '../../../models/music/note-roles';
import { C7, Cmaj7, Dm7, chord, note } from '../../renderer/pianoroll/fixtures';

describe('harmonicRole', () => {
  it('classifies chord tones, natural tensions and outside notes on Cmaj7', () => {
    const c = Cmaj7(0, 48);
    expect(harmonicRole(64, c)).toBe('chord'); // E
    expect(harmonicRole(71, c)).toBe('chord'); // B
    expect(harmonicRole(62, c)).toBe('tension'); // D = 9
    expect(harmonicRole(69, c)).toBe('tension'); // A = 13
    expect(harmonicRole(66, c)).toBe('tension'); // F# = #11 (lydian)
    expect(harmonicRole(61, c)).toBe('outside'); // Db = b9 is not a tension on maj7
    expect(harmonicRole(63, c)).toBe('outside'); // Eb
  });

  it('accepts altered tensions only on dominant chords', () => {
    expect(tensionIntervals(C7(0, 48)).sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 8, 9]);
    expect(harmonicRole(61, C7(0, 48))).toBe('tension'); // b9
    expect(harmonicRole(63, C7(0, 48))).toBe('tension'); // #9
    expect(harmonicRole(68, C7(0, 48))).toBe('tension'); // b13
    expect(harmonicRole(68, Dm7(0, 48))).toBe('outside'); // Ab over Dm7 (#11 not on minor)
    expect(harmonicRole(64, Dm7(0, 48))).toBe('tension'); // E = 9 of D
  });

  it('reports nochord over N.C. and without chords', () => {
    expect(harmonicRole(60, null)).toBe('nochord');
    expect(harmonicRole(60, { start: 0, end: 48, symbol: 'N.C.', root: -1, mask: 0 })).toBe('nochord');
  });
});

describe('noteRoles', () => {
  it('marks a half step into a chord tone as approach, using the chord at each onset', () => {
    // Over Dm7 then C7 (change at tick 48): C# (outside on Dm7) -> D (chord tone): approach.
    const chords = [Dm7(0, 48), C7(48, 96)];
    const notes = [note(61, 0), note(62, 6), note(63, 42), note(64, 48), note(66, 54), note(68, 60), note(59, 66)];
    expect(noteRoles(notes, chords)).toEqual([
      'approach', // C# -> D (root of Dm7)
      'chord',
      'approach', // Eb over Dm7 (outside) -> E at 48, a chord tone of C7
      'chord',
      'tension', // F# = #11 over C7
      'tension', // Ab = b13 over C7
      'outside', // B over C7, last note: no next note
    ]);
  });

  it('does not call a half step into a tension an approach', () => {
    const notes = [note(61, 0), note(62, 6)]; // Db -> D over Cmaj7: Db outside, D is the 9th
    expect(noteRoles(notes, [Cmaj7(0, 48)])).toEqual(['outside', 'tension']);
  });

  it('skips simultaneous notes when looking for the next note', () => {
    const notes = [note(66, 0), note(60, 0), note(67, 6)]; // F# over Cmaj... use a chord without F#
    const chords = [chord('C', 'C', [0, 4, 7], 0, 48)];
    const roles = noteRoles(notes, chords);
    expect(roles[0]).toBe('tension'); // F# #11 on a major chord
    expect(noteRoles([note(61, 0), note(55, 0), note(60, 6)], chords)).toEqual(['approach', 'chord', 'chord']);
  });
});
