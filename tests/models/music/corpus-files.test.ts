import { describe, expect, it } from 'vitest';
import { CORPUS_FILE, MIDI_FILE, midiBaseName, sidecarNames } from '../../../models/music/corpus-files';

describe('corpus files', () => {
  it('takes MIDI files of every usual extension, in any case, and nothing else as MIDI', () => {
    for (const n of ['a.mid', 'b.MIDI', 'c.kar', 'd.smf']) expect(MIDI_FILE.test(n), n).toBe(true);
    for (const n of ['a.mid.txt', 'a.wav', 'a.chords.txt', 'mid']) expect(MIDI_FILE.test(n), n).toBe(false);
  });

  it('takes chord sidecars in a corpus upload, but no other text', () => {
    for (const n of ['a.chords.txt', 'a.csv', 'a.mid']) expect(CORPUS_FILE.test(n), n).toBe(true);
    for (const n of ['notes.txt', 'a.json', 'a.mid.bak']) expect(CORPUS_FILE.test(n), n).toBe(false);
  });

  it('names the sidecars beside a MIDI file', () => {
    expect(midiBaseName('Tune.Mid')).toBe('Tune');
    expect(sidecarNames('solo.midi')).toEqual(['solo.chords.txt', 'solo.csv']);
  });
});
