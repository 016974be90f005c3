// Trading bars on a fake clock: the phases (count-in, call, answer) walk through the form and wrap
// round; at each call's end the recorded phrase goes to `answer` with the bar it sat at; the answer's
// notes play on the beat grid of the answer bars; a slow reply loses only its notes already past;
// an empty call gets a message and no request; stop() ends every timer.
import { describe, expect, it } from 'vitest';
import { TradeSession, callBar, tradePhaseAt, type AnswerRequest } from '../../../renderer/midi-in/trade';
import { MidiRecorder } from '../../../renderer/midi-in/recorder';
import type { Note } from '../../../models/music/types';
import { FakeClock } from './fake-clock';

const plan = { msPerBeat: 250, beatsPerBar: 4, formBars: 12, barsPerTurn: 4 as const }; // 240 bpm, 1 s bars

describe('trade phases', () => {
  it('count-in, then calls and answers of N bars through the form, wrapping at its end', () => {
    expect(tradePhaseAt(plan, 0)).toEqual({ kind: 'count-in', beat: 0 });
    expect(tradePhaseAt(plan, 999)).toEqual({ kind: 'count-in', beat: 3 });
    expect(tradePhaseAt(plan, 1000)).toMatchObject({ kind: 'call', round: 0, bar: 0, formBar: 0, beat: 0 });
    expect(tradePhaseAt(plan, 5000)).toMatchObject({ kind: 'answer', round: 0, bar: 4, formBar: 4 });
    expect(tradePhaseAt(plan, 9250)).toMatchObject({ kind: 'call', round: 1, bar: 8, formBar: 8, beat: 1 });
    expect(tradePhaseAt(plan, 13000)).toMatchObject({ kind: 'answer', round: 1, bar: 12, formBar: 0 });
    expect([0, 1, 2, 3].map((r) => callBar(plan, r))).toEqual([0, 8, 4, 0]);
    expect([0, 1].map((r) => callBar({ ...plan, barsPerTurn: 8 }, r))).toEqual([0, 4]);
  });
});

function session(answerWith: (req: AnswerRequest) => Promise<Note[]>) {
  const clock = new FakeClock();
  const recorder = new MidiRecorder();
  const log = { clicks: 0, played: [] as [number, number, number][], status: [] as string[], requests: [] as AnswerRequest[] };
  const s = new TradeSession(plan, clock, recorder, {
    click: () => log.clicks++,
    answer: (req) => {
      log.requests.push(req);
      return answerWith(req);
    },
    play: (n, durMs) => log.played.push([clock.now() - s.startMs, n.pitch, durMs]),
    status: (t) => log.status.push(t),
  });
  return { clock, recorder, log, s };
}

const answer: Note[] = [
  { pitch: 70, start: 0, dur: 6, velocity: 90 },
  { pitch: 72, start: 12, dur: 12, velocity: 90 },
  { pitch: 74, start: 60, dur: 24, velocity: 90 },
];

describe('TradeSession', () => {
  it('sends each call as a phrase at its bar and plays the answer in time', async () => {
    const { clock, recorder, log, s } = session(async () => answer);
    const t0 = s.startMs;
    clock.runTo(t0 + 1000 + 10);
    recorder.feed([0x90, 60, 100], t0 + 1000 + 10);
    recorder.feed([0x80, 60, 0], t0 + 1250);
    recorder.feed([0x90, 63, 100], t0 + 2000 - 12);
    recorder.feed([0x80, 63, 0], t0 + 2500);
    clock.runTo(t0 + 5000); // the call's end
    await Promise.resolve();
    await Promise.resolve();
    expect(log.requests).toHaveLength(1);
    expect(log.requests[0]).toMatchObject({ round: 0, atBar: 0, barsPerTurn: 4 });
    expect(log.requests[0].phrase).toEqual({
      notes: [
        { pitch: 60, start: 0, dur: 12, velocity: 100 },
        { pitch: 63, start: 48, dur: 24, velocity: 100 },
      ],
      ticks: 192,
      bars: 4,
      dropped: 0,
    });
    clock.runTo(t0 + 9000);
    // Answer bars start at 5 s; a tick is 250/12 ms.
    expect(log.played).toEqual([
      [5000, 70, 125],
      [5250, 72, 250],
      [6250, 74, 500],
    ]);
    expect(log.status).toEqual(['Round 1 answered: 3 notes.']);
    expect(log.clicks).toBe(37); // beats 0..36 up to 9 s
    expect(s.answered).toBe(1);
    s.stop();
    clock.runTo(t0 + 60_000);
    expect(log.clicks).toBe(37);
    expect(clock.pending).toBe(0);
  });

  it('a late reply keeps the grid: notes already past are dropped and counted', async () => {
    let release: (n: Note[]) => void = () => {};
    const { clock, recorder, log, s } = session(() => new Promise((r) => (release = r)));
    const t0 = s.startMs;
    recorder.feed([0x90, 60, 100], t0 + 1000);
    clock.runTo(t0 + 5300); // 300 ms into the answer bars before the reply arrives
    release(answer);
    await Promise.resolve();
    await Promise.resolve();
    clock.runTo(t0 + 8000);
    expect(log.played).toEqual([[6250, 74, 500]]);
    expect(s.lateNotes).toBe(2);
    expect(log.status[0]).toBe('Round 1 answered: 3 notes, 2 too late to play (the reply took 300 ms).');
    s.stop();
  });

  it('an empty call asks nothing; a failed answer says why; the next round goes on', async () => {
    const { clock, recorder, log, s } = session(async () => {
      throw new Error('the model is busy');
    });
    const t0 = s.startMs;
    clock.runTo(t0 + 5000);
    await Promise.resolve();
    expect(log.requests).toHaveLength(0);
    expect(log.status[0]).toBe(
      'Round 1: nothing was played in the 4 recorded bars: play after the count-in; LickLab waits for the next call.',
    );
    recorder.feed([0x90, 60, 100], t0 + 9000);
    clock.runTo(t0 + 13000);
    await Promise.resolve();
    await Promise.resolve();
    expect(log.requests.map((r) => r.atBar)).toEqual([8]);
    expect(log.status[1]).toBe('Round 2: no answer (the model is busy).');
    s.stop();
  });

  it("starts on a band's clock without clicks: the count-in bar and the calls fall on its bars", async () => {
    const clock = new FakeClock();
    const recorder = new MidiRecorder();
    const requests: AnswerRequest[] = [];
    let clicks = 0;
    const start = clock.now() + 700; // the band's count-in starts later (samples loading)
    const s = new TradeSession(
      plan,
      clock,
      recorder,
      {
        click: () => clicks++,
        answer: async (r) => {
          requests.push(r);
          return [];
        },
        play: () => {},
        status: () => {},
      },
      { startMs: start, clicks: false },
    );
    expect(s.callStartMs(0)).toBe(start + 1000);
    recorder.feed([0x90, 62, 100], start + 1000 + 250);
    recorder.feed([0x80, 62, 0], start + 1000 + 500);
    clock.runTo(start + 4999);
    await Promise.resolve();
    expect(requests).toHaveLength(0);
    clock.runTo(start + 5000);
    await Promise.resolve();
    expect(requests[0].phrase.notes).toEqual([{ pitch: 62, start: 12, dur: 12, velocity: 100 }]);
    expect(clicks).toBe(0);
    s.stop();
  });
});
