// Inline validation of a chord chart as the user types: the same parser the backend uses
// (models/music/chord-chart.ts), plus where each bad symbol sits in the text so it can be underlined.
import { parseChordChart } from '../../models/music/chord-chart';

export interface ChartProblem {
  bar: number; // 1-based
  symbol: string;
  reason: string;
  from: number; // character offsets in the text
  to: number;
}

export interface ChartCheck {
  bars: number;
  problems: ChartProblem[];
  /** A sentence when the chart cannot be used at all (no bars), else null. */
  blocking: string | null;
}

const META = /^\s*([a-zA-Z][\w-]*)\s*:\s*(.*)$/;

interface Token {
  cell: number;
  text: string;
  from: number;
}

/** Tokens of the chart with their offsets, cell by cell, split exactly like parseChordChart does. */
export function chartTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let cell = 0;
  let offset = 0;
  for (const rawLine of text.split(/(?<=\n)/)) {
    const lineStart = offset;
    offset += rawLine.length;
    const body = rawLine.replace(/\r?\n$/, '');
    const code = body.replace(/(^|\s)#(\s.*)?$/, '');
    if (code.trim() === '') continue;
    if (META.test(code.trim()) && !code.includes('|')) continue;
    // Bar lines (`|`, `||`, `|:`, `:|`, `[`, `]`) split cells; blank edge cells do not count.
    const parts: { text: string; from: number }[] = [];
    const sep = /\|\||\|:|:\||\[|\]|\|/g;
    let last = 0;
    for (let m = sep.exec(code); m; m = sep.exec(code)) {
      parts.push({ text: code.slice(last, m.index), from: last });
      last = m.index + m[0].length;
    }
    parts.push({ text: code.slice(last), from: last });
    parts.forEach((p, i) => {
      const edge = i === 0 || i === parts.length - 1;
      if (edge && p.text.trim() === '') return;
      for (const m of p.text.matchAll(/\S+/g)) tokens.push({ cell, text: m[0], from: lineStart + p.from + (m.index ?? 0) });
      cell++;
    });
  }
  return tokens;
}

export function checkChart(text: string): ChartCheck {
  const chart = parseChordChart(text);
  const tokens = chartTokens(text);
  const used = new Set<Token>();
  const problems = chart.errors.map((e) => {
    const tok = tokens.find((t) => t.cell === e.bar - 1 && t.text === e.symbol && !used.has(t));
    if (tok) used.add(tok);
    const from = tok?.from ?? 0;
    return { bar: e.bar, symbol: e.symbol, reason: e.reason, from, to: tok ? from + tok.text.length : 0 };
  });
  const blocking = chart.bars.length === 0 ? 'The chart has no bars yet: write them between bar lines, like | Dm7 G7 | Cmaj7 |' : null;
  return { bars: chart.bars.length, problems, blocking };
}

/** The text cut into plain and flagged pieces, for the underline layer behind the text box. */
export function highlightPieces(text: string, problems: readonly ChartProblem[]): { text: string; problem: ChartProblem | null }[] {
  const marks = problems.filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);
  const out: { text: string; problem: ChartProblem | null }[] = [];
  let at = 0;
  for (const p of marks) {
    if (p.from < at) continue;
    if (p.from > at) out.push({ text: text.slice(at, p.from), problem: null });
    out.push({ text: text.slice(p.from, p.to), problem: p });
    at = p.to;
  }
  if (at < text.length) out.push({ text: text.slice(at), problem: null });
  return out;
}
