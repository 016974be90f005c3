// `licklab eval`: score a model on real solos (loss per note against count baselines, the figures
// of its takes over the solos' own changes, copying from its training data). All the computing is
// in models/lstm/eval; this file reads flags and prints.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseFlags } from '../args';
import { CliError } from '../cli-error';
import { initBackend } from '../../models/lstm/backend';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { EvalInputError, evaluateModelOnCorpus, type EvalReport } from '../../models/lstm/eval/run-eval';
import type { SampleStats } from '../../models/lstm/eval/sample-stats';
import { MAX_TEMPERATURE, temperatureProblem } from '../../models/lstm/sample';

export const usage = `usage: licklab eval [--model DIR] --corpus DIR [--temperature T] [--takes N] [--seed S] [--json]

  --model DIR        trained model folder (default: the bundled default model)
  --corpus DIR       MIDI folder or file of solos to score, imported as \`licklab corpus\` does
                     (chords from <name>.chords.txt, <name>.csv or ../beats/<name>.csv, a chord track)
  --temperature T    also generate takes at T, 0 < T <= ${MAX_TEMPERATURE} (temperature 1 is always measured)
  --takes N          generate over at most N solos' changes, spread over the corpus (default: all);
                     the loss is always scored on every solo
  --seed S           seed of the first take; solo i gets S + i (default 1)
  --json             print one JSON object (natsPerNote, natsPerEvent, perplexity, baselines, reference,
                     samples {real, generated}, copying {real, generated}, byTemperature, ...)
  --track N|NAME     use this track as the solo in every file
  --cache-dir DIR    where parsed files are cached (default ~/.cache/licklab/corpus)
  --no-cache         neither read nor write the cache

Losses are nats per note (a solo's total over its notes, rest events included in the total) and per
event. Baselines: unigram and bigram count models fitted on the model's own training files;
reference: the same count models fitted on these very solos.`;

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);

const FIGURES: [string, keyof SampleStats, (x: number | null | undefined) => string][] = [
  ['chord tones on strong beats', 'chordToneStrong', pct],
  ['chord tones, all notes', 'chordToneShare', pct],
  ['steps (<= 2 semitones)', 'stepShare', pct],
  ['leaps (>= 7 semitones)', 'leapShare', pct],
  ['pitch-class entropy (bits)', 'pitchClassEntropy', f3],
  ['notes per bar', 'notesPerBar', f3],
  ['rests among events', 'restShare', pct],
  ['rests <= a 16th', 'shortRestShare', pct],
  ['notes <= 2 ticks', 'shortNoteShare', pct],
  ['off-beat onsets', 'offBeatShare', pct],
  ['range (semitones)', 'rangeMean', f3],
  ['JS interval', 'intervalJS', f3],
  ['JS duration', 'durationJS', f3],
  ['JS inter-onset', 'ioiJS', f3],
];

function row(label: string, cells: string[]): string {
  return `  ${label.padEnd(34)}${cells.map((c) => c.padStart(11)).join('')}`;
}

