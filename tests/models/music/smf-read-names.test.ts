// Track names come back as written: LickLab's own export writes UTF-8, older files Latin-1.
import { describe, expect, it } from 'vitest';
import { exportMidi } from '../../../models/music/midi-export';
import { readSmf } from '../../../models/music/smf-read';

const names = (bytes: Uint8Array) => readSmf(bytes).tracks.flatMap((t) => t.flatMap((e) => (e.kind === 'name' ? [e.text] : [])));

describe('SMF track names', () => {
  it('reads back a UTF-8 name LickLab wrote', () => {
    const bytes = exportMidi({
      solo: [{ pitch: 60, start: 0, dur: 12, velocity: 80 }],
      chords: [],
      bars: [{ start: 0, beats: 4 }],
      tempo: 120,
      title: 'F blues — keeper',
    });
    expect(names(bytes)).toContain('F blues — keeper');
  });

  it('reads a Latin-1 name (not valid UTF-8) byte for byte', () => {
    const name = [0x43, 0x61, 0x66, 0xe9]; // "Café" in Latin-1
    const track = [0x00, 0xff, 0x03, name.length, ...name, 0x00, 0xff, 0x2f, 0x00];
    const bytes = new Uint8Array([
      ...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96],
      ...[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, track.length],
      ...track,
    ]);
    expect(names(bytes)).toEqual(['Café']);
  });
});
