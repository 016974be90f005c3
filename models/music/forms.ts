// A library of standard jazz forms as chord charts (the format of docs/chord-charts.md), each in
// its usual key; formChart() transposes one to any key. Chord progressions of common forms, not
// any published tune's melody or arrangement.
import { notePc } from './chords';
import { SHARP_KEYS, spell } from './pitch-names';

export interface Form {
  name: string;
  title: string;
  chart: string; // chart text, one line per 4 bars (or per phrase)
  defaultKey: string; // the tonic the chart is written in
  /** The key's mode, for the key signature of an exported file (a Dorian vamp reads as minor). */
  mode: 'major' | 'minor';
  meter: string;
}

export const FORMS: Form[] = [
  {
    name: 'blues',
    title: '12-bar blues',
    defaultKey: 'F',
    mode: 'major',
    meter: '4/4',
    chart: '| F7 | Bb7 | F7 | Cm7 F7 |\n| Bb7 | Bdim7 | F7 | Am7 D7 |\n| Gm7 | C7 | F7 D7 | Gm7 C7 |',
  },
  {
    name: 'bird-blues',
    title: 'Bebop blues with descending ii-Vs',
    defaultKey: 'F',
    mode: 'major',
    meter: '4/4',
    chart: '| Fmaj7 | Em7b5 A7 | Dm7 G7 | Cm7 F7 |\n| Bb7 | Bbm7 Eb7 | Am7 D7 | Abm7 Db7 |\n| Gm7 | C7 | Fmaj7 D7 | Gm7 C7 |',
  },
  {
    name: 'minor-blues',
    title: '12-bar minor blues',
    defaultKey: 'C',
    mode: 'minor',
    meter: '4/4',
    chart: '| Cm7 | Cm7 | Cm7 | Cm7 |\n| Fm7 | Fm7 | Cm7 | Cm7 |\n| Ab7 | G7alt | Cm7 | Dm7b5 G7alt |',
  },
  {
    name: 'rhythm-changes',
    title: 'Rhythm changes (AABA)',
    defaultKey: 'Bb',
    mode: 'major',
    meter: '4/4',
    chart: [
      '| Bb6 G7 | Cm7 F7 | Bb6 G7 | Cm7 F7 | Fm7 Bb7 | Eb7 Edim7 | Dm7 G7 | Cm7 F7 |',
      '| Bb6 G7 | Cm7 F7 | Bb6 G7 | Cm7 F7 | Fm7 Bb7 | Eb7 Edim7 | Cm7 F7 | Bb6 |',
      '| D7 | D7 | G7 | G7 | C7 | C7 | F7 | F7 |',
      '| Bb6 G7 | Cm7 F7 | Bb6 G7 | Cm7 F7 | Fm7 Bb7 | Eb7 Edim7 | Cm7 F7 | Bb6 |',
    ].join('\n'),
  },
  {
    name: 'ii-v-i-cycle',
    title: 'Major ii-V-I in all 12 keys (cycle of fourths)',
    defaultKey: 'C',
    mode: 'major',
    meter: '4/4',
    chart: ['C', 'F', 'Bb', 'Eb', 'Ab', 'Db', 'Gb', 'B', 'E', 'A', 'D', 'G']
      .map((k) => {
        const pc = notePc(k);
        return `| ${spell(pc + 2)}m7 | ${spell(pc + 7)}7 | ${spell(pc)}maj7 | ${spell(pc)}maj7 |`;
      })
      .join('\n'),
  },
  {
    name: 'minor-ii-v',
    title: 'Minor ii-V-i, descending in whole steps',
    defaultKey: 'G',
    mode: 'minor',
    meter: '4/4',
    chart: '| Am7b5 | D7b9 | Gm6 | Gm6 |\n| Gm7b5 | C7b9 | Fm6 | Fm6 |\n| Fm7b5 | Bb7b9 | Ebm6 | Ebm6 |\n| Am7b5 | D7alt | Gm6 | Gm6 |',
  },
  {
    name: 'modal',
    title: 'Modal AABA (Dorian, up a half step on the bridge)',
    defaultKey: 'D',
    mode: 'minor',
    meter: '4/4',
    chart:
      '| Dm7 | % | % | % | % | % | % | % |\n| Dm7 | % | % | % | % | % | % | % |\n| Ebm7 | % | % | % | % | % | % | % |\n| Dm7 | % | % | % | % | % | % | % |',
  },
  {
    name: 'bossa',
    title: 'Minor bossa (16 bars)',
    defaultKey: 'C',
    mode: 'minor',
    meter: '4/4',
    chart:
      '| Cm7 | Cm7 | Fm7 | Fm7 |\n| Dm7b5 | G7alt | Cm7 | Cm7 |\n| Ebm7 | Ab7 | Dbmaj7 | Dbmaj7 |\n| Dm7b5 | G7alt | Cm7 | Dm7b5 G7alt |',
  },
  {
    name: 'falling-leaves',
    title: 'Descending-fifths AABC form (relative major and minor)',
    defaultKey: 'G',
    mode: 'minor',
    meter: '4/4',
    chart: [
      '| Cm7 | F7 | Bbmaj7 | Ebmaj7 | Am7b5 | D7b9 | Gm6 | Gm6 |',
      '| Cm7 | F7 | Bbmaj7 | Ebmaj7 | Am7b5 | D7b9 | Gm6 | Gm6 |',
      '| Am7b5 | D7b9 | Gm6 | Gm6 | Cm7 | F7 | Bbmaj7 | Ebmaj7 |',
      '| Am7b5 | D7b9 | Gm7 C7 | Fm7 Bb7 | Am7b5 | D7b9 | Gm6 | Gm6 |',
    ].join('\n'),
  },
  {
    name: 'jazz-waltz',
    title: 'Jazz waltz',
    defaultKey: 'C',
    mode: 'major',
    meter: '3/4',
    chart: '| Dm7 | G7 | Cmaj7 | Am7 |\n| Dm7 | G7 | Em7 A7 | Dm7 G7 |\n| Cmaj7 | Fmaj7 | Bm7b5 | E7b9 |\n| Am7 | D7 | Dm7 | G7 |',
  },
];