function text(r: EvalReport): string {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const trained =
    'unavailable' in r.model.trainedOn
      ? `training data unavailable: ${r.model.trainedOn.unavailable}`
      : `trained on ${r.model.trainedOn.files} files${r.model.trainedOn.dir ? ` of ${rel(r.model.trainedOn.dir)}` : ''}${r.model.trainedOn.warning ? ` (warning: ${r.model.trainedOn.warning})` : ''}`;
  const lines = [`model: ${rel(r.model.dir)} (${r.model.encoding}, ${r.model.preset} preset), ${trained}`];
  for (const s of r.corpus.skipped) lines.push(`skip  ${rel(s.path)}: ${s.reason}`);
  lines.push(
    `corpus: ${r.corpus.files.ok} ok, ${r.corpus.files.skipped} skipped; ${r.corpus.solos} solos (${r.corpus.solosWithChords} with chords), ${r.corpus.notes} notes, ${r.corpus.events} events`,
  );
  lines.push('', row('loss', ['nats/note', 'nats/event']));
  lines.push(row('model', [f3(r.natsPerNote), f3(r.natsPerEvent)]) + `   perplexity ${r.perplexity.toFixed(1)} (per event)`);
  lines.push(
    `  ${''.padEnd(34)}accuracy: pitch ${pct(r.accuracy.pitch)}, duration ${pct(r.accuracy.duration)}, both ${pct(r.accuracy.both)}`,
  );
  const counts = (name: string, b: EvalReport['baselines']) => {
    lines.push(row(`unigram ${name}`, [f3(b.unigram.natsPerNote), f3(b.unigram.natsPerEvent)]));
    lines.push(row(`bigram ${name}`, [f3(b.bigram.natsPerNote), f3(b.bigram.natsPerEvent)]));
    if (b.unavailable) lines.push(`    (${b.unavailable})`);
  };
  counts("(model's training files)", r.baselines);
  counts('(these solos: reference)', r.reference);
  const temps = r.byTemperature;
  lines.push(
    '',
    `takes over ${r.samples.takes} solos' changes (seeds from ${r.samples.firstSeed}, notes ${r.samples.pitchRange.low}..${r.samples.pitchRange.high}):`,
  );
  lines.push(row('figure', ['real', ...temps.map((t) => `T=${t.temperature}`)]));
  for (const [label, key, fmt] of FIGURES) {
    const real = key.endsWith('JS') ? '' : fmt(r.samples.real[key] as number | null);
    lines.push(row(label, [real, ...temps.map((t) => fmt(t.samples[key] as number | null | undefined))]));
  }
  lines.push('', `copying from ${r.copying.against}${r.copying.unavailable ? ` (unavailable: ${r.copying.unavailable})` : ''}:`);
  lines.push(row('', ['real', ...temps.map((t) => `T=${t.temperature}`)]));
  lines.push(row('longest copied run, mean', [f3(r.copying.real.longestRunMean), ...temps.map((t) => f3(t.copying.longestRunMean))]));
  lines.push(
    row('longest copied run, max', [
      String(r.copying.real.longestRunMax ?? 'n/a'),
      ...temps.map((t) => String(t.copying.longestRunMax ?? 'n/a')),
    ]),
  );
  lines.push(row('8-note n-grams copied', [pct(r.copying.real.ngram8Share), ...temps.map((t) => pct(t.copying.ngram8Share))]));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  lines.push(
    '',
    `time: ${s(r.timings.totalMs)} (import ${s(r.timings.loadMs)}, loss ${s(r.timings.scoreMs)}, takes ${s(r.timings.takesMs)})`,
  );
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    model: { type: 'string' },
    corpus: { type: 'string' },
    temperature: { type: 'string' },
    takes: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    track: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}" (use --corpus DIR)`, 2);
  if (values.corpus === undefined) throw new CliError('--corpus DIR is required: the folder of solos to score', 2);
  const temperature = numberFlag('temperature', values.temperature, 1, (n) => temperatureProblem(n) ?? undefined);
  const takes =
    values.takes === undefined
      ? undefined
      : numberFlag('takes', values.takes, 0, (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'must be a whole number >= 1'));
  const seed = numberFlag('seed', values.seed, 1, (n) => (Number.isSafeInteger(n) ? undefined : 'must be an integer'));
  if (values.track !== undefined && values.track.trim() === '') throw new CliError('--track needs a track index or name', 2);
  const track = values.track !== undefined && /^\d+$/.test(values.track) ? Number(values.track) : values.track;
  const corpus = path.resolve(values.corpus);
  if (!existsSync(corpus)) throw new CliError(`corpus not found: ${corpus}`);
  const modelDir = path.resolve(values.model ?? DEFAULT_MODEL_DIR);
  if (!existsSync(modelDir))
    throw new CliError(
      values.model === undefined ? `the default model is missing (${modelDir}); pass --model DIR` : `no model folder at ${modelDir}`,
    );

  await initBackend();
  let report: EvalReport;
  try {
    report = await evaluateModelOnCorpus({
      modelDir,
      corpusPaths: [corpus],
      temperatures: [temperature],
      takes,
      seed,
      importOptions: { track, cacheDir: values['cache-dir'], cache: !values['no-cache'] },
      onProgress: (m) => process.stderr.write(`${m}\n`),
    });
  } catch (err) {
    if (err instanceof EvalInputError) throw new CliError(err.message);
    throw err;
  }
  process.stdout.write((values.json ? JSON.stringify(report) : text(report)) + '\n');
  return 0;
}
