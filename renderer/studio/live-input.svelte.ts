// The studio's MIDI keyboard: pick an input, record N bars after a one-bar count-in (the phrase
// becomes the primer), or trade N bars with LickLab (each answer is a take, put on the roll and
// played in time). The timing and quantizing live in ../midi-in (plain modules with tests); this
// class holds the panel's state and connects them to the takes and the sound.
import { listen, openMidi, type MidiAccessLike, type MidiInputInfo, type NavigatorLike } from '../midi-in/access';
import { MidiRecorder } from '../midi-in/recorder';
import { RecordSession } from '../midi-in/record';
import { TradeSession, type TradeBars } from '../midi-in/trade';
import { msPerBeat, pageClock, type Clock } from '../midi-in/clock';
import type { Note } from '../../models/music/types';
import { chorusBars } from './generate-settings';
import { primerFromRecording } from './primer-source';
import type { TakesState } from './takes-state.svelte';

export type LivePhase = 'idle' | 'count-in' | 'recording' | 'trading';

/** How the live input is heard: metronome clicks and notes (the keyboard's echo, the answers),
 *  and the band a trade plays over. */
export interface LiveSound {
  click(accent: boolean): void;
  note(pitch: number, velocity: number, durMs: number): void;
  /** Start the band over one chorus of the changes, looping, after a bar of count-in; resolves with
   *  the performance.now() time of its first downbeat, or null when it cannot sound. */
  band?(): Promise<number | null>;
  stopBand?(): void;
}

export class LiveInput {
  inputs: MidiInputInfo[] = $state([]);
  inputId = $state('');
  problem: string | null = $state(null);
  phase: LivePhase = $state('idle');
  status: string | null = $state(null);
  /** Bars to record, to trade, and to take from a take's end with Continue. */
  bars: TradeBars = $state(4);
  /** The first downbeat after the count-in and the beat length (ms) of the running session. */
  plan: { originMs: number; msPerBeat: number; beatsPerBar: number } | null = null;
  #access: MidiAccessLike | null = null;
  #unlisten: (() => void) | null = null;
  #listening = '';
  #recorder = new MidiRecorder();
  #session: RecordSession | TradeSession | null = null;

  constructor(
    private readonly studio: TakesState,
    private readonly sound: LiveSound,
    private readonly clock: Clock = pageClock,
    private readonly nav?: NavigatorLike,
  ) {}

  /** Ask for MIDI access again and list the inputs (keeps the chosen one when it is still there). */
  async refresh(): Promise<void> {
    const open = await openMidi(this.nav);
    if (!open.ok) {
      this.problem = open.problem;
      this.inputs = [];
      return;
    }
    this.problem = null;
    this.#access = open.access;
    this.inputs = open.inputs;
    if (!open.inputs.some((i) => i.id === this.inputId)) this.inputId = open.inputs[0].id;
  }

