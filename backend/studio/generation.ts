// Generation for the studio, in the trainer process: the active model (loaded once, reloaded when
// the user picks another or retrains it), the changes from a form or a chart, and one take record
// per result with its settings and metrics. A request with a primer continues that phrase
// (models/lstm/primer): the take opens with it unchanged and records where it sits.
import { randomInt } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { initBackend } from '../../models/lstm/backend';
import { generateTake, loadGenerator, type Generator } from '../../models/lstm/generator';
import { ChordChartError, progressionFromChart, progressionFromForm, type Progression } from '../../models/music/progression';
import { formKey, formTitle, getForm } from '../../models/music/forms';
import { continuePhrase } from '../../models/lstm/primer';
import { DEFAULT_INSTRUMENT, getInstrument } from '../../models/music/instruments';
import { activeModelDir } from '../user-data';
import { newTakeId } from './take-store';
import type { ChangesSource, GenerateRequest, TakePrimer, TakeRecord } from '../../api/takes';

let cached: { dir: string; stamp: number; gen: Generator } | null = null;

function modelStamp(dir: string): number {
  try {
    return statSync(path.join(dir, 'licklab.json')).mtimeMs;
  } catch {
    return -1;
  }
}

/** The generator of the active model; loads it on first use and again when it changed on disk. */
export async function activeGenerator(dirOf: () => string = activeModelDir): Promise<{ dir: string; gen: Generator }> {
  const dir = dirOf();
  const stamp = modelStamp(dir);
  if (stamp < 0) throw new Error(`the model folder ${dir} has no licklab.json; train a model or pick another one in the Training tab`);
  if (cached && cached.dir === dir && cached.stamp === stamp) return cached;
  await initBackend();
  const gen = await loadGenerator(dir);
  cached = { dir, stamp, gen };
  return cached;
}

/** Bars and chord spans of the requested changes; chart errors name the symbol and the bar. */
export function changesOf(
  source: ChangesSource,
  length: { bars?: number; choruses?: number },
): Progression & { title: string; key?: TakeRecord['key'] } {
  try {
    if (source.kind === 'form') {
      const form = getForm(source.form);
      const p = progressionFromForm(source.form, source.key, length);
      return { ...p, title: p.title ?? formTitle(form, source.key ?? form.defaultKey), key: formKey(source.form, source.key) };
    }
    const p = progressionFromChart(source.chart, length);
    return { ...p, title: p.title ?? 'your changes' };
  } catch (err) {
    if (err instanceof ChordChartError) throw new Error(`the chord chart has a problem: ${err.message}`, { cause: err });
    throw err;
  }
}

export interface MakeTakeOptions {
  temperature: number;
  seed: number;
  sweepId?: string;
  name?: string;
  now?: Date;
}

/** Generate one take (synchronous model steps) and describe it as a record ready to store. */
export function makeTake(
  gen: Generator,
  modelDir: string,
  req: Omit<GenerateRequest, 'temperature' | 'seed'>,
  changes: ReturnType<typeof changesOf>,
  opts: MakeTakeOptions,
): TakeRecord {
  const topP = req.topP ?? 1;
  const instrument = req.instrument ?? DEFAULT_INSTRUMENT;
  const humanize = req.humanize ?? 0;
  const { range } = getInstrument(instrument);
  const options = { chords: changes.chords, bars: changes.bars, seed: opts.seed, temperature: opts.temperature, topP, pitchRange: range };
  let result: ReturnType<typeof generateTake>;
  let primer: TakePrimer | undefined;
  if (req.primer) {
    const { phrase, atBar, answerBars } = req.primer;
    try {
      const c = continuePhrase(gen, options, phrase, { atBar, answerBars }, { humanize });
      result = c;
      primer = { start: c.primerStart, end: c.primerEnd, bars: phrase.bars, notes: c.primerNotes.length };
    } catch (err) {
      // The placement or the phrase does not fit these changes: say so in the musician's words.
      if (err instanceof RangeError) throw new Error(`cannot continue this phrase: ${err.message}`, { cause: err });
      throw err;
    }
  } else result = generateTake(gen, options, { humanize });
  const { metrics, performed } = result;
  const now = opts.now ?? new Date();
  return {
    formatVersion: 1,
    id: newTakeId(now.getTime()),
    name: opts.name ?? `${primer ? 'Continued · ' : ''}${changes.title} · T ${opts.temperature.toFixed(2)}`,
    createdAt: now.toISOString(),
    starred: false,
    settings: {
      source: req.source,
      bars: changes.bars.length,
      temperature: opts.temperature,
      topP,
      seed: opts.seed, // the seed as given (replaying it gives the same take)
      tempo: req.tempo,
      swing: req.swing,
      instrument,
      humanize,
    },
    model: path.basename(modelDir),
    ...(opts.sweepId ? { sweepId: opts.sweepId } : {}),
    title: changes.title,
    ...(changes.key ? { key: changes.key } : {}),
    notes: performed,
    chords: changes.chords,
    bars: changes.bars,
    metrics,
    ...(primer ? { primer } : {}),
  };
}

export function freshSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}
