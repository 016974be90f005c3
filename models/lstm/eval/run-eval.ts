// `licklab eval` without the command line: score a saved model on a folder of real solos and set
// its takes beside them. Loss per note and per event against count baselines (fitted on the
// model's own training files) and the reference (count models fitted on these very solos); sample
// figures of takes generated over the solos' own changes against the solos; copying from the
// model's training data, of the takes and (as the reference) of the real solos.
import type * as tf from '@tensorflow/tfjs';
import { withFastLstm } from '../fast';
import { importCorpus, type FileReport, type ImportOptions } from '../../music/corpus';
import type { Tune } from '../../music/types';
import { loadModelFolder } from '../model-io';
import type { LicklabMeta } from '../model-meta';
import { NGRAM_K, NoveltyIndex, type NgramIndexData } from '../novelty';
import { DEFAULT_RANGE, validateSampling } from '../sample';
import { LstmStepper } from '../stepper';
import { copyLine, copyingIndex, copyingStats, unavailableCopying, type CopyingStats } from './copying';
import { countBaselines, unavailableBaselines, type CountBaselines } from './count-baselines';
import { encodeSolos, encodingOf, notesOf } from './encoding';
import { sampleStats, type SampleStats, type SoloLine } from './sample-stats';
import { lossFigures, scoreModelOnTunes, type LossFigures } from './score';
import { pickEvenly, takesOverSolos } from './takes';
import { loadTrainingData } from './training-data';

/** Bad input the user can fix (no usable file, a model that does not load, no chords at all). */
export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalInputError';
  }
}

export interface EvalOptions {
  modelDir: string;
  corpusPaths: string[];
  /** Temperatures of the takes besides 1 (1 is always measured: samples.generated). */
  temperatures?: number[];
  /** Generate over at most this many solos (spread evenly over the corpus); default: every solo. */
  takes?: number;
  seed?: number; // seed of the first solo's take (solo i gets seed + i); default 1
  importOptions?: ImportOptions;
  defaultCorpusDir?: string;
  onProgress?: (message: string) => void;
}

export interface TemperatureResult {
  temperature: number;
  samples: SampleStats;
  copying: CopyingStats;
}

export interface EvalReport extends LossFigures {
  model: {
    dir: string;
    encoding: string;
    preset: string;
    window: number;
    trainedOn: { dir: string | null; files: number; events: number; warning?: string } | { unavailable: string };
  };
  corpus: {
    paths: string[];
    files: { ok: number; skipped: number };
    skipped: { path: string; reason: string }[];
    solos: number;
    solosWithChords: number;
    notes: number;
    events: number;
  };
  baselines: CountBaselines;
  reference: CountBaselines;
  samples: { real: SampleStats; generated: SampleStats; takes: number; firstSeed: number; pitchRange: { low: number; high: number } };
  copying: { real: CopyingStats; generated: CopyingStats; against: string; unavailable?: string };
  byTemperature: TemperatureResult[];
  timings: { loadMs: number; scoreMs: number; takesMs: number; totalMs: number };
}

const hasChords = (t: Tune) => t.chords.some((c) => c.root >= 0);

async function loadModel(dir: string): Promise<{ model: tf.LayersModel; meta: LicklabMeta }> {
  try {
    return await loadModelFolder(dir);
  } catch (err) {
    throw new EvalInputError((err as Error).message);
  }
}

async function importSolos(paths: string[], opts: ImportOptions | undefined): Promise<{ tunes: Tune[]; files: FileReport[] }> {
  const corpus = await importCorpus(paths, opts);
  const where = paths.join(', ');
  if (corpus.files.length === 0) throw new EvalInputError(`no MIDI files (*.mid, *.midi, *.kar) found in ${where}`);
  const tunes = corpus.tunes.filter((t) => t.notes.length > 0);
  if (tunes.length === 0) {
    const first = corpus.files.find((f) => f.status === 'skipped');
    throw new EvalInputError(
      `no usable file in ${where}: none of its ${corpus.files.length} MIDI files gave a solo with notes${first ? ` (e.g. ${first.path}: ${first.reason})` : ''}`,
    );
  }
  if (!tunes.some(hasChords)) {
    throw new EvalInputError(
      `the solos in ${where} have no chords at all: give each MIDI file a chord chart (<name>.chords.txt), a beat grid with chords (<name>.csv or ../beats/<name>.csv) or a chord track`,
    );
  }
  return { tunes, files: corpus.files };
}