  /** Listen to the chosen input (again when the choice changed); false with a problem when it cannot. */
  #listen(): boolean {
    if (!this.#access || !this.inputId) {
      this.problem ??= 'Pick a MIDI input first (press Connect to look for one).';
      return false;
    }
    if (this.#listening === this.inputId && this.#unlisten) return true;
    this.#unlisten?.();
    try {
      this.#unlisten = listen(this.#access, this.inputId, (data, t) => {
        const n = this.#recorder.feed(data, t);
        if (n) this.sound.note(n.pitch, n.velocity, 300);
      });
      this.#listening = this.inputId;
      return true;
    } catch (err) {
      this.problem = (err as Error).message;
      return false;
    }
  }

  #timing(): { msPerBeat: number; beatsPerBar: number; formBars: number } | null {
    const bars = chorusBars(this.studio.settings);
    if (!bars?.length) {
      this.problem = 'The chord chart has a problem: fix it before recording.';
      return null;
    }
    try {
      return { msPerBeat: msPerBeat(this.studio.settings.tempo), beatsPerBar: bars[0].beats, formBars: bars.length };
    } catch (err) {
      this.problem = (err as Error).message;
      return null;
    }
  }

  /** One bar of count-in at the form's tempo, then `bars` bars recorded; the phrase becomes the primer. */
  record(): void {
    if (this.phase !== 'idle' || !this.#listen()) return;
    const t = this.#timing();
    if (!t) return;
    this.problem = null;
    this.phase = 'count-in';
    this.status = `Count-in: one bar at ${this.studio.settings.tempo} bpm…`;
    const s = new RecordSession({ msPerBeat: t.msPerBeat, beatsPerBar: t.beatsPerBar, bars: this.bars }, this.clock, this.#recorder, {
      click: (accent) => this.sound.click(accent),
      recording: () => {
        this.phase = 'recording';
        this.status = `Recording ${this.bars} bars: play!`;
      },
      done: (phrase) => {
        this.#session = null;
        this.phase = 'idle';
        this.studio.setPrimer(() => primerFromRecording(phrase));
        this.status = `Recorded ${phrase.notes.length} notes on the grid${phrase.dropped ? ` (${phrase.dropped} chord notes left out: the line keeps the top voice)` : ''}.`;
      },
      failed: (why) => {
        this.#session = null;
        this.phase = 'idle';
        this.status = null;
        this.problem = `Nothing recorded: ${why}.`;
      },
    });
    this.#session = s;
    this.plan = { originMs: s.originMs, msPerBeat: t.msPerBeat, beatsPerBar: t.beatsPerBar };
  }

  /** Trade `bars` bars with LickLab until stopped, over the band when it can play (else over clicks). */
  async trade(): Promise<void> {
    if (this.phase !== 'idle' || !this.#listen()) return;
    const t = this.#timing();
    if (!t) return;
    this.problem = null;
    this.phase = 'trading';
    this.status = 'Starting the band…';
    this.plan = null;
    const downbeat = this.sound.band ? await this.sound.band() : null;
    if (this.phase !== 'trading') return; // stopped while the band was starting
    const barMs = t.msPerBeat * t.beatsPerBar;
    const start = downbeat === null ? {} : { startMs: downbeat - barMs, clicks: false };
    this.status = `Count-in, then you play ${this.bars} bars and LickLab answers ${this.bars}${downbeat === null ? ' (clicks: the band cannot play here)' : ''}.`;
    const s = new TradeSession(
      { ...t, barsPerTurn: this.bars },
      this.clock,
      this.#recorder,
      {
        click: (accent) => this.sound.click(accent),
        answer: async ({ round, phrase, atBar, barsPerTurn }) => {
          const call = { notes: phrase.notes, ticks: phrase.ticks, bars: phrase.bars };
          const take = await this.studio.answerCall(call, atBar, barsPerTurn, round);
          const p = take.primer!;
          return take.notes.slice(p.notes).map((n): Note => ({ ...n, start: n.start - p.end }));
        },
        play: (n, durMs) => this.sound.note(n.pitch, n.velocity, durMs),
        status: (text) => (this.status = text),
      },
      start,
    );
    this.#session = s;
    this.plan = { originMs: s.callStartMs(0), msPerBeat: t.msPerBeat, beatsPerBar: t.beatsPerBar };
  }

  /** Stop a recording (nothing kept) or a trade (its answers stay as takes). */
  stop(): void {
    if (this.#session instanceof RecordSession) this.#session.cancel();
    else if (this.#session) {
      this.#session.stop();
      this.sound.stopBand?.();
    } else if (this.phase === 'trading') this.sound.stopBand?.(); // stopped while the band was starting
    this.#session = null;
    if (this.phase !== 'idle') this.status = this.phase === 'trading' ? 'Trade stopped.' : 'Recording stopped; nothing kept.';
    this.phase = 'idle';
  }

  dispose(): void {
    this.stop();
    this.#unlisten?.();
    this.#unlisten = null;
  }
}
