// The split a run trains on, for any corpus size, with one sentence that says what it is. Two or
// more files: by file (split.ts), always at least one dev file, and a warning when the dev side
// holds little music (its loss is then a rough figure). ONE file: there is no other file to hold
// out, so the file is cut into phrases at its breaths (silences of half a beat or more) and whole phrases are held out;
// each phrase becomes its own tune (source `<file>#phrase-<k>`), so no window crosses a cut and no
// dev note is ever trained on, not even through an overlapping window.
import { countNotes, encodingOfTune } from '../music/encodings';
import { BREATH_TICKS } from '../music/vocabulary-v2';
import { DURATIONS, ENCODING_V1, REST, type EncodedEvent, type EncodedTune } from '../music/vocabulary';
import { shuffleInPlace } from '../random';
import { seededRandom, sourcesWithEvents, splitBySource, type Split } from './split';

/** A phrase shorter than this many notes is merged with the next one (a lone pickup is no phrase). */
export const MIN_PHRASE_NOTES = 24;
/** Below this many dev notes, or dev files, the split says the dev loss measures little music. */
export const SMALL_DEV_NOTES = 2000;
export const SMALL_DEV_FILES = 3;

export interface SplitPlan {
  /** The tunes as split: the corpus itself, or the one file's phrases. */
  tunes: EncodedTune[];
  split: Split;
  byPhrase: boolean;
  /** What the split is, and how little dev data there is when that is the case. */
  note: string;
}

/** The silence (ticks) of a rest event: v1 durations are ticks by token; every v2 rest is a breath. */
function restTicks(ev: EncodedEvent, v2: boolean): number {
  return v2 ? BREATH_TICKS : (DURATIONS[ev.dur] ?? 0);
}

/** Whether a split's source is a phrase of a one-file corpus (`<file>#phrase-<k>`), not a file. */
export const isPhraseSource = (source: string) => /#phrase-\d+$/.test(source);

/** Cut a tune at its breaths (a silence of at least BREATH_TICKS, half a beat: not the gap between
 *  detached notes) into phrases of at least MIN_PHRASE_NOTES notes; the silence ends the phrase before it. */
export function phrasesOf(tune: EncodedTune): EncodedEvent[][] {
  const v2 = encodingOfTune(tune) !== ENCODING_V1;
  const phrases: EncodedEvent[][] = [];
  let current: EncodedEvent[] = [];
  let silence = 0;
  for (const ev of tune.events) {
    if (ev.pitch !== REST && silence >= BREATH_TICKS && countNotes(current) >= MIN_PHRASE_NOTES) {
      phrases.push(current);
      current = [];
    }
    silence = ev.pitch === REST ? silence + restTicks(ev, v2) : 0;
    current.push(ev);
  }
  if (current.length) {
    // A short tail joins the phrase before it.
    if (countNotes(current) < MIN_PHRASE_NOTES && phrases.length) phrases[phrases.length - 1].push(...current);
    else phrases.push(current);
  }
  return phrases.filter((p) => countNotes(p) > 0);
}

/** One file's tunes (its choruses) as phrase tunes, whole phrases held out as dev. */
export function splitByPhrase(tunes: EncodedTune[], devFraction: number, seed: number): { tunes: EncodedTune[]; split: Split } {
  const source = sourcesWithEvents(tunes)[0];
  const out: EncodedTune[] = [];
  for (const t of tunes.filter((x) => x.source === source && x.events.length > 0)) {
    for (const events of phrasesOf(t)) {
      const k = out.length + 1;
      out.push({ id: `${t.id} phrase ${k}`, source: `${source}#phrase-${k}`, events, ...(t.encoding ? { encoding: t.encoding } : {}) });
    }
  }
  if (out.length < 2) {
    const notes = out.reduce((s, t) => s + countNotes(t.events), 0);
    throw new Error(
      `the corpus is one file with ${notes} notes in ${out.length} phrase: too little to hold any out as dev (a phrase ends at a breath and holds at least ${MIN_PHRASE_NOTES} notes; 2 phrases are needed). Add a file or a longer solo.`,
    );
  }
  const names = out.map((t) => t.source);
  const shuffled = shuffleInPlace([...names], seededRandom(seed));
  const nDev = Math.min(names.length - 1, Math.max(1, Math.round(devFraction * names.length)));
  const dev = new Set(shuffled.slice(0, nDev));
  return { tunes: out, split: { train: names.filter((n) => !dev.has(n)), dev: names.filter((n) => dev.has(n)) } };
}

const notesOf = (tunes: EncodedTune[], sources: string[]) => {
  const set = new Set(sources);
  return tunes.filter((t) => set.has(t.source)).reduce((s, t) => s + countNotes(t.events), 0);
};
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The split of a run (seeded): by file, or by phrase when the corpus is one file; with its sentence. */
export function planSplit(tunes: EncodedTune[], devFraction: number, seed: number): SplitPlan {
  if (!(Number.isFinite(devFraction) && devFraction > 0 && devFraction <= 0.5)) {
    throw new Error(`dev fraction must be in (0, 0.5], got ${devFraction}`);
  }
  const sources = sourcesWithEvents(tunes);
  if (sources.length === 1) {
    const byPhrase = splitByPhrase(tunes, devFraction, seed);
    const devNotes = notesOf(byPhrase.tunes, byPhrase.split.dev);
    const trainNotes = notesOf(byPhrase.tunes, byPhrase.split.train);
    return {
      ...byPhrase,
      byPhrase: true,
      note:
        `One file, so it is split by phrase (cut at its breaths), not by overlapping window: ${byPhrase.tunes.length} phrases, ` +
        `${plural(byPhrase.split.dev.length, 'phrase')} (${devNotes} notes) held out as dev, ${trainNotes} notes to train on; ` +
        `each phrase starts from silence and no window crosses a cut. Very little dev data: the dev loss is a rough figure.`,
    };
  }
  const split = splitBySource(tunes, devFraction, seed);
  const devNotes = notesOf(tunes, split.dev);
  const small = split.dev.length < SMALL_DEV_FILES || devNotes < SMALL_DEV_NOTES;
  return {
    tunes,
    split,
    byPhrase: false,
    note:
      `Split by file: ${plural(split.train.length, 'train file')}, ${plural(split.dev.length, 'dev file')} (${devNotes} dev notes).` +
      (small
        ? ` Little dev data (fewer than ${SMALL_DEV_FILES} files or ${SMALL_DEV_NOTES} notes): the dev loss is a rough figure; compare runs on the same split.`
        : ''),
  };
}
