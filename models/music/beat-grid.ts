// The Weimar Jazz Database's beat grid CSV (`bar,bass_pitch,beat,chord,chorus_id,form,onset,signature`):
// one row per beat with its time in seconds on the MIDI's timeline, the chord where it changes,
// the meter where it changes. It places performance-timed notes in beats (not the MIDI tempo).
import { isChordError, parseChordSymbol } from './chords';
import { TICKS_PER_BEAT } from './vocabulary';
import type { Bar, ChordSpan } from './types';
import { checkLimit, IMPORT_LIMITS, ImportError } from './import-limits';
import { meterBeats } from './chord-chart';

/** Lowest bar number a grid may start at (WJD count-ins start at bar -31 at most). */
const FIRST_BAR_MIN = -1000;

export interface BeatGrid {
  onsets: number[]; // seconds of beat k (k = 0.. rows-1); tick of beat k = 12k
  bars: Bar[];
  chords: ChordSpan[];
  firstBarNumber: number; // the CSV bar number of bars[0] (< 1 = pickup)
  meter: string; // the signatures found, in order of appearance (`4/4`, `4/4, 3/4`)
  tempo: number; // bpm from the median beat period
  warnings: string[];
}

export function parseBeatGrid(text: string): BeatGrid {
  checkLimit('beat grid CSV too large (bytes)', text.length, IMPORT_LIMITS.beatGridBytes);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 3) throw new ImportError('beat grid CSV has fewer than 2 beats');
  checkLimit('beat grid CSV has too many beats', lines.length - 1, IMPORT_LIMITS.beats);
  const cols = lines[0].split(',').map((c) => c.trim());
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new ImportError(`beat grid CSV has no "${name}" column (columns: ${cols.join(',')})`);
    return i;
  };
  const [cBar, cChord, cOnset, cSig, cBeat] = [col('bar'), col('chord'), col('onset'), cols.indexOf('signature'), cols.indexOf('beat')];
  const warnings: string[] = [];
  const rows = lines.slice(1).map((l) => l.split(','));
  const onsets: number[] = [];
  const bars: Bar[] = [];
  const barNumbers: number[] = [];
  const changes: { beat: number; symbol: string; bar: number }[] = [];
  const meters: string[] = [];
  // A grid that starts mid-bar (a pickup on beat 3) gets its missing beats back, one beat period
  // apart, so the pickup's notes sit on beats 3 and 4 of a whole bar, not on a "beat 1".
  const firstBeat = cBeat >= 0 && rows.length > 1 ? Number(rows[0][cBeat]) : 1;
  const lead = Number.isInteger(firstBeat) && firstBeat > 1 && firstBeat <= 16 ? firstBeat - 1 : 0;
  const [t0, t1] = [Number(rows[0][cOnset]), Number(rows[1]?.[cOnset])];
  if (lead && t1 > t0) {
    for (let j = lead; j >= 1; j--) onsets.push(t0 - j * (t1 - t0));
    barNumbers.push(Number(rows[0][cBar]));
    bars.push({ start: 0, beats: lead });
  }
  const added = onsets.length;
  const badSignatures = new Map<string, number>(); // signature -> first row
  const gaps: string[] = [];
  rows.forEach((r, row) => {
    const k = row + added; // beat index on the grid (tick 12k)
    const at = `beat grid CSV row ${row + 2}`; // row 1 is the header
    const t = Number(r[cOnset]);
    if (!Number.isFinite(t) || (r[cOnset] ?? '').trim() === '')
      throw new ImportError(`${at}: bad onset "${(r[cOnset] ?? '').slice(0, 40)}"`);
    if (onsets.length > added) {
      const gap = t - onsets[onsets.length - 1];
      if (gap <= 0) throw new ImportError(`${at}: onsets go backwards (${t} s after ${onsets[onsets.length - 1]} s)`);
      if (gap < IMPORT_LIMITS.minBeatSeconds) {
        throw new ImportError(
          `${at}: onset ${t} s is only ${+gap.toPrecision(3)} s after the previous beat (beats must be at least ${IMPORT_LIMITS.minBeatSeconds} s apart)`,
        );
      }
    }
    onsets.push(t);
    const barText = (r[cBar] ?? '').trim();
    const barNo = Number(barText);
    if (barText === '' || !Number.isInteger(barNo)) throw new ImportError(`${at}: bar "${barText.slice(0, 40)}" is not a whole number`);
    const prevBar = barNumbers[barNumbers.length - 1];
    if (prevBar === undefined && (barNo < FIRST_BAR_MIN || barNo > IMPORT_LIMITS.bars)) {
      throw new ImportError(`${at}: the grid starts at bar ${barNo} (expected ${FIRST_BAR_MIN}..${IMPORT_LIMITS.bars})`);
    }
    if (prevBar !== undefined && barNo < prevBar)
      throw new ImportError(`${at}: bar ${barNo} comes after bar ${prevBar} (bar numbers go backwards)`);
    if (prevBar !== undefined && barNo > prevBar + 1) gaps.push(`${at}: bar ${barNo} follows bar ${prevBar}`);
    if (barNumbers.length === 0 || prevBar !== barNo) {
      barNumbers.push(barNo);
      bars.push({ start: k * TICKS_PER_BEAT, beats: 0 });
    }
    bars[bars.length - 1].beats += 1;
    const sig = cSig >= 0 ? r[cSig]?.trim() : '';
    if (sig && meterBeats(sig) === null) {
      if (!badSignatures.has(sig)) badSignatures.set(sig, row + 2);
    } else if (sig && !meters.includes(sig)) meters.push(sig);
    const sym = r[cChord]?.trim();
    if (sym) changes.push({ beat: k, symbol: sym, bar: barNo });
  });
  for (const [sig, row] of badSignatures)
    warnings.push(
      `beat grid CSV row ${row}: signature "${sig.slice(0, 20)}" is not a time signature (1..32 over 1, 2, 4, 8, 16 or 32); ignored`,
    );
  if (gaps.length) warnings.push(`${gaps[0]} (bars missing from the grid${gaps.length > 1 ? `; ${gaps.length - 1} more gap(s)` : ''})`);
  const end = onsets.length * TICKS_PER_BEAT;
  const chords: ChordSpan[] = [];
  const parsedSymbols = new Map<string, ReturnType<typeof parseChordSymbol>>(); // a solo repeats its changes
  changes.forEach((c, i) => {
    const start = c.beat * TICKS_PER_BEAT;
    const stop = i + 1 < changes.length ? changes[i + 1].beat * TICKS_PER_BEAT : end;
    let parsed = parsedSymbols.get(c.symbol);
    if (!parsed) parsedSymbols.set(c.symbol, (parsed = parseChordSymbol(c.symbol, 'wjd')));
    if (isChordError(parsed)) {
      warnings.push(`bar ${c.bar}: unknown chord "${c.symbol}" (${parsed.reason}), heard as N.C.`);
      chords.push({ start, end: stop, symbol: c.symbol, root: -1, mask: 0 });
    } else chords.push({ start, end: stop, ...parsed });
  });
  const periods = onsets
    .slice(1)
    .map((t, i) => t - onsets[i])
    .sort((a, b) => a - b);
  const median = periods[periods.length >> 1];
  return { onsets, bars, chords, firstBarNumber: barNumbers[0], meter: meters.join(', ') || '4/4', tempo: 60 / median, warnings };
}

/** Seconds -> float beats on the grid: linear between beats, the edge beat period outside. */
export function secondsToBeats(grid: BeatGrid, t: number): number {
  const on = grid.onsets;
  const n = on.length;
  if (t <= on[0]) return (t - on[0]) / (on[1] - on[0]);
  if (t >= on[n - 1]) return n - 1 + (t - on[n - 1]) / (on[n - 1] - on[n - 2]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (on[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo + (t - on[lo]) / (on[lo + 1] - on[lo]);
}
