// Recording from MIDI: note-on/off pairing, the window after the count-in, quantization to the
// vocabulary's grid (a slightly early or late note lands on its beat), the count-in's clicks and the
// automatic stop (fake clock), and a clear message for an empty recording.
import { describe, expect, it } from 'vitest';
import { MidiRecorder, recordedPhrase, timedNotes } from '../../../renderer/midi-in/recorder';
import { RecordSession } from '../../../renderer/midi-in/record';
import { msPerBeat } from '../../../renderer/midi-in/clock';
import { FakeClock } from './fake-clock';

const on = (pitch: number, velocity = 100) => [0x90, pitch, velocity];
const off = (pitch: number) => [0x80, pitch, 0];

describe('MidiRecorder', () => {
  it('pairs note-on with note-off (or note-on velocity 0) on any channel and ignores the rest', () => {
    const r = new MidiRecorder();
    r.feed(on(60), 0);
    r.feed([0x91, 64, 90], 10);
    r.feed([0xb0, 64, 127], 20); // sustain pedal: ignored
    r.feed(off(60), 100);
    r.feed([0x91, 64, 0], 150);
    r.feed(on(67), 200);
    expect(r.notes).toEqual([
      { pitch: 60, velocity: 100, onMs: 0, offMs: 100 },
      { pitch: 64, velocity: 90, onMs: 10, offMs: 150 },
      { pitch: 67, velocity: 100, onMs: 200, offMs: null },
    ]);
  });
});

describe('recordedPhrase', () => {
  const w = { originMs: 1000, msPerBeat: 500, beatsPerBar: 4, bars: 2 }; // 120 bpm
  it('quantizes what was played to the grid, relative to the downbeat, and cuts at the window end', () => {
    const r = new MidiRecorder();
    r.feed(on(50), 900); // before the downbeat by a fifth of a beat: not part of the phrase
    r.feed(off(50), 990);
    r.feed(on(60, 80), 1000 - 20); // 20 ms early: on the downbeat
    r.feed(off(60), 1240);
    r.feed(on(62), 1000 + 500 + 15); // beat 2, 15 ms late
    r.feed(off(62), 1000 + 750);
    r.feed(on(64), 1000 + 750 + 5); // the "and" of beat 2 (an eighth)
    r.feed(off(64), 1000 + 1000);
    r.feed(on(67), 1000 + 3500); // beat 4 of bar 2, held past the end
    const p = recordedPhrase(r.notes, w);
    expect(p.notes).toEqual([
      { pitch: 60, start: 0, dur: 6, velocity: 80 },
      { pitch: 62, start: 12, dur: 6, velocity: 100 },
      { pitch: 64, start: 18, dur: 6, velocity: 100 },
      { pitch: 67, start: 84, dur: 12, velocity: 100 },
    ]);
    expect([p.ticks, p.bars]).toEqual([96, 2]);
    expect(timedNotes(r.notes, w)).toHaveLength(4);
  });

  it('says so when nothing was played in the window', () => {
    const r = new MidiRecorder();
    r.feed(on(60), 200);
    r.feed(off(60), 300);
    expect(() => recordedPhrase(r.notes, w)).toThrow('nothing was played in the 2 recorded bars: play after the count-in');
  });
});

describe('RecordSession', () => {
  it('clicks one bar of count-in at the tempo, records the next bars, then hands over the phrase', () => {
    const clock = new FakeClock();
    const r = new MidiRecorder();
    const clicks: [number, boolean][] = [];
    const log: string[] = [];
    let phrase: unknown = null;
    const beat = msPerBeat(160); // 375 ms
    const s = new RecordSession({ msPerBeat: beat, beatsPerBar: 4, bars: 1 }, clock, r, {
      click: (accent) => clicks.push([clock.now() - 1000, accent]),
      recording: (origin, end) => log.push(`recording ${origin}..${end}`),
      done: (p) => (phrase = p),
      failed: (why) => log.push(why),
    });
    expect(s.originMs).toBe(1000 + 4 * beat);
    clock.runTo(s.originMs - 1);
    expect(clicks).toEqual([
      [0, true],
      [375, false],
      [750, false],
      [1125, false],
    ]);
    clock.runTo(s.originMs + 10);
    r.feed(on(65), s.originMs + 10);
    r.feed(off(65), s.originMs + beat);
    r.feed(on(69), s.originMs + 2 * beat - 8);
    r.feed(off(69), s.originMs + 3 * beat);
    clock.runTo(s.endMs);
    expect(log).toEqual([`recording ${s.originMs}..${s.endMs}`]);
    expect(clicks.filter(([, a]) => a)).toHaveLength(2); // the count-in's bar and the recorded bar
    expect(phrase).toEqual({
      notes: [
        { pitch: 65, start: 0, dur: 12, velocity: 100 },
        { pitch: 69, start: 24, dur: 12, velocity: 100 },
      ],
      ticks: 48,
      bars: 1,
      dropped: 0,
    });
    expect(clock.pending).toBe(0);
  });

  it('reports an empty take, and a cancelled one hands nothing over', () => {
    const clock = new FakeClock();
    const failed: string[] = [];
    const s = new RecordSession({ msPerBeat: 500, beatsPerBar: 4, bars: 2 }, clock, new MidiRecorder(), {
      click: () => {},
      recording: () => {},
      done: () => failed.push('done?'),
      failed: (why) => failed.push(why),
    });
    clock.runTo(s.endMs);
    expect(failed).toEqual(['nothing was played in the 2 recorded bars: play after the count-in']);
    const c = new RecordSession({ msPerBeat: 500, beatsPerBar: 4, bars: 2 }, clock, new MidiRecorder(), {
      click: () => {},
      recording: () => {},
      done: () => failed.push('done?'),
      failed: (why) => failed.push(why),
    });
    c.cancel();
    clock.runTo(c.endMs + 1);
    expect(failed).toHaveLength(1);
    expect(() => msPerBeat(0)).toThrow('positive number of beats per minute');
  });
});
