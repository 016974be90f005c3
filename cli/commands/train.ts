// `licklab train`: train the LSTM on a corpus with train and dev loss per epoch, early stopping,
// and an atomically written model folder. Ctrl-C stops within one batch and saves the best so far.
// Each epoch may carry the sample panel's figures (takes over the dev solos' changes against them).
// --from MODEL_DIR (or `default`) fine-tunes that model instead of training a fresh network.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseFlags, numberFlag } from '../args';
import { CliError } from '../cli-error';
import { describeBackend, initBackend } from '../../models/lstm/backend';
import { describeLstmPath } from '../lstm-path';
import {
  KNOB_LIMITS,
  PRESET_NAMES,
  RUN_LIMITS,
  describeLimit,
  withinLimit,
  type Hyperparameters,
  type KnobLimit,
  type NumericKnob,
  type PresetName,
} from '../../models/lstm/hyperparameters';
import { isPhraseSource, planSplit } from '../../models/lstm/split-plan';
import { FINE_TUNE_LR_FACTOR, type FineTuneStart } from '../../models/lstm/fine-tune';
import { fineTuneFrom } from '../fine-tune-from';
import { checkOut, defaultOutDir } from '../model-out';
import { epochJson, epochLine, fmtSec, panelLine, perNote } from '../train-lines';
import { weakWarning } from '../../models/lstm/quality';
import { trainAndSave } from '../../models/lstm/train-and-save';
import { loadTrainingCorpus } from '../../models/lstm/training-corpus';
import { STOP_ON, type BatchProgress, type EpochRecord, type StopOn } from '../../models/lstm/training-types';
import { PANEL_BUDGET } from '../../models/lstm/eval/panel';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';
import { DEFAULT_TRAINING_ENCODING, countNotes, parseEncodingName } from '../../models/music/encodings';

export const summary = 'train the LSTM improviser on a corpus (train/dev loss per epoch, early stopping)';
export const usage = `usage: licklab train [options]

  --corpus DIR         MIDI folder or file to train on (default: the bundled default corpus)
  --from MODEL_DIR     fine-tune: start from that model's weights and vocabulary (\`default\`: the
                       shipped default model); keeps its shape and encoding, learning rate
                       ${FINE_TUNE_LR_FACTOR} x the preset's unless --lr is given, early stopping on
                       this corpus's dev loss; the new model records its parent
  --preset NAME        ${PRESET_NAMES.join(' | ')} (default: default)
  --epochs N           maximum epochs (>= 1)
  --patience N         stop after N epochs without a better dev loss
  --dev-fraction F     share of files held out as dev, in (0, 0.5] (default 0.1); at least one
                       file; a corpus of one file is cut at its breaths and whole phrases are held out
  --seed S             integer seed for the split, initialisation and shuffling (default 1)
  --encoding V         event encoding: v2 (default: a silence under half a beat is the note's
                       articulation, only breaths are rests) or v1 (every silence is a rest)
  --out DIR            model folder to write (default: ~/.local/share/licklab/models/<time>)
  --force              replace an existing model folder at --out
  --panel-every N      the sample panel every N epochs (0 = never; default auto: as often as
                       fits in ${Math.round(PANEL_BUDGET * 100)}% of the training time)
  --stop-on WHAT       dev-loss (default) or sample-score: what early stopping watches
  --json               one JSON object per epoch on stdout, then {"done":true,...}
  knobs (any preset):  --units N --layers N --lr X --dropout X --l2 X --batch N --window N

Losses are mean nats per event and per note (the total over the dev files / their notes, rest
events included: the figure that compares encodings), never summed; the unigram and bigram
columns are count baselines fitted on the same train files and scored on the same dev files.
The sample column: after an epoch, takes over the first 16 bars of 8 dev solos (fixed seeds,
temperature 1) against those solos: "sounds like the dev set" score (1 = like them), longest run
copied from the train files (notes, mean over takes) and 8-gram share copied, each / the dev solos'
own figure (the reference). The saved model holds the best dev-loss epoch's weights.`;

function encodingFlag(raw: string) {
  try {
    return parseEncodingName(raw);
  } catch {
    throw new CliError(`--encoding must be v1 or v2, got "${raw}"`, 2);
  }
}

