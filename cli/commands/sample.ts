// `licklab sample`: generate a solo over chord changes with a trained model and write it as MIDI
// (solo on the chosen instrument with its dynamics, chords, walking bass; name, chord markers and
// key signature as the studio's export writes them). The file is written to a temp file and renamed, so an error never
// leaves a half-written or overwritten MIDI behind.
import { writeFileAtomic } from '../../models/write-atomic';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { randomInt } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseFlags } from '../args';
import { CliError } from '../cli-error';
import { generateTake, loadGenerator, type Generator } from '../../models/lstm/generator';
import { ChordChartError, progressionFromChart, progressionFromForm, type Progression } from '../../models/music/progression';
import { MAX_TEMPERATURE, temperatureProblem } from '../../models/lstm/sample';
import { FORMS, formKey } from '../../models/music/forms';
import { DEFAULT_INSTRUMENT, INSTRUMENT_IDS, getInstrument, isInstrumentId, type InstrumentId } from '../../models/music/instruments';
import { exportMidi } from '../../models/music/midi-export';
import { importMidiBytes } from '../../models/music/import-file';
import { barsReached, cutPhrase, type Phrase } from '../../models/music/phrase';
import { continuePhrase } from '../../models/lstm/primer';

export const usage = `usage: licklab sample [--model DIR] [--chords TEXT | --form NAME [--key K]] [--bars N]
                      [--temperature T] [--top-k K] [--top-p P] [--seed S] [--tempo BPM]
                      [--primer FILE.mid [--primer-bars N]] --out FILE.mid [--json]

  --model DIR        trained model folder (default: the bundled default model)
  --chords TEXT      chord changes, one bar per |, e.g. "| Dm7 G7 | Cmaj7 |"
  --form NAME        a form of the library: ${FORMS.map((f) => f.name).join(', ')} (default: blues)
  --key K            key of the form (default: the form's usual key)
  --bars N           length in bars (default: one chorus); the changes repeat as needed
  --temperature T    0 < T <= ${MAX_TEMPERATURE} (default 1; near 0 = always the most likely note)
  --top-k K          sample only among the K most likely tokens (default 0 = all)
  --top-p P          sample only among the most likely tokens that cover P of the probability, 0 < P <= 1 (default 1)
  --seed S           integer seed; the same seed and settings give the same MIDI (default: random, printed)
  --tempo BPM        tempo written to the MIDI file (default 160)
  --instrument NAME  the solo instrument: ${INSTRUMENT_IDS.join(', ')} (default ${DEFAULT_INSTRUMENT}); sets the
                     MIDI program and the range the line is played in
  --humanize H       0..1: how loosely the line is played (velocity and timing, seeded; default 0 =
                     dynamics by rule, on the grid)
  --name TEXT        the name a DAW shows for the file (default "LickLab solo over <the changes>")
  --primer FILE.mid  continue this phrase: its solo line (as the importer reads it) opens the take
                     unchanged and the model continues it over the changes from the bar where it ends
  --primer-bars N    use only the primer's first N bars (default: up to the bar of its last note)
  --out FILE.mid     where to write the MIDI file (required; replaced only when all went well)
  --json             print {"notes","bars","seed","temperature","metrics":{...},"encoding"} on stdout`;

const wholeAbove0 = (n: number) => (Number.isInteger(n) && n > 0 ? undefined : 'must be a whole number above 0');

