// Jazz chord symbols -> root + pitch-class mask + a normalised name in tonal's spelling
// (Cmaj7, Cm7, Cm7b5, C7b9, C7alt, Cdim7, CmMaj7, C7sus4, C/E ...).
// Accepts lead-sheet spellings (C-7, CΔ7, Cø, C7(b9)) and the Weimar Jazz Database's, where
// accidentals FOLLOW the number (C79b = C7b9, Ebj7911# = Ebmaj9#11, C-j7 = CmMaj7, Do7 = Cdim7).
// The parser is our own: @tonaljs/tonal 4.10's CommonJS build cannot load under plain Node
// (its @tonaljs/abc-notation dependency points `main` at a missing file), and the CLI runs there.

export interface ParsedChord {
  symbol: string; // normalised name; 'N.C.' for no chord
  root: number; // pitch class, -1 for N.C.
  mask: number; // absolute 12-bit pitch-class mask (bass note included), 0 for N.C.
}

export interface ChordError {
  symbol: string;
  reason: string;
}

export type ChordStyle = 'auto' | 'wjd';

export { parseChordChart, chartToSpans } from './chord-chart';
export type { ChordChart, ChartChord, ChartError } from './chord-chart';

const LETTER_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const NC = /^(n\.?\s?c\.?|no\s?chord|x)$/i;
const NOTE = /^([A-Ga-g])(#|b|♯|♭)?/;
// Extension number -> semitones above the root (natural); b/# shift by one.
const EXT: Record<string, number> = { '5': 7, '9': 2, '11': 5, '13': 9 };

export function isChordError(x: ParsedChord | ChordError): x is ChordError {
  return 'reason' in x;
}

/** Pitch class of a note name like `Bb`, `F#`, `Cb`; -1 if not a note name. */
export function notePc(name: string): number {
  const m = NOTE.exec(name);
  if (!m || m[0].length !== name.length) return -1;
  const acc = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  return (LETTER_PC[m[1].toUpperCase()] + acc + 12) % 12;
}

/**
 * Parse one chord symbol. `style: 'wjd'` reads accidentals after extension numbers (C79b13 =
 * C7b9(13)); 'auto' reads them before (C7b9b13) unless the quality ends with an accidental.
 */
export function parseChordSymbol(sym: string, style: ChordStyle = 'auto'): ParsedChord | ChordError {
  const raw = sym.trim().replace(/[()]/g, '').replace(/,/g, '');
  if (raw === '') return { symbol: sym, reason: 'empty chord symbol' };
  if (NC.test(raw)) return { symbol: 'N.C.', root: -1, mask: 0 };
  const rootMatch = NOTE.exec(raw);
  if (!rootMatch || rootMatch[1] !== rootMatch[1].toUpperCase()) return { symbol: sym, reason: 'no root note (expected A-G)' };
  const rootName = rootMatch[1] + (rootMatch[2] === '♯' ? '#' : rootMatch[2] === '♭' ? 'b' : (rootMatch[2] ?? ''));
  const root = notePc(rootName);
  let rest = raw.slice(rootMatch[0].length);
  let bass = -1;
  let bassName = '';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    bassName = rest.slice(slash + 1);
    bass = notePc(bassName);
    if (bass < 0) {
      // `C6/9` is a 6/9 chord, not a slash chord.
      if (/^9$/.test(bassName)) rest = rest.slice(0, slash) + '9';
      else return { symbol: sym, reason: `bad bass note "${bassName}"` };
    } else rest = rest.slice(0, slash);
  }
  const q = parseQuality(rest, style === 'wjd' || /\d[b#]$/.test(rest));
  if (typeof q === 'string') return { symbol: sym, reason: q };
  let mask = 0;
  for (const iv of q.intervals) mask |= 1 << ((root + iv) % 12);
  if (bass >= 0) mask |= 1 << bass;
  const bassPart = bass >= 0 ? '/' + bassName.charAt(0).toUpperCase() + bassName.slice(1).replace('♯', '#').replace('♭', 'b') : '';
  return { symbol: rootName + q.name + bassPart, root, mask };
}

interface Quality {
  intervals: Set<number>;
  name: string;
}

/** Parse everything after the root (and before a slash). Returns an error text on failure. */
function parseQuality(input: string, postfix: boolean): Quality | string {
  let s = input
    .replace(/(Δ|\^)(?!\d)/g, 'maj7')
    .replace(/Δ|\^/g, 'maj')
    .replace(/ø7?/g, 'm7b5')
    .replace(/°/g, 'o')
    .replace(/♭/g, 'b')
    .replace(/♯/g, '#');
  let third = 4;
  let fifth = 7;
  let seventh = -1; // 10 dominant, 11 major, 9 diminished
  let sixth = false;
  let sus = 0; // 0 none, 2 or 4
  let alt = false;
  let kind: 'maj' | 'min' | 'dim' | 'aug' | 'hdim' = 'maj';
  const ext = new Map<string, number>(); // '9' | '11' | '13' | '5' -> semitone offset (-1, 0, +1)
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = s.slice(m[0].length);
    return m;
  };
  if (take(/^(m7b5|-7b5|min7b5|h7?)/)) {
    kind = 'hdim';
    third = 3;
    fifth = 6;
    seventh = 10;
  } else if (take(/^(dim|o)/)) {
    kind = 'dim';
    third = 3;
    fifth = 6;
    if (take(/^7/)) seventh = 9;
  } else if (take(/^(aug|\+)/)) {
    kind = 'aug';
    fifth = 8;
  } else if (take(/^(min|mi|m(?!aj)|-)/)) {
    kind = 'min';
    third = 3;
  }
  // The seventh (and the highest stacked extension).
  const seventhMatch = take(/^(maj|ma|M|j)(7|9|11|13)/);
  if (!seventhMatch) take(/^(maj|ma|M)(?![a-z])/); // `Cmaj`, `CM`: a plain major triad
  if (seventhMatch) {
    seventh = 11;
    if (seventhMatch[2] && seventhMatch[2] !== '7') stack(ext, seventhMatch[2]);
  } else if (seventh < 0) {
    const n = take(/^(69|6|7|9|11|13)/);
    if (n) {
      if (n[1] === '6' || n[1] === '69') {
        sixth = true;
        if (n[1] === '69') ext.set('9', 0);
      } else {
        seventh = kind === 'dim' ? 9 : 10;
        if (n[1] !== '7') stack(ext, n[1]);
      }
    }
  }
  // Everything else: sus, alt, add, extensions in either accidental order.
  let guard = 0;
  while (s.length > 0 && guard++ < 20) {
    let m: RegExpExecArray | null;
    if (take(/^sus2/)) sus = 2;
    else if (take(/^sus4?/)) sus = 4;
    else if (take(/^alt/)) alt = true;
    else if (take(/^(add|\s)/)) continue;
    else if (seventh < 0 && !sixth && take(/^7/))
      seventh = kind === 'dim' ? 9 : 10; // `Bsus7`, `C+7`
    else if (seventh === 11 && kind === 'min' && take(/^7/))
      continue; // `C-j7` already read
    else if (!postfix && (m = take(/^([b#])(13|11|9|5)/))) ext.set(m[2], m[1] === 'b' ? -1 : 1);
    else if ((m = take(/^(13|11|9|5)([b#])?/))) ext.set(m[1], m[2] === 'b' ? -1 : m[2] === '#' ? 1 : 0);
    else if (postfix && (m = take(/^([b#])(13|11|9|5)/))) ext.set(m[2], m[1] === 'b' ? -1 : 1);
    else if (take(/^(maj|j)7?/))
      seventh = 11; // `Cmmaj7` style leftovers
    else return `unknown chord quality "${input}" (at "${s}")`;
  }
  if (s.length > 0) return `unknown chord quality "${input}"`;
  if (ext.get('5') === -1 && kind === 'maj') fifth = 6;
  if (ext.get('5') === 1 && (kind === 'maj' || kind === 'aug')) fifth = 8;
  const iv = new Set<number>([0, fifth]);
  if (sus === 0) iv.add(third);
  else iv.add(sus === 2 ? 2 : 5);
  if (seventh >= 0) iv.add(seventh);
  if (sixth) iv.add(9);
  if (alt) for (const x of [1, 3, 8]) iv.add(x);
  for (const [n, off] of ext) if (n !== '5') iv.add((EXT[n] + off + 12) % 12);
  return { intervals: iv, name: qualityName(kind, seventh, sixth, sus, alt, ext) };
}

/** `9` implies the seventh; `13` implies 9 as well (11 is left out on purpose: it clashes with the third). */
function stack(ext: Map<string, number>, top: string): void {
  if (top === '9' || top === '13') ext.set('9', 0);
  if (top === '11') {
    ext.set('9', 0);
    ext.set('11', 0);
  }
  if (top === '13') ext.set('13', 0);
}

/** Compose a tonal-style quality name. */
function qualityName(kind: string, seventh: number, sixth: boolean, sus: number, alt: boolean, ext: Map<string, number>): string {
  const acc = (n: string) => (ext.get(n) === -1 ? 'b' : ext.get(n) === 1 ? '#' : '');
  const alterations = ['5', '9', '11', '13'].filter((n) => ext.has(n) && ext.get(n) !== 0).map((n) => acc(n) + n);
  const naturals = ['9', '11', '13'].filter((n) => ext.get(n) === 0);
  const top = naturals.length ? naturals[naturals.length - 1] : '';
  const susPart = sus ? `sus${sus}` : '';
  const tail = alterations.join('') + (alt ? 'alt' : '');
  if (kind === 'hdim') return 'm7b5' + tail.replace(/^b5/, '');
  if (kind === 'dim') return seventh === 9 ? 'dim7' : 'dim';
  if (sixth) return (kind === 'min' ? 'm' : '') + (ext.get('9') === 0 ? '69' : '6') + susPart;
  const base = kind === 'min' ? 'm' : kind === 'aug' ? (seventh >= 0 ? '' : 'aug') : '';
  const augTail = kind === 'aug' && seventh >= 0 ? '#5' : '';
  if (seventh === 11) return (kind === 'min' ? 'mMaj' : 'maj') + (top || '7') + augTail + susPart + tail;
  if (seventh === 10) {
    if (alt) return '7alt';
    return base + (top || '7') + susPart + augTail + tail;
  }
  return base + susPart + tail + (top ? 'add' + top : '');
}
