// The studio's primer: from a take's last bars, from bars selected on the roll, from a MIDI
// recording; Generate and Sweep send it (and nothing without one); a source with nothing to continue
// says why. LiveInput on a fake clock and a fake Web MIDI: record after a count-in, quantized into
// the primer; a trade round sent as an answer request at its bar; the no-MIDI and no-input messages.
import { describe, expect, it } from 'vitest';
import { TakesState } from '../../../renderer/studio/takes-state.svelte';
import { LiveInput } from '../../../renderer/studio/live-input.svelte';
import { primerFromSelection, primerFromTake } from '../../../renderer/studio/primer-source';
import { answerRequest, DEFAULT_SETTINGS } from '../../../renderer/studio/generate-settings';
import { generateCheck } from '../../../api/channels/studio';
import { NO_INPUTS, NO_WEB_MIDI, type MidiInputLike } from '../../../renderer/midi-in/access';
import { fakeApi } from '../fake-api';
import { takeFixture } from '../../backend/studio/take-fixture';
import { FakeClock } from '../midi-in/fake-clock';
import type { GenerateRequest, TakeRecord } from '../../../api/takes';

const bars = Array.from({ length: 4 }, (_, i) => ({ start: i * 48, beats: 4 }));
const n = (pitch: number, start: number, dur = 6) => ({ pitch, start, dur, velocity: 90 });
// Played with humanized timing: onsets a fraction of a tick off the grid.
const take: TakeRecord = takeFixture('take-four', { bars, notes: [n(60, 0), n(62, 48.4), n(64, 95.7), n(65, 108.2, 12)] });

describe('primer sources', () => {
  it("a take's last N bars that hold notes, and bars selected on the roll, put back on the grid", () => {
    const p = primerFromTake(take, 2);
    expect(p.request.phrase).toEqual({ notes: [n(62, 0), n(64, 48), n(65, 60, 12)], ticks: 96, bars: 2 });
    expect(p.label).toBe('the last 2 bars of "Take take-four"');
    expect(primerFromTake(take, 8).request.phrase.bars).toBe(3); // bars 1-3: bar 4 has no notes
    const s = primerFromSelection(take, { from: 0, to: 1 });
    expect(s.request.phrase).toEqual({ notes: [n(60, 0)], ticks: 48, bars: 1 });
    expect(s.label).toBe('bar 1 of "Take take-four"');
    expect(() => primerFromSelection(take, { from: 3, to: 4 })).toThrow('bars 4..4 hold no notes to continue');
    expect(() => primerFromTake({ ...take, notes: [] }, 2)).toThrow('has no notes to continue');
  });

  it('Generate and Sweep send the primer; clearing it sends none; a bad source says why', async () => {
    const fake = fakeApi({ 'take:generate': async () => takeFixture('take-new'), 'take:sweep': async () => ({ sweepId: 's', takes: [] }) });
    const s = new TakesState(fake.api);
    expect(s.setPrimer(() => primerFromTake(take, 2))).toBe(true);
    await s.generate();
    await s.sweep();
    s.clearPrimer();
    await s.generate();
    const [a, b] = fake.sent('take:generate') as GenerateRequest[];
    expect(a.primer).toEqual({ phrase: primerFromTake(take, 2).request.phrase });
    expect((fake.sent('take:sweep')[0] as GenerateRequest).primer).toEqual(a.primer);
    expect(b.primer).toBeUndefined();
    expect(s.setPrimer(() => primerFromSelection(take, { from: 3, to: 4 }))).toBe(false);
    expect(s.primerProblem).toBe('No primer: bars 4..4 hold no notes to continue.');
    expect(s.primer).toBeNull();
  });

  it("a trade's answer request: the call at its bar, the changes long enough for the answer", () => {
    const phrase = { notes: [n(60, 0)], ticks: 96, bars: 2 };
    const r = answerRequest({ ...DEFAULT_SETTINGS }, 7, phrase, 8, 2);
    expect(r).toMatchObject({ bars: 12, seed: 7, primer: { phrase, atBar: 8, answerBars: 2 }, name: 'Trade answer 1 · bars 11-12' });
    expect(generateCheck(r, 'p')).toBeNull();
    expect('choruses' in r).toBe(false);
  });
});