export function getForm(name: string): Form {
  const f = FORMS.find((x) => x.name === name);
  if (!f) throw new Error(`unknown form "${name}" (known: ${FORMS.map((x) => x.name).join(', ')})`);
  return f;
}

/** Transpose every chord root and bass in a chart text by `semitones`. */
export function transposeChart(chart: string, semitones: number, sharps = false): string {
  return chart.replace(/(^|[\s|/])([A-G](?:#|b)?)/g, (_m, pre: string, note: string) => pre + spell(notePc(note) + semitones, sharps));
}

/** How a form reads in menus and take titles: "12-bar blues in F", "Jazz waltz in Bb (3/4)";
 *  the meter is named when it is not 4/4. Without a key: "Jazz waltz (3/4)". */
export function formTitle(form: Form, key?: string): string {
  const meter = form.meter === '4/4' ? '' : ` (${form.meter})`;
  return key === undefined ? `${form.title}${meter}` : `${form.title} in ${key}${meter}`;
}

/** The key of a form played on `key` (its usual key when omitted): tonic spelled as its chart is, and mode. */
export function formKey(name: string, key?: string): { tonic: string; mode: 'major' | 'minor' } {
  const form = getForm(name);
  const pc = notePc(key ?? form.defaultKey);
  if (pc < 0) throw new Error(`bad key "${key}": give the tonic only, like C, Bb or F#`);
  return { tonic: spell(pc, SHARP_KEYS.has(pc)), mode: form.mode };
}

/** The chart text of a form in `key` (a tonic like `Eb`), with meta lines for title and meter. */
export function formChart(name: string, key: string): string {
  const form = getForm(name);
  const to = notePc(key);
  if (to < 0) {
    const tonic = notePc(key.trim().replace(/(maj(or)?|min(or)?|m|M|-)$/, ''));
    const example = spell(tonic >= 0 ? tonic : notePc(form.defaultKey));
    throw new Error(
      `bad key "${key}": give the tonic only, like C, Bb or F#; the form sets the mode (${name} in ${example} is the ${form.title} on ${example})`,
    );
  }
  const shift = to - notePc(form.defaultKey);
  const sharps = SHARP_KEYS.has(to);
  return `title: ${formTitle(form, spell(to, sharps))}\nmeter: ${form.meter}\nkey: ${spell(to, sharps)}\n${transposeChart(form.chart, shift, sharps)}\n`;
}
