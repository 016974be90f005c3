// Where a primer (a phrase for the model to continue) comes from in the studio: the last N bars of
// a take, bars selected on the roll's ruler, or a phrase recorded from a MIDI keyboard. Cutting is
// models/music/phrase's (the same code as `licklab sample --primer`), and a take's notes, played
// with humanized timing, are put back on the vocabulary's grid by models/music/quantize (as the
// importer does for a primer file) so the model can hear them. Throws a RangeError in the
// musician's words when there is nothing to continue.
import { barsReached, cutPhrase, type Phrase } from '../../models/music/phrase';
import { quantizeLine } from '../../models/music/quantize';
import { TICKS_PER_BEAT } from '../../models/music/vocabulary';
import type { Bar, Note, PrimerRequest, TakeRecord } from '../../api/takes';
import { rangeLabel, type BarRange } from '../pianoroll/bar-selection';

export type PrimerOrigin = 'take' | 'selection' | 'midi';

export interface PrimerChoice {
  request: PrimerRequest;
  /** "the last 4 bars of <take>", "bars 3-4 of <take>", "4 bars played on MIDI". */
  label: string;
  origin: PrimerOrigin;
}

const plain = (p: Phrase): PrimerRequest['phrase'] => ({
  notes: p.notes.map(({ pitch, start, dur, velocity }) => ({ pitch, start, dur, velocity })),
  ticks: p.ticks,
  bars: p.bars,
});

/** Bars [from, to) of a line as a phrase on the grid (onsets and durations the vocabulary has). */
export function phraseOnGrid(notes: readonly Note[], bars: readonly Bar[], from: number, to: number): Phrase {
  const cut = cutPhrase(notes, bars, from, to);
  const { notes: grid } = quantizeLine(
    cut.notes.map((n) => ({
      pitch: n.pitch,
      velocity: n.velocity,
      startBeat: n.start / TICKS_PER_BEAT,
      endBeat: (n.start + n.dur) / TICKS_PER_BEAT,
    })),
  );
  const own = bars.slice(from, to).map((b) => ({ start: b.start - bars[from].start, beats: b.beats }));
  return cutPhrase(grid, own, 0, to - from);
}

/** The last `bars` bars of a take that hold its notes (fewer when the take is shorter). */
export function primerFromTake(take: TakeRecord, bars: number): PrimerChoice {
  const reached = barsReached(take.notes, take.bars);
  if (reached === 0) throw new RangeError(`"${take.name}" has no notes to continue`);
  const from = Math.max(0, reached - bars);
  const phrase = phraseOnGrid(take.notes, take.bars, from, reached);
  const n = reached - from;
  return { request: { phrase: plain(phrase) }, label: `the last ${n === 1 ? 'bar' : `${n} bars`} of "${take.name}"`, origin: 'take' };
}

/** Bars selected on the roll, from the take on it. */
export function primerFromSelection(take: TakeRecord, range: BarRange): PrimerChoice {
  const phrase = phraseOnGrid(take.notes, take.bars, range.from, range.to);
  return { request: { phrase: plain(phrase) }, label: `${rangeLabel(range)} of "${take.name}"`, origin: 'selection' };
}

/** A phrase recorded from a MIDI keyboard (already quantized). */
export function primerFromRecording(phrase: Phrase): PrimerChoice {
  return {
    request: { phrase: plain(phrase) },
    label: `${phrase.bars === 1 ? '1 bar' : `${phrase.bars} bars`} played on MIDI`,
    origin: 'midi',
  };
}
