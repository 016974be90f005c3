// A clock for unit tests: time moves only when the test says, and due timers run in time order.
import type { Clock } from '../../../renderer/midi-in/clock';

export class FakeClock implements Clock {
  #now = 1000;
  #timers: { at: number; fn: () => void; id: number }[] = [];
  #next = 0;

  now(): number {
    return this.#now;
  }

  at(timeMs: number, fn: () => void): () => void {
    const id = this.#next++;
    this.#timers.push({ at: timeMs, fn, id });
    return () => (this.#timers = this.#timers.filter((t) => t.id !== id));
  }

  /** Move to `timeMs`, running every timer due by then (timers they add included). */
  runTo(timeMs: number): void {
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= timeMs).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = Math.max(this.#now, timeMs);
  }

  get pending(): number {
    return this.#timers.length;
  }
}
