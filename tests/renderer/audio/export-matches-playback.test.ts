// What you hear is what you export: for a chorus of every form, the comp and bass notes the studio
// schedules are the notes the MIDI export writes (same pitches, same ticks, same velocities).
import midiPkg from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../../../models/music/forms';
import { PPQ, exportMidi } from '../../../models/music/midi-export';
import { progressionFromForm } from '../../../models/music/progression';
import { TICKS_PER_BEAT } from '../../../models/music/vocabulary';
import { buildSchedule, type Part } from '../../../renderer/audio/schedule';

const { Midi } = midiPkg;
const SCALE = PPQ / TICKS_PER_BEAT;

type Hit = [tick: number, pitch: number, velocity: number];
const sorted = (hits: Hit[]) => hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe.each([
  { comp: true, bass: true },
  { comp: true, bass: false },
  { comp: false, bass: true },
])('export = playback with comp %s', (band) => {
  it.each(FORMS.map((f) => f.name))('%s', (name) => {
    const p = progressionFromForm(name, undefined, { choruses: 1 });
    const take = { notes: [], chords: p.chords, bars: p.bars, tempo: 160 };
    const heard = buildSchedule(take, { ...band, swing: 0 }).events;
    const played = (part: Part): Hit[] =>
      sorted(heard.filter((e) => e.part === part).map((e) => [e.tick, e.pitch, Math.round(e.velocity * 127)]));
    const file = new Midi(exportMidi({ solo: [], chords: p.chords, bars: p.bars, tempo: 160, band }));
    const written = (track: string): Hit[] =>
      sorted((file.tracks.find((t) => t.name === track)?.notes ?? []).map((n) => [n.ticks / SCALE, n.midi, Math.round(n.velocity * 127)]));
    expect(written('Chords')).toEqual(played('comp'));
    expect(written('Bass')).toEqual(played('bass'));
    expect(played('comp').length > 0).toBe(band.comp);
    expect(played('bass').length > 0).toBe(band.bass);
  });
});
