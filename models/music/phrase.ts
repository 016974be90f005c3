// A phrase to continue (a primer): notes cut from a tune, a take or a recording at bar lines, with
// times counted from the phrase's first bar. Pure music code, shared by the CLI (a primer MIDI
// file), the studio backend and the renderer (a take, a selection of bars on the roll, a phrase
// played on a MIDI keyboard).
import type { Bar, Note } from './types';
import { barsEnd } from './types';

export interface Phrase {
  /** The notes, ticks from the phrase's first bar line. */
  notes: Note[];
  /** Its length in ticks (a whole number of bars of the line it was cut from). */
  ticks: number;
  /** How many bars it spans. */
  bars: number;
}

/**
 * Bars [from, to) of a line (0-based bar indices): notes starting in that span, shifted so the
 * first bar starts at tick 0; a note held over the last bar line is cut there. Throws a RangeError
 * saying what is wrong with the range, or that it holds no notes.
 */
export function cutPhrase(notes: readonly Note[], bars: readonly Bar[], from: number, to: number): Phrase {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from)
    throw new RangeError(`a primer needs a range of whole bars, first before last, got bars ${from + 1}..${to}`);
  if (to > bars.length) throw new RangeError(`the line has ${bars.length} bars; it cannot give bars ${from + 1}..${to}`);
  const start = bars[from].start;
  const end = to < bars.length ? bars[to].start : barsEnd([...bars]);
  const cut = notes
    .filter((n) => n.start >= start && n.start < end)
    .map((n) => ({ ...n, start: n.start - start, dur: Math.min(n.dur, end - n.start) }))
    .sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  if (cut.length === 0) throw new RangeError(`bars ${from + 1}..${to} hold no notes to continue`);
  return { notes: cut, ticks: end - start, bars: to - from };
}

/** The bars a line's notes reach into (the last bar holding a note onset, counted from 1); 0 when there are none. */
export function barsReached(notes: readonly Note[], bars: readonly Bar[]): number {
  let last = 0;
  for (const n of notes) {
    let b = bars.length - 1;
    while (b > 0 && bars[b].start > n.start) b--;
    last = Math.max(last, b + 1);
  }
  return notes.length ? last : 0;
}

/** Where a phrase placed at bar `at` of the changes starts and ends (ticks); throws when it does not
 *  end on one of their bar lines or leaves no bar to continue in. */
export function placePhrase(phrase: Phrase, bars: readonly Bar[], at = 0): { start: number; end: number; endBar: number } {
  if (!Number.isInteger(at) || at < 0 || at >= bars.length)
    throw new RangeError(`the primer cannot start at bar ${at + 1}: the changes have ${bars.length} bars`);
  const start = bars[at].start;
  const end = start + phrase.ticks;
  const endBar = bars.findIndex((b) => b.start === end);
  if (endBar < 0) {
    if (end >= barsEnd([...bars]))
      throw new RangeError(
        `the primer (${phrase.bars} bars) fills the changes from bar ${at + 1} to their end (${bars.length} bars): nothing is left to continue; give more bars or a shorter primer`,
      );
    throw new RangeError(`the primer is ${phrase.ticks / 12} beats long and does not end on a bar line of the changes (another meter?)`);
  }
  return { start, end, endBar };
}
