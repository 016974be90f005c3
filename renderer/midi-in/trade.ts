// Trading N bars ("call and response"): after one bar of count-in clicks the musician plays N bars
// (the call), LickLab answers the next N over the following changes, then the musician again, round
// after round, looping through the form. At the end of each call the recorded phrase is handed to
// `answer` (the studio asks the model to continue it); the answer's notes are played on the beat
// grid where they belong, so a slow reply loses its first notes (counted as late) rather than
// shifting the time. All timing goes through a Clock, so tests drive it with a fake one.
import type { Note } from '../../models/music/types';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import { recordedPhrase, type MidiRecorder } from './recorder';
import type { Phrase } from '../../models/music/phrase';
import type { Clock } from './clock';

export const TRADE_BARS = [2, 4, 8] as const;
export type TradeBars = (typeof TRADE_BARS)[number];

export interface TradePlan {
  msPerBeat: number;
  beatsPerBar: number;
  /** Bars of the form (the calls and answers walk through it and wrap round). */
  formBars: number;
  barsPerTurn: TradeBars;
}

export type TradePhase =
  { kind: 'count-in'; beat: number } | { kind: 'call' | 'answer'; round: number; bar: number; formBar: number; beat: number };

/** Where the trade is at `ms` after its start (the count-in's first click). */
export function tradePhaseAt(plan: TradePlan, ms: number): TradePhase {
  const beatsIn = Math.floor(ms / plan.msPerBeat + 1e-9);
  if (beatsIn < plan.beatsPerBar) return { kind: 'count-in', beat: Math.max(0, beatsIn) };
  const played = beatsIn - plan.beatsPerBar;
  const bar = Math.floor(played / plan.beatsPerBar);
  const turn = Math.floor(bar / plan.barsPerTurn);
  return {
    kind: turn % 2 === 0 ? 'call' : 'answer',
    round: Math.floor(turn / 2),
    bar,
    formBar: bar % plan.formBars,
    beat: played % plan.beatsPerBar,
  };
}

/** The bar of the form (0-based) where round `round`'s call starts. */
export function callBar(plan: TradePlan, round: number): number {
  return (2 * round * plan.barsPerTurn) % plan.formBars;
}

export interface AnswerRequest {
  round: number;
  /** The call as a phrase of `barsPerTurn` bars (ticks from its first bar line). */
  phrase: Phrase;
  /** Where the call sat in the form; the answer follows it. */
  atBar: number;
  barsPerTurn: TradeBars;
}

export interface TradeEvents {
  /** A metronome click (accent on each bar's first beat). */
  click(accent: boolean): void;
  /** Continue the call; resolves with the answer's notes in ticks from the answer's first bar line. */
  answer(req: AnswerRequest): Promise<Note[]>;
  /** Sound one answer note now. */
  play(note: Note, durMs: number): void;
  /** Something to tell the musician (a round answered, notes late, a call with nothing in it). */
  status(text: string): void;
}

export interface TradeStart {
  /** performance.now() time of the count-in's first beat (default: now). A band started on its own
   *  clock hands in its count-in here, so calls and answers fall on its bars. */
  startMs?: number;
  /** Metronome clicks on every beat (default true; off when the band keeps time). */
  clicks?: boolean;
}

export class TradeSession {
  readonly plan: TradePlan;
  /** performance.now() time of the count-in's first click. */
  readonly startMs: number;
  /** Rounds answered, and answer notes that came too late to play. */
  answered = 0;
  lateNotes = 0;
  #cancel: (() => void)[] = [];
  #stopped = false;

  constructor(
    plan: TradePlan,
    private readonly clock: Clock,
    private readonly recorder: MidiRecorder,
    private readonly events: TradeEvents,
    start: TradeStart = {},
  ) {
    this.plan = plan;
    this.startMs = start.startMs ?? clock.now();
    recorder.clear();
    if (start.clicks ?? true) this.#scheduleBeat(0);
    this.#scheduleCallEnd(0);
  }

  get barMs(): number {
    return this.plan.msPerBeat * this.plan.beatsPerBar;
  }

  /** performance.now() time of round `round`'s call's first downbeat. */
  callStartMs(round: number): number {
    return this.startMs + this.barMs * (1 + 2 * round * this.plan.barsPerTurn);
  }

  #at(timeMs: number, fn: () => void): void {
    if (this.#stopped) return;
    this.#cancel.push(this.clock.at(timeMs, fn));
  }

  // One timer per beat, each scheduling the next (a trade has no fixed end).
  #scheduleBeat(k: number): void {
    this.#at(this.startMs + k * this.plan.msPerBeat, () => {
      this.events.click(k % this.plan.beatsPerBar === 0);
      this.#scheduleBeat(k + 1);
    });
  }

  #scheduleCallEnd(round: number): void {
    const origin = this.callStartMs(round);
    const answerStart = origin + this.barMs * this.plan.barsPerTurn;
    this.#at(answerStart, () => {
      this.#scheduleCallEnd(round + 1);
      void this.#answer(round, origin, answerStart);
    });
  }

  async #answer(round: number, originMs: number, answerStartMs: number): Promise<void> {
    const { barsPerTurn, beatsPerBar, msPerBeat } = this.plan;
    let phrase: Phrase;
    try {
      phrase = recordedPhrase(this.recorder.notes, { originMs, msPerBeat, beatsPerBar, bars: barsPerTurn });
    } catch (err) {
      this.events.status(`Round ${round + 1}: ${(err as Error).message}; LickLab waits for the next call.`);
      return;
    }
    let notes: Note[];
    try {
      notes = await this.events.answer({ round, phrase, atBar: callBar(this.plan, round), barsPerTurn });
    } catch (err) {
      this.events.status(`Round ${round + 1}: no answer (${(err as Error).message}).`);
      return;
    }
    if (this.#stopped) return;
    const msPerTick = msPerBeat / TICKS_PER_BEAT;
    const now = this.clock.now();
    let late = 0;
    for (const n of notes) {
      const at = answerStartMs + n.start * msPerTick;
      if (at < now) late++;
      else this.#at(at, () => this.events.play(n, n.dur * msPerTick));
    }
    this.answered++;
    this.lateNotes += late;
    this.events.status(
      `Round ${round + 1} answered: ${notes.length} notes${late ? `, ${late} too late to play (the reply took ${Math.round(now - answerStartMs)} ms)` : ''}.`,
    );
  }

  stop(): void {
    this.#stopped = true;
    for (const c of this.#cancel.splice(0)) c();
  }

  get stopped(): boolean {
    return this.#stopped;
  }
}