function panelEveryFlag(raw: string | undefined, limited: (l: KnobLimit) => (n: number) => string | undefined): number | 'auto' {
  if (raw === undefined || raw === 'auto') return 'auto';
  return numberFlag('panel-every', raw, 0, limited(RUN_LIMITS.panelEvery));
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    corpus: { type: 'string' },
    from: { type: 'string' },
    preset: { type: 'string' },
    epochs: { type: 'string' },
    patience: { type: 'string' },
    'dev-fraction': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
    units: { type: 'string' },
    layers: { type: 'string' },
    lr: { type: 'string' },
    dropout: { type: 'string' },
    l2: { type: 'string' },
    batch: { type: 'string' },
    window: { type: 'string' },
    encoding: { type: 'string' },
    'panel-every': { type: 'string' },
    'stop-on': { type: 'string' },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}" (use --corpus DIR)`, 2);
  const preset = (values.preset ?? 'default') as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new CliError(`--preset must be one of ${PRESET_NAMES.join(', ')}, got "${values.preset}"`, 2);
  /** A flag checked against the one range of its knob (KNOB_LIMITS / RUN_LIMITS). */
  const limited = (limit: KnobLimit) => (n: number) => (withinLimit(n, limit) ? undefined : `must be ${describeLimit(limit)}`);
  const opt = (flag: string, raw: string | undefined, knob: NumericKnob) =>
    raw === undefined ? undefined : numberFlag(flag, raw, 0, limited(KNOB_LIMITS[knob]));
  const overrides: Partial<Hyperparameters> = {
    epochs: opt('epochs', values.epochs, 'epochs'),
    patience: opt('patience', values.patience, 'patience'),
    units: opt('units', values.units, 'units'),
    layers: opt('layers', values.layers, 'layers'),
    learningRate: opt('lr', values.lr, 'learningRate'),
    dropout: opt('dropout', values.dropout, 'dropout'),
    l2: opt('l2', values.l2, 'l2'),
    batchSize: opt('batch', values.batch, 'batchSize'),
    window: opt('window', values.window, 'window'),
    encoding: values.encoding === undefined ? undefined : encodingFlag(values.encoding),
  };
  const devFraction = numberFlag('dev-fraction', values['dev-fraction'], 0.1, limited(RUN_LIMITS.devFraction));
  const seed = numberFlag('seed', values.seed, 1, limited(RUN_LIMITS.seed));
  const panelEvery = panelEveryFlag(values['panel-every'], limited);
  const stopOn = (values['stop-on'] ?? 'dev-loss') as StopOn;
  if (!STOP_ON.includes(stopOn)) throw new CliError(`--stop-on must be one of ${STOP_ON.join(', ')}, got "${values['stop-on']}"`, 2);
  const corpusDir = path.resolve(values.corpus ?? DEFAULT_CORPUS_DIR);
  if (!existsSync(corpusDir)) throw new CliError(`corpus not found: ${corpusDir}`);
  const out = path.resolve(values.out ?? defaultOutDir());
  checkOut(out, values.force === true); // before hours of training, not after
  const json = values.json === true;
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

  const backend = await initBackend();
  log(`backend: ${describeBackend(backend)}; ${describeLstmPath(backend)}${backend.fallbackReason ? ` — ${backend.fallbackReason}` : ''}`);
  let from: FineTuneStart | undefined;
  let hyperparameters = overrides;
  if (values.from !== undefined) {
    const ft = await fineTuneFrom(values.from, preset, overrides);
    from = ft.start;
    hyperparameters = ft.hyperparameters;
    log(ft.line);
  }
  const corpus = await loadTrainingCorpus([corpusDir]);
  log(
    `corpus: ${corpusDir}: ${corpus.filesOk} files read, ${corpus.filesSkipped} skipped, ${corpus.tunes.length} tunes, ${corpus.tunes.reduce((s, t) => s + countNotes(t.events), 0)} notes`,
  );
  for (const s of corpus.skipped.slice(0, 5)) log(`  skipped ${s.path}: ${s.reason}`);
  if (corpus.tunes.length === 0) {
    from?.model.dispose();
    throw new CliError(`the corpus ${corpusDir} is empty: no readable MIDI file with notes`);
  }
  try {
    log(planSplit(corpus.tunes, devFraction, seed).note); // before the run: how little dev data there is
  } catch (err) {
    from?.model.dispose();
    throw new CliError((err as Error).message, 1, { cause: err });
  }

  const ctl = new AbortController();
  const onSigint = () => {
    log('\ninterrupt: stopping after this batch and keeping the best model so far');
    ctl.abort();
  };
  process.once('SIGINT', onSigint);
  const tty = !json && process.stdout.isTTY;
  let bestSoFar = Infinity;
  const onProgress = (p: BatchProgress) => {
    if (tty)
      process.stdout.write(
        `\r  epoch ${p.epoch} batch ${p.batch}/${p.batches}  loss ${p.trainLoss.toFixed(3)}  ${Math.round(p.eventsPerSec)} notes/s  epoch ETA ${fmtSec(p.epochEtaSec)}  max ETA ${fmtSec(p.etaSec)}   `,
      );
  };
  const onEpoch = (r: EpochRecord) => {
    const best = r.devLoss < bestSoFar;
    if (best) bestSoFar = r.devLoss;
    if (json) process.stdout.write(`${JSON.stringify(epochJson(r))}\n`);
    else {
      if (tty) process.stdout.write('\r\x1b[K');
      log(epochLine(r, best));
    }
  };
  const encoding = hyperparameters.encoding ?? DEFAULT_TRAINING_ENCODING;
  log(`encoding: ${encoding}; losses in nats per event, then per note`);
  let run;
  try {
    run = await trainAndSave(
      corpus.tunes,
      {
        preset,
        hyperparameters,
        from,
        devFraction,
        seed,
        signal: ctl.signal,
        onProgress,
        onEpoch,
        stopOn,
        panel: { solos: corpus.solos, every: panelEvery },
      },
      {
        dir: out,
        force: values.force === true,
        backend,
        corpusExtra: { dir: corpusDir, filesOk: corpus.filesOk, filesSkipped: corpus.filesSkipped },
      },
    );
  } catch (err) {
    throw new CliError((err as Error).message, 1, { cause: err });
  } finally {
    process.removeListener('SIGINT', onSigint);
    from?.model.dispose();
  }
  const { result } = run;
  const c = result.corpus;
  if (result.parent?.startDevNatsPerNote !== undefined)
    log(
      `the parent before fine-tuning: dev ${perNote(result.parent.startDevNatsPerNote)} nats/note (ppl ${Math.exp(result.parent.startDevNatsPerNote).toFixed(1)}) on this split`,
    );
  const unit = result.split.dev.some(isPhraseSource) ? 'phrases' : 'files';
  if (!json)
    log(
      `split: ${result.split.train.length} train ${unit}, ${result.split.dev.length} dev ${unit}; ${c.events} events, ${c.notes ?? '?'} notes (${c.notes ? (c.events / c.notes).toFixed(2) : '?'} events per note); lower loss is better`,
    );
  if (!run.saved) throw new CliError(run.message);
  const b = result.baselines;
  log(
    `${run.message} Per event: dev ${result.bestDevLoss!.toFixed(3)} (unigram ${b.unigramDevLoss.toFixed(3)}, bigram ${b.bigramDevLoss.toFixed(3)}); ` +
      `per note: unigram ${perNote(b.unigramDevNatsPerNote)}, bigram ${perNote(b.bigramDevNatsPerNote)}.`,
  );
  const weak = weakWarning(run.quality);
  if (weak) log(weak);
  log(panelLine(result));
  log(`saved model: ${out}`);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        done: true,
        bestEpoch: result.bestEpoch,
        bestDevLoss: result.bestDevLoss,
        out,
        encoding,
        bestDevNatsPerNote: result.bestDevNatsPerNote,
        unigramDevNatsPerNote: b.unigramDevNatsPerNote,
        bigramDevNatsPerNote: b.bigramDevNatsPerNote,
        events: c.events,
        notes: c.notes,
        stopOn: result.stopOn,
        quality: run.quality,
        ...(result.parent ? { parent: result.parent } : {}),
        splitNote: result.splitNote,
        bestSampleEpoch: result.bestSampleEpoch ?? null,
        panel: result.panel,
        panelMs: Math.round(result.timings.panelMs ?? 0),
        totalMs: Math.round(result.timings.totalMs),
      })}\n`,
    );
  }
  if (result.error) {
    process.stderr.write(`licklab train: ${result.error}\n`);
    return 1;
  }
  return result.stopReason === 'cancelled' ? 130 : 0;
}
