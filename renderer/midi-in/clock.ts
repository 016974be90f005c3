// The clock the count-in, the recorder's stop and the trade run on: the page's performance.now()
// and timers in the app, a fake one in unit tests (no waiting, no timed assertions).
export interface Clock {
  now(): number;
  at(timeMs: number, fn: () => void): () => void;
}

export const pageClock: Clock = {
  now: () => performance.now(),
  at(timeMs, fn) {
    const id = setTimeout(fn, Math.max(0, timeMs - performance.now()));
    return () => clearTimeout(id);
  },
};

/** Beat and bar lengths at a tempo (quarter-note beats per minute). */
export function msPerBeat(tempo: number): number {
  if (!(tempo > 0) || !Number.isFinite(tempo))
    throw new RangeError(`the tempo must be a positive number of beats per minute, got ${tempo}`);
  return 60_000 / tempo;
}