export async function evaluateModelOnCorpus(opts: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const say = opts.onProgress ?? (() => undefined);
  const temperatures = [1, ...(opts.temperatures ?? []).filter((t) => t !== 1)].filter((t, i, all) => all.indexOf(t) === i);
  for (const temperature of temperatures) validateSampling({ temperature });
  const firstSeed = opts.seed ?? 1;
  const { model, meta } = await loadModel(opts.modelDir);
  try {
    const stepper = LstmStepper.fromModel(model);
    const encoding = (() => {
      try {
        return encodingOf(meta.encodingVersion);
      } catch (err) {
        throw new EvalInputError(`cannot evaluate the model in ${opts.modelDir}: ${(err as Error).message}`);
      }
    })();
    const { tunes, files } = await importSolos(opts.corpusPaths, opts.importOptions);
    const skipped = files.filter((f) => f.status !== 'ok').map((f) => ({ path: f.path, reason: f.reason ?? 'skipped' }));
    const solos = encodeSolos(tunes, encoding);
    const events = solos.reduce((s, t) => s + t.events.length, 0);
    const notes = notesOf(solos);
    const training = await loadTrainingData(meta, encoding, { importOptions: opts.importOptions, defaultCorpusDir: opts.defaultCorpusDir });
    const loadMs = performance.now() - started;
    say(
      `${tunes.length} solos (${files.length - skipped.length} files read, ${skipped.length} skipped), ${notes} notes, ${events} events in ${meta.encodingVersion}`,
    );

    const window = meta.hyperparameters.window;
    say(`scoring the model on ${solos.length} solos (windows of ${window} events)`);
    const scoreStart = performance.now();
    // A loaded model has stock LSTM layers; the fast path (same weights) scores it ~2x faster here.
    const scorer = withFastLstm(model);
    let loss: LossFigures;
    try {
      loss = lossFigures(await scoreModelOnTunes(scorer, solos, { window, isNote: encoding.isNote }));
    } finally {
      if (scorer !== model) scorer.dispose();
    }
    const scoreMs = performance.now() - scoreStart;
    const baselines =
      'reason' in training
        ? unavailableBaselines(`cannot fit on the model's training files: ${training.reason}`)
        : countBaselines(training.tunes, solos, encoding.isNote);
    const reference = countBaselines(solos, solos, encoding.isNote);

    // Sample figures and copying over the solos that have chords (a take needs changes to play over).
    const withChords = tunes.map((t, i) => i).filter((i) => hasChords(tunes[i]));
    const lines: SoloLine[] = withChords.map((i) => tunes[i]);
    const real = sampleStats(lines);
    const chosen = pickEvenly(
      lines.map((_, i) => i),
      opts.takes ?? lines.length,
    );
    const index = noveltyIndexFor(meta, training);
    const realCopying = index.index
      ? copyingStats(
          withChords.map((i) => copyLine(tunes[i].notes)),
          index.index,
        )
      : unavailableCopying(withChords.length, NGRAM_K);
    const takesStart = performance.now();
    const byTemperature: TemperatureResult[] = [];
    for (const temperature of temperatures) {
      say(`generating ${chosen.length} takes over the solos' changes at temperature ${temperature}`);
      const takes = takesOverSolos(stepper, lines, chosen, temperature, firstSeed, DEFAULT_RANGE);
      byTemperature.push({
        temperature,
        samples: sampleStats(
          takes.map((t) => ({ notes: t.notes, chords: lines[t.solo].chords, bars: lines[t.solo].bars })),
          real,
        ),
        copying: index.index
          ? copyingStats(
              takes.map((t) => copyLine(t.notes)),
              index.index,
            )
          : unavailableCopying(takes.length, NGRAM_K),
      });
    }
    const takesMs = performance.now() - takesStart;
    return {
      ...loss,
      model: {
        dir: opts.modelDir,
        encoding: meta.encodingVersion,
        preset: meta.preset,
        window,
        trainedOn:
          'reason' in training
            ? { unavailable: training.reason }
            : {
                dir: training.dir,
                files: training.files.length,
                events: training.events,
                ...(training.warning ? { warning: training.warning } : {}),
              },
      },
      corpus: {
        paths: opts.corpusPaths,
        files: { ok: files.length - skipped.length, skipped: skipped.length },
        skipped,
        solos: tunes.length,
        solosWithChords: withChords.length,
        notes,
        events,
      },
      baselines,
      reference,
      samples: { real, generated: byTemperature[0].samples, takes: chosen.length, firstSeed, pitchRange: { ...DEFAULT_RANGE } },
      copying: {
        real: realCopying,
        generated: byTemperature[0].copying,
        against: index.against,
        ...(index.unavailable ? { unavailable: index.unavailable } : {}),
      },
      byTemperature,
      timings: { loadMs, scoreMs, takesMs, totalMs: performance.now() - started },
    };
  } finally {
    model.dispose();
  }
}

/** The n-gram index of the model's training data: built from the training files when they could
 *  be loaded, else the one stored in licklab.json (both read the v1 events of the notes). */
function noveltyIndexFor(
  meta: LicklabMeta,
  training: Awaited<ReturnType<typeof loadTrainingData>>,
): { index: NoveltyIndex | null; against: string; unavailable?: string } {
  if (!('reason' in training))
    return { index: copyingIndex(training.solos), against: `the model's ${training.files.length} training files` };
  const stored = meta.ngramIndex as NgramIndexData | undefined;
  if (stored) {
    try {
      return { index: new NoveltyIndex(stored), against: 'the n-gram index stored with the model' };
    } catch (err) {
      return {
        index: null,
        against: 'nothing',
        unavailable: `${training.reason}, and the stored n-gram index is unreadable (${(err as Error).message})`,
      };
    }
  }
  return { index: null, against: 'nothing', unavailable: `${training.reason}, and the model stores no n-gram index` };
}
