// Record a phrase from a MIDI keyboard: one bar of count-in clicks at the form's tempo, then
// `bars` bars of recording (clicks go on), then the phrase is quantized (recorder.ts) and handed
// over. Timing goes through a Clock so tests drive it with a fake one.
import type { Phrase } from '../../models/music/phrase';
import type { Clock } from './clock';
import { recordedPhrase, type MidiRecorder } from './recorder';

export interface RecordPlan {
  msPerBeat: number;
  beatsPerBar: number;
  bars: number;
}

export interface RecordEvents {
  click(accent: boolean): void;
  /** The count-in is over: recording runs until `endMs`. */
  recording(originMs: number, endMs: number): void;
  done(phrase: Phrase & { dropped: number }): void;
  failed(reason: string): void;
}

export class RecordSession {
  readonly startMs: number;
  readonly originMs: number;
  readonly endMs: number;
  #cancel: (() => void)[] = [];

  constructor(
    readonly plan: RecordPlan,
    clock: Clock,
    recorder: MidiRecorder,
    events: RecordEvents,
  ) {
    if (!Number.isInteger(plan.bars) || plan.bars < 1) throw new RangeError(`record at least one whole bar, got ${plan.bars}`);
    recorder.clear();
    this.startMs = clock.now();
    const barMs = plan.msPerBeat * plan.beatsPerBar;
    this.originMs = this.startMs + barMs;
    this.endMs = this.originMs + barMs * plan.bars;
    const beats = plan.beatsPerBar * (1 + plan.bars);
    for (let k = 0; k < beats; k++) {
      this.#cancel.push(clock.at(this.startMs + k * plan.msPerBeat, () => events.click(k % plan.beatsPerBar === 0)));
    }
    this.#cancel.push(clock.at(this.originMs, () => events.recording(this.originMs, this.endMs)));
    this.#cancel.push(
      clock.at(this.endMs, () => {
        try {
          events.done(recordedPhrase(recorder.notes, { originMs: this.originMs, ...plan }));
        } catch (err) {
          events.failed((err as Error).message);
        }
      }),
    );
  }

  /** Stop before the end: nothing is handed over. */
  cancel(): void {
    for (const c of this.#cancel.splice(0)) c();
  }
}