function fakeMidi(inputs: number) {
  const listeners = new Set<(e: { data: Uint8Array; timeStamp: number }) => void>();
  const list: MidiInputLike[] = Array.from({ length: inputs }, (_, i) => ({
    id: `in-${i}`,
    name: `Keys ${i}`,
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  }));
  return {
    nav: { requestMIDIAccess: async () => ({ inputs: new Map(list.map((i) => [i.id, i])) }) },
    send: (data: number[], t: number) => listeners.forEach((l) => l({ data: new Uint8Array(data), timeStamp: t })),
  };
}

describe('LiveInput', () => {
  const quiet = { click: () => {}, note: () => {} };

  it('explains a browser without Web MIDI and a machine without inputs', async () => {
    const s = new TakesState(fakeApi({}).api);
    const none = new LiveInput(s, quiet, new FakeClock(), {});
    await none.refresh();
    expect(none.problem).toBe(NO_WEB_MIDI);
    const empty = new LiveInput(s, quiet, new FakeClock(), fakeMidi(0).nav);
    await empty.refresh();
    expect(empty.problem).toBe(NO_INPUTS);
    empty.record();
    expect(empty.phase).toBe('idle');
  });

  it('records after a one-bar count-in; the quantized phrase becomes the primer', async () => {
    const clock = new FakeClock();
    const midi = fakeMidi(1);
    const s = new TakesState(fakeApi({}).api);
    s.settings.tempo = 120; // 500 ms beats
    let clicks = 0;
    const live = new LiveInput(s, { click: () => clicks++, note: () => {} }, clock, midi.nav);
    await live.refresh();
    live.bars = 2;
    live.record();
    expect(live.phase).toBe('count-in');
    const origin = live.plan!.originMs;
    expect(origin - clock.now()).toBe(2000);
    clock.runTo(origin);
    expect(live.phase).toBe('recording');
    midi.send([0x90, 67, 100], origin + 1010); // beat 3, 10 ms late
    midi.send([0x80, 67, 0], origin + 1500);
    clock.runTo(origin + 4000);
    expect(live.phase).toBe('idle');
    expect(s.primer?.origin).toBe('midi');
    expect(s.primer?.request.phrase).toEqual({ notes: [{ pitch: 67, start: 24, dur: 12, velocity: 100 }], ticks: 96, bars: 2 });
    expect(clicks).toBe(12); // 3 bars of 4 beats: count-in and the 2 recorded bars
  });

  it('trades: the call goes out as an answer request at its bar, the answer is a take', async () => {
    const clock = new FakeClock();
    const midi = fakeMidi(1);
    const answer = takeFixture('take-answer', { primer: { start: 0, end: 96, bars: 2, notes: 1 }, notes: [n(60, 0), n(70, 100)] });
    const fake = fakeApi({ 'take:generate': async () => answer });
    const s = new TakesState(fake.api);
    s.settings.tempo = 240;
    const played: number[] = [];
    const live = new LiveInput(s, { click: () => {}, note: (p) => played.push(p) }, clock, midi.nav);
    await live.refresh();
    live.bars = 2;
    live.trade();
    const origin = live.plan!.originMs;
    midi.send([0x90, 60, 90], origin);
    midi.send([0x80, 60, 0], origin + 200);
    clock.runTo(origin + 2000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const sent = fake.sent('take:generate') as GenerateRequest[];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      bars: 4,
      primer: { atBar: 0, answerBars: 2, phrase: { bars: 2, ticks: 96 } },
      name: 'Trade answer 1 · bars 3-4',
    });
    expect(s.currentId).toBe('take-answer');
    clock.runTo(origin + 3000);
    expect(played).toEqual([60, 70]); // the echo of the call's note, then the answer's note in time
    live.stop();
    expect(live.status).toBe('Trade stopped.');
  });

  it('trades over the band when it plays: calls fall on its bars, Stop stops it', async () => {
    const clock = new FakeClock();
    const midi = fakeMidi(1);
    const s = new TakesState(fakeApi({}).api);
    s.settings.tempo = 240;
    const log: string[] = [];
    const downbeat = clock.now() + 1500; // the band's tick 0, after loading and its count-in bar
    const live = new LiveInput(
      s,
      { click: () => log.push('click'), note: () => {}, band: async () => downbeat, stopBand: () => log.push('band stopped') },
      clock,
      midi.nav,
    );
    await live.refresh();
    live.bars = 2;
    await live.trade();
    expect(live.plan?.originMs).toBe(downbeat);
    clock.runTo(downbeat + 1000);
    expect(log).toEqual([]); // the band keeps time: no clicks of our own
    live.stop();
    expect(log).toEqual(['band stopped']);
  });
});
