// Chord changes to generate over: a chart text (`| Dm7 G7 | Cmaj7 |`), a form of the library in
// any key, or an imported tune's own changes, laid out as bars and chord spans in ticks.
import { chartToSpans, meterBeats, parseChordChart, type ChartError } from './chord-chart';
import { formChart, getForm } from './forms';
import { barsEnd, type Bar, type ChordSpan, type Tune } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

export interface Progression {
  chords: ChordSpan[];
  bars: Bar[];
  /** Bars of one chorus (the chart's length). */
  chorusBars: number;
  title?: string;
}

/** Thrown for charts with chord symbols we cannot read; `errors` says which and where. */
export class ChordChartError extends Error {
  constructor(readonly errors: ChartError[]) {
    super(errors.map((e) => `unknown chord symbol "${e.symbol}" in bar ${e.bar}${e.reason ? ` (${e.reason})` : ''}`).join('; '));
    this.name = 'ChordChartError';
  }
}

export interface LengthOptions {
  /** Total bars (the chart repeats as needed); wins over `choruses`. */
  bars?: number;
  /** Whole choruses of the chart (default 1). */
  choruses?: number;
}

function checkLength(bars: number, what: string): void {
  if (!Number.isInteger(bars) || bars <= 0) throw new RangeError(`${what} must be a whole number of bars above 0, got ${bars}`);
}

/** Chart text -> bars and chord spans. Throws ChordChartError on unknown symbols (all of them listed). */
export function progressionFromChart(text: string, length: LengthOptions = {}): Progression {
  const chart = parseChordChart(text);
  if (chart.errors.length) throw new ChordChartError(chart.errors);
  if (chart.bars.length === 0) throw new RangeError('the chord chart has no bars (write them like "| Dm7 G7 | Cmaj7 |")');
  const meter = chart.meta.meter ?? '4/4';
  const beats = meterBeats(meter);
  if (beats === null) throw new RangeError(`the chart's meter "${meter}" is not a meter like 4/4 or 3/4`);
  if (length.choruses !== undefined) checkLength(length.choruses, 'the number of choruses');
  const total = length.bars ?? chart.bars.length * (length.choruses ?? 1);
  checkLength(total, 'the length');
  const barLen = Math.round(beats * TICKS_PER_BEAT);
  const bars: Bar[] = Array.from({ length: total }, (_, i) => ({ start: i * barLen, beats }));
  return { chords: chartToSpans(chart, bars), bars, chorusBars: chart.bars.length, title: chart.meta.title };
}

/** A form of the library (forms.ts) in `key` (its usual key when omitted). */
export function progressionFromForm(name: string, key: string | undefined, length: LengthOptions = {}): Progression {
  const chart = formChart(name, key ?? getForm(name).defaultKey);
  return progressionFromChart(chart, length);
}

/** An imported tune's own changes, repeated or cut to `length` bars when given. */
export function progressionFromTune(tune: Pick<Tune, 'chords' | 'bars' | 'title'>, length: LengthOptions = {}): Progression {
  if (tune.bars.length === 0) throw new RangeError('the tune has no bars');
  const one = tune.bars.length;
  const total = length.bars ?? one * (length.choruses ?? 1);
  checkLength(total, 'the length');
  const chorusLen = barsEnd(tune.bars) - tune.bars[0].start;
  const bars: Bar[] = [];
  const chords: ChordSpan[] = [];
  for (let c = 0; bars.length < total; c++) {
    const shift = c * chorusLen;
    for (const b of tune.bars) if (bars.length < total) bars.push({ start: b.start + shift, beats: b.beats });
    for (const s of tune.chords) chords.push({ ...s, start: s.start + shift, end: s.end + shift });
  }
  const end = barsEnd(bars);
  return {
    chords: chords.filter((s) => s.start < end).map((s) => ({ ...s, end: Math.min(s.end, end) })),
    bars,
    chorusBars: one,
    title: tune.title,
  };
}
