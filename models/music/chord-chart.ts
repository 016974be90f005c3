// The chord chart format of `<name>.chords.txt` sidecars (documented in docs/chord-charts.md):
//   # comment            title: Blues in F        meter: 4/4     key: F    tempo: 160
//   | F7 | Bb7 | F7 | Cm7 F7 |
//   | Bb7 % | ...
// One bar per `|`; several chords split the bar evenly; `/` holds the previous chord one more
// slot (`| C7 / / F7 |` = 3 beats + 1); `%` repeats the previous bar; an empty bar (`| |`) or `-`
// continues the previous chord. `||`, `|:`, `:|` are bar lines too (repeats are not expanded).
// A chart shorter than the music repeats (one chart = one chorus).
import { isChordError, parseChordSymbol, type ChordStyle } from './chords';
import type { Bar, ChordSpan } from './types';

/** One chord inside a bar: start/end are fractions of the bar, 0..1. */
export interface ChartChord {
  symbol: string;
  root: number;
  mask: number;
  start: number;
  end: number;
}

export interface ChartError {
  bar: number; // 1-based bar of the chart
  symbol: string;
  reason: string;
}

export interface ChordChart {
  meta: Record<string, string>;
  bars: ChartChord[][];
  errors: ChartError[];
  /** Lines the chart could not use, e.g. `line 2: meter "7/0" is not a time signature …; ignored`. */
  warnings: string[];
}

const META = /^\s*([a-zA-Z][\w-]*)\s*:\s*(.*)$/;

export function parseChordChart(text: string, style: ChordStyle = 'auto'): ChordChart {
  const meta: Record<string, string> = {};
  const cells: string[] = [];
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((rawLine, lineIndex) => {
    const line = rawLine.replace(/(^|\s)#(\s.*)?$/, '').trim(); // `# comment` (a `#` inside a chord like C7#9 is kept)
    if (line === '') return;
    const m = META.exec(line);
    if (m && !line.includes('|')) {
      const key = m[1].toLowerCase();
      meta[key] = m[2].trim();
      if (key === 'meter' && meterBeats(meta[key]) === null) {
        warnings.push(
          `line ${lineIndex + 1}: meter "${meta[key].slice(0, 20)}" is not a time signature (like 4/4, 3/4 or 6/8: 1..32 over 1, 2, 4, 8, 16 or 32); ignored`,
        );
      }
      return;
    }
    const parts = line.replace(/\|\||\|:|:\||\[|\]/g, '|').split('|');
    // Bars live between bar lines; the text before the first and after the last `|` only counts if not blank.
    parts.forEach((p, i) => {
      const edge = i === 0 || i === parts.length - 1;
      if (edge && p.trim() === '') return;
      cells.push(p.trim());
    });
  });
  const bars: ChartChord[][] = [];
  const errors: ChartError[] = [];
  let prevBar: ChartChord[] = [];
  for (let b = 0; b < cells.length; b++) {
    const tokens = cells[b].split(/\s+/).filter((t) => t !== '');
    if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === '-')) {
      const last = prevBar[prevBar.length - 1];
      prevBar = last ? [{ ...last, start: 0, end: 1 }] : [{ symbol: 'N.C.', root: -1, mask: 0, start: 0, end: 1 }];
      bars.push(prevBar);
      continue;
    }
    if (tokens.length === 1 && tokens[0] === '%') {
      prevBar = prevBar.length ? prevBar.map((c) => ({ ...c })) : [{ symbol: 'N.C.', root: -1, mask: 0, start: 0, end: 1 }];
      bars.push(prevBar);
      continue;
    }
    const slots: { symbol: string; root: number; mask: number }[] = [];
    for (const tok of tokens) {
      if (tok === '/' || tok === '.' || tok === '-') {
        const prev = slots[slots.length - 1] ?? prevBar[prevBar.length - 1] ?? { symbol: 'N.C.', root: -1, mask: 0 };
        slots.push({ symbol: prev.symbol, root: prev.root, mask: prev.mask });
        continue;
      }
      const parsed = parseChordSymbol(tok, style);
      if (isChordError(parsed)) {
        errors.push({ bar: b + 1, symbol: tok, reason: parsed.reason });
        slots.push({ symbol: tok, root: -1, mask: 0 }); // unknown: heard as N.C., the rest of the chart still counts
      } else slots.push(parsed);
    }
    const bar: ChartChord[] = [];
    slots.forEach((s, i) => {
      const last = bar[bar.length - 1];
      if (last && last.symbol === s.symbol && last.root === s.root) last.end = (i + 1) / slots.length;
      else bar.push({ ...s, start: i / slots.length, end: (i + 1) / slots.length });
    });
    bars.push(bar);
    prevBar = bar;
  }
  return { meta, bars, errors, warnings };
}

/** Lay a chart over a tune's bars (repeating the chart as choruses); adjacent equal chords merge. */
export function chartToSpans(chart: ChordChart, bars: Bar[]): ChordSpan[] {
  const spans: ChordSpan[] = [];
  if (chart.bars.length === 0) return spans;
  bars.forEach((bar, i) => {
    const len = Math.round(bar.beats * 12);
    for (const c of chart.bars[i % chart.bars.length]) {
      const start = bar.start + Math.round(c.start * len);
      const end = bar.start + Math.round(c.end * len);
      if (end <= start) continue;
      const last = spans[spans.length - 1];
      if (last && last.end === start && last.symbol === c.symbol && last.root === c.root) last.end = end;
      else spans.push({ start, end, symbol: c.symbol, root: c.root, mask: c.mask });
    }
  });
  return spans;
}

/** Parse a `4/4`-style meter into quarter-note beats per bar (6/8 -> 3); null if malformed. */
export function meterBeats(meter: string): number | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(meter);
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (num < 1 || num > 32 || ![1, 2, 4, 8, 16, 32].includes(den)) return null;
  return (num * 4) / den;
}
