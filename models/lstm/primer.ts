// Continue a phrase: the phrase is placed on the changes, encoded in the model's vocabulary (with
// the rests before its first note and after its last up to its end bar line, so the network hears
// where the phrase stops), fed through the stepper as generate()'s primer, and the take is
// generated from the phrase's end. The phrase's notes are kept as given in front of the
// continuation; metrics measure the continuation only (what the model played).
import { encodeTune, contextAt } from '../music/encode';
import { vocabularyFor } from '../music/encodings';
import { placePhrase, type Phrase } from '../music/phrase';
import type { Bar, ChordSpan, Note } from '../music/types';
import { barsEnd } from '../music/types';
import { ENCODING_V1, REST, decomposeTicks, durationToken, type EncodedEvent, type EncodingVersion } from '../music/vocabulary';
import { generateTake, type Generator, type TakeWithMetrics } from './generator';
import type { GenerateOptions } from './sample';

/** Rest events over [from, to) in v1, each with the context at its onset. */
function restEvents(from: number, to: number, chords: ChordSpan[], bars: Bar[]): EncodedEvent[] {
  const out: EncodedEvent[] = [];
  let cursor = from;
  for (const d of decomposeTicks(to - from)) {
    out.push({ pitch: REST, dur: durationToken(d), ...contextAt(cursor, chords, bars) });
    cursor += d;
  }
  return out;
}

/** The primer events of notes placed at [start, end) of the changes, in `encoding`: rests from
 *  `start` to the first note, the notes, rests from the last note's end to `end`. */
export function primerEvents(
  notes: readonly Note[],
  start: number,
  end: number,
  chords: ChordSpan[],
  bars: Bar[],
  encoding: EncodingVersion,
): EncodedEvent[] {
  if (notes.length === 0) throw new RangeError('the primer phrase has no notes');
  const enc = encodeTune({
    id: 'primer',
    source: 'primer',
    title: 'primer',
    notes: [...notes],
    chords,
    bars,
    tempo: 120,
    chordSource: 'none',
  });
  let cursor = enc.startTick;
  for (const e of enc.events) cursor += v1Span(e);
  const v1 = [...restEvents(start, enc.startTick, chords, bars), ...enc.events, ...restEvents(cursor, end, chords, bars)];
  return encoding === ENCODING_V1 ? v1 : vocabularyFor(encoding).fromV1(v1);
}

const v1Span = (e: EncodedEvent) => vocabularyFor(ENCODING_V1).spanTicks(e.dur);

export interface ContinueOptions {
  /** The bar of the changes (0-based) the phrase is placed at; default 0. */
  atBar?: number;
  /** Bars to answer after the phrase; default: to the end of the changes. */
  answerBars?: number;
}

export interface Continuation extends TakeWithMetrics {
  /** The phrase's notes where they sit on the changes, as given (also the first notes of `performed`). */
  primerNotes: Note[];
  /** Where the phrase starts and ends on the changes (ticks); the continuation starts at `primerEnd`. */
  primerStart: number;
  primerEnd: number;
  /** Where the continuation stops (ticks). */
  endTick: number;
}

/** Continue `phrase` over the changes in `options` (temperature, top-p, seed, range, cap as for any take). */
export function continuePhrase(
  gen: Generator,
  options: Omit<GenerateOptions, 'novelty' | 'primer' | 'startTick' | 'endTick'>,
  phrase: Phrase,
  where: ContinueOptions = {},
  performance: { humanize?: number } = {},
): Continuation {
  const { chords, bars } = options;
  const { start, end, endBar } = placePhrase(phrase, bars, where.atBar ?? 0);
  let endTick = barsEnd(bars);
  if (where.answerBars !== undefined) {
    if (!Number.isInteger(where.answerBars) || where.answerBars < 1)
      throw new RangeError(`the answer needs a whole number of bars >= 1, got ${where.answerBars}`);
    const stop = endBar + where.answerBars;
    if (stop > bars.length)
      throw new RangeError(`an answer of ${where.answerBars} bars after bar ${endBar} runs past the changes (${bars.length} bars)`);
    endTick = stop < bars.length ? bars[stop].start : barsEnd(bars);
  }
  const primerNotes = phrase.notes.map((n) => ({ ...n, start: n.start + start }));
  const primer = primerEvents(primerNotes, start, end, chords, bars, gen.stepper.vocabulary.version);
  const r = generateTake(gen, { ...options, primer, startTick: end, endTick }, performance);
  return { ...r, performed: [...primerNotes, ...r.performed], primerNotes, primerStart: start, primerEnd: end, endTick };
}