function checkOut(out: string): string {
  const target = path.resolve(out);
  if (existsSync(target) && statSync(target).isDirectory())
    throw new CliError(`--out ${target} is a folder; give a file name like take.mid`);
  const dir = path.dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`cannot write ${target}: the folder ${dir} does not exist`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(target)) accessSync(target, constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${target}: permission denied`);
  }
  return target;
}

function readInstrument(raw: string | undefined): InstrumentId {
  if (raw === undefined) return DEFAULT_INSTRUMENT;
  const id = raw.trim().toLowerCase();
  if (!isInstrumentId(id)) throw new CliError(`--instrument must be one of ${INSTRUMENT_IDS.join(', ')}, got "${raw}"`, 2);
  return id;
}

function readProgression(
  chords: string | undefined,
  form: string | undefined,
  key: string | undefined,
  bars: number | undefined,
): Progression {
  if (chords !== undefined && form !== undefined) throw new CliError('give either --chords or --form, not both', 2);
  if (key !== undefined && chords !== undefined) throw new CliError('--key goes with --form (write --chords in the key you want)', 2);
  const length = bars === undefined ? {} : { bars };
  try {
    if (chords !== undefined) return progressionFromChart(chords, length);
    return progressionFromForm(form ?? 'blues', key, length);
  } catch (err) {
    if (err instanceof ChordChartError) throw new CliError(`--chords: ${err.message}`);
    throw new CliError((err as Error).message);
  }
}

async function load(dir: string | undefined): Promise<Generator> {
  const target = path.resolve(dir ?? DEFAULT_MODEL_DIR);
  if (!existsSync(target)) {
    throw new CliError(
      dir === undefined
        ? `the default model is missing (${target}); train one with \`licklab train --out DIR\` and pass --model DIR`
        : `no model folder at ${target}`,
    );
  }
  try {
    return await loadGenerator(target);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** The phrase of a primer MIDI file: its solo line's first `bars` bars (default: up to its last note). */
export function readPrimer(file: string, bars: number | undefined): Phrase {
  const target = path.resolve(file);
  if (!existsSync(target) || !statSync(target).isFile()) throw new CliError(`--primer: no MIDI file at ${target}`);
  const result = importMidiBytes(target, 'primer', new Uint8Array(readFileSync(target)), {});
  if (!result.tune) throw new CliError(`--primer ${target}: ${result.report.reason ?? 'not readable as MIDI'}`);
  const { notes, bars: fileBars } = result.tune;
  const reached = barsReached(notes, fileBars);
  if (reached === 0) throw new CliError(`--primer ${target}: the file has no notes`);
  if (bars !== undefined && bars > fileBars.length)
    throw new CliError(`--primer-bars ${bars}: ${target} has only ${fileBars.length} bars`, 2);
  try {
    return cutPhrase(notes, fileBars, 0, bars ?? reached);
  } catch (err) {
    throw new CliError(`--primer ${target}: ${(err as Error).message}`);
  }
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    model: { type: 'string' },
    chords: { type: 'string' },
    form: { type: 'string' },
    key: { type: 'string' },
    bars: { type: 'string' },
    temperature: { type: 'string' },
    'top-k': { type: 'string' },
    'top-p': { type: 'string' },
    seed: { type: 'string' },
    tempo: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    instrument: { type: 'string' },
    humanize: { type: 'string' },
    name: { type: 'string' },
    primer: { type: 'string' },
    'primer-bars': { type: 'string' },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`, 2);
  const temperature = numberFlag('temperature', values.temperature, 1, (n) => temperatureProblem(n) ?? undefined);
  const topK = numberFlag('top-k', values['top-k'], 0, (n) => (Number.isInteger(n) && n >= 0 ? undefined : 'must be a whole number >= 0'));
  const topP = numberFlag('top-p', values['top-p'], 1, (n) => (n > 0 && n <= 1 ? undefined : 'must be in (0, 1]'));
  const bars = values.bars === undefined ? undefined : numberFlag('bars', values.bars, 0, wholeAbove0);
  const tempo = numberFlag('tempo', values.tempo, 160, (n) => (n >= 20 && n <= 400 ? undefined : 'must be 20..400 bpm'));
  const seed =
    values.seed === undefined
      ? randomInt(0, 2 ** 31)
      : numberFlag('seed', values.seed, 0, (n) => (Number.isSafeInteger(n) ? undefined : 'must be an integer'));
  const instrument = readInstrument(values.instrument);
  const humanize = numberFlag('humanize', values.humanize, 0, (n) => (n >= 0 && n <= 1 ? undefined : 'must be between 0 and 1'));
  if (values.name !== undefined && values.name.trim() === '') throw new CliError('--name needs some text', 2);
  if (values.out === undefined) throw new CliError('--out FILE.mid is required', 2);
  const out = checkOut(values.out);
  if (values['primer-bars'] !== undefined && values.primer === undefined)
    throw new CliError('--primer-bars goes with --primer FILE.mid', 2);
  const primerBars = values['primer-bars'] === undefined ? undefined : numberFlag('primer-bars', values['primer-bars'], 0, wholeAbove0);
  const progression = readProgression(values.chords, values.form, values.key, bars);
  const phrase = values.primer === undefined ? null : readPrimer(values.primer, primerBars);
  const gen = await load(values.model);

  const options = { ...progression, seed, temperature, topK, topP, pitchRange: getInstrument(instrument).range };
  let result: ReturnType<typeof generateTake> & Partial<ReturnType<typeof continuePhrase>>;
  try {
    result = phrase ? continuePhrase(gen, options, phrase, {}, { humanize }) : generateTake(gen, options, { humanize });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`--primer: ${err.message}`);
    throw err;
  }
  const { metrics, performed } = result;
  const primer = phrase && result.primerNotes ? { notes: result.primerNotes.length, bars: phrase.bars, endTick: result.primerEnd } : null;
  const over = progression.title ? `LickLab solo over ${progression.title}` : 'LickLab solo';
  const name = values.name?.trim() ?? over;
  const bytes = exportMidi({
    solo: performed,
    chords: progression.chords,
    bars: progression.bars,
    tempo,
    instrument,
    title: name,
    description: `${over} · temperature ${temperature}, seed ${seed}`,
    ...(values.chords === undefined ? { key: formKey(values.form ?? 'blues', values.key) } : {}),
  });
  try {
    writeFileAtomic(out, bytes);
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
  }
  if (values.json) {
    console.log(
      JSON.stringify({
        notes: performed.length,
        bars: progression.bars.length,
        seed,
        temperature,
        instrument,
        humanize,
        name,
        metrics,
        encoding: gen.meta.encodingVersion,
        ...(primer ? { primer } : {}),
      }),
    );
  } else {
    const copied =
      metrics.longestCopiedRun === null
        ? 'novelty n/a'
        : `longest copied run ${metrics.longestCopiedRun} notes, ${pct(metrics.copiedNgramShare)} of 8-note n-grams from training`;
    if (primer) console.log(`primer: ${primer.notes} notes in ${primer.bars} bars, continued from bar ${primer.bars + 1}`);
    console.log(
      `wrote ${out}: "${name}", ${performed.length} notes over ${progression.bars.length} bars on ${getInstrument(instrument).label.toLowerCase()} (seed ${seed}, temperature ${temperature})`,
    );
    console.log(
      `  chord tones on strong beats ${pct(metrics.chordToneRatio)}, scale tones ${pct(metrics.scaleToneRatio)}, pitch entropy ${metrics.pitchEntropy.toFixed(2)} bits; ${copied}`,
    );
  }
  return 0;
}
