// The sample panel: after an epoch, a fixed set of takes over the dev solos' own changes, with fixed
// seeds (common random numbers: what changes from epoch to epoch is the model, not the dice) at
// temperature 1, measured against those dev solos over the same bars (sample-stats.ts) and for
// copying against the training files (copying.ts), with one combined score (panel-score.ts).
// Each dev solo is cut to its first `bars` bars (from the bar of its first note), and the real
// reference is read from the same cut: a 16-bar take and a 200-bar solo would not compare.
// Copying compares lines as the model hears them: the training solos and the dev lines go through
// the run's encoding and back (a v2 take that repeats a training line token for token decodes to
// the articulation classes' lengths, not the recorded ones, and must still count as copied).
import { vocabularyFor } from '../../music/encodings';
import type { Bar, ChordSpan, Note, Tune } from '../../music/types';
import { ENCODING_V1 } from '../../music/vocabulary';
import type { NoveltyIndex } from '../novelty';
import { DEFAULT_RANGE } from '../sample';
import type { Split } from '../split';
import type { LstmStepper } from '../stepper';
import type { EpochSample, PanelInfo, SampleFigures } from '../training-types';
import { copyLine, copyingIndex, copyingStats, type CopyingStats } from './copying';
import { soundsLikeScore } from './panel-score';
import { sampleStats, soloSpan, type SampleStats, type SoloLine } from './sample-stats';
import { pickEvenly, takeOverSolo } from './takes';
import { isPhraseSource } from '../split-plan';

export interface PanelSettings {
  takes: number; // dev solos in the panel (spread evenly over the dev set), one take each
  bars: number; // bars per take
  seed: number; // the take over panel line i has seed + i, every epoch
}
export const PANEL_DEFAULTS: PanelSettings = { takes: 8, bars: 16, seed: 1 };
export const PANEL_TEMPERATURE = 1;
/** The panel's time budget when it runs on its own schedule ("auto"): a share of the training time. */
export const PANEL_BUDGET = 0.15;

export interface PanelOptions {
  /** The solos the tunes were encoded from (same sources): dev ones are played over, train ones
   *  are what copying is measured against. */
  solos: readonly Tune[];
  /** Every N epochs (0 = never), or 'auto' (default): within PANEL_BUDGET of the training time. */
  every?: number | 'auto';
  settings?: Partial<PanelSettings>;
}

/** One dev solo cut to the panel's bars; ticks as in the solo. */
export interface PanelLine extends SoloLine {
  id: string;
  tempo: number;
  startTick: number;
  endTick: number;
}

export interface SamplePanel {
  settings: PanelSettings;
  lines: PanelLine[];
  devSolos: number; // dev solos with chords and notes (the panel picks among them)
  real: SampleStats;
  realCopying: CopyingStats;
  index: NoveltyIndex;
}

export interface PanelTake {
  line: number; // index into panel.lines
  seed: number;
  notes: Note[];
}

const hasChords = (t: Pick<Tune, 'chords'>) => t.chords.some((c) => c.root >= 0);

/** A solo cut to `bars` bars from the bar of its first note, or null when it has no notes. */
export function cutToBars(solo: Tune, bars: number): PanelLine | null {
  const span = soloSpan(solo);
  if (!span) return null;
  let endTick = span.endTick;
  const first = solo.bars.findIndex((b) => b.start >= span.startTick);
  if (first >= 0 && first + bars < solo.bars.length) endTick = Math.min(endTick, solo.bars[first + bars].start);
  else if (solo.bars.length === 0) endTick = Math.min(endTick, span.startTick + bars * 48);
  const notes = solo.notes.filter((n) => n.start >= span.startTick && n.start < endTick);
  if (notes.length === 0) return null;
  const cut: SoloLine = { notes, chords: solo.chords, bars: solo.bars };
  const own = soloSpan(cut)!; // the bars a take is generated over: the same as the real line's
  return { id: solo.id, tempo: solo.tempo, notes, chords: solo.chords, bars: solo.bars, startTick: own.startTick, endTick: own.endTick };
}

/** A solo's notes as a model of `encoding` hears them (encoded and decoded again). */
export function notesAsHeard(tune: Tune, encoding: string): Note[] {
  const vocab = vocabularyFor(encoding);
  const encoded = vocab.encode(tune);
  return vocab.decode(encoded.events, encoded.startTick);
}

/** The panel of a split: dev solos (with chords) to play over and compare with, training solos to
 *  measure copying against, in the run's encoding (default v1). Throws a RangeError saying why when
 *  there is nothing to build it from. */
export function preparePanel(
  dev: readonly Tune[],
  train: readonly Tune[],
  given: Partial<PanelSettings> = {},
  encoding: string = ENCODING_V1,
): SamplePanel {
  const settings = { ...PANEL_DEFAULTS, ...given };
  for (const k of ['takes', 'bars'] as const) {
    if (!Number.isInteger(settings[k]) || settings[k] < 1)
      throw new RangeError(`the sample panel's ${k} must be a whole number >= 1, got ${settings[k]}`);
  }
  if (!Number.isInteger(settings.seed)) throw new RangeError(`the sample panel's seed must be an integer, got ${settings.seed}`);
  const usable = dev.filter((t) => t.notes.length > 0 && hasChords(t));
  if (usable.length === 0)
    throw new RangeError(
      dev.length === 0 ? 'there are no dev solos to play over' : `none of the ${dev.length} dev solos has chords to play over`,
    );
  const trainSolos = train.filter((t) => t.notes.length > 0);
  if (trainSolos.length === 0) throw new RangeError('there are no training solos to measure copying against');
  const lines = pickEvenly(usable, settings.takes)
    .map((t) => cutToBars(t, settings.bars))
    .filter((l): l is PanelLine => l !== null);
  const index = copyingIndex(trainSolos.map((t) => ({ id: t.id, notes: notesAsHeard(t, encoding) })));
  const heard = (l: PanelLine) =>
    notesAsHeard(
      { ...l, source: l.id, title: l.id, chordSource: 'chart', chords: [...l.chords], bars: [...l.bars], notes: [...l.notes] },
      encoding,
    );
  return {
    settings,
    lines,
    devSolos: usable.length,
    real: sampleStats(lines),
    realCopying: copyingStats(
      lines.map((l) => copyLine(heard(l))),
      index,
    ),
    index,
  };
}

function figures(s: SampleStats, c: CopyingStats): SampleFigures {
  return {
    chordToneStrong: s.chordToneStrong,
    stepShare: s.stepShare,
    notesPerBar: s.notesPerBar,
    restShare: s.restShare,
    offBeatShare: s.offBeatShare,
    longestCopiedRun: c.longestRunMean,
    ngram8Share: c.ngram8Share,
  };
}

/** The dev solos' own figures over the panel's bars (the reference lines of the chart). */
export function panelReference(panel: SamplePanel): SampleFigures {
  return figures(panel.real, panel.realCopying);
}

/** Generate the panel's takes with the stepper's weights and measure them. */
export function runPanel(panel: SamplePanel, stepper: LstmStepper): { sample: EpochSample; takes: PanelTake[] } {
  const started = performance.now();
  const takes: PanelTake[] = [];
  panel.lines.forEach((line, i) => {
    const seed = panel.settings.seed + i;
    const take = takeOverSolo(stepper, line, { temperature: PANEL_TEMPERATURE, seed, pitchRange: DEFAULT_RANGE });
    if (take) takes.push({ line: i, seed, notes: take.notes });
  });
  const gen = sampleStats(
    takes.map((t) => ({ notes: t.notes, chords: panel.lines[t.line].chords, bars: panel.lines[t.line].bars })),
    panel.real,
  );
  const copying = copyingStats(
    takes.map((t) => copyLine(t.notes)),
    panel.index,
  );
  const { score } = soundsLikeScore(gen, panel.real, copying, panel.realCopying);
  const sample: EpochSample = {
    score,
    ...figures(gen, copying),
    intervalJS: gen.intervalJS ?? null,
    durationJS: gen.durationJS ?? null,
    ioiJS: gen.ioiJS ?? null,
    longestCopiedRunMax: copying.longestRunMax,
    takes: takes.length,
    notes: gen.notes,
    bars: panel.real.bars,
    ms: 0,
    dev: panelReference(panel),
  };
  sample.ms = performance.now() - started;
  return { sample, takes };
}

/** A panel take ready to play on its own: ticks from the take's first bar, the solo's chords and
 *  bars over the same span, the solo's tempo. */
export function playablePanelTake(
  panel: SamplePanel,
  take: PanelTake,
): { id: string; notes: Note[]; chords: ChordSpan[]; bars: Bar[]; tempo: number; seed: number } {
  const line = panel.lines[take.line];
  const from = line.startTick;
  const to = line.endTick;
  const chords = line.chords
    .filter((c) => c.end > from && c.start < to)
    .map((c) => ({ ...c, start: Math.max(c.start, from) - from, end: Math.min(c.end, to) - from }));
  const bars = line.bars.filter((b) => b.start >= from && b.start < to).map((b) => ({ ...b, start: b.start - from }));
  const notes = take.notes.map((n) => ({ ...n, start: n.start - from }));
  return { id: line.id, notes, chords, bars, tempo: line.tempo, seed: take.seed };
}

/** When the panel runs: every N epochs, or "auto": whenever the panels so far plus one more stay
 *  within PANEL_BUDGET of the training time so far (the first epoch always runs one). */
export class PanelSchedule {
  private panelMs = 0;
  private lastPanelMs: number | null = null;
  private trainMs = 0;

  constructor(
    readonly every: number | 'auto',
    readonly budget = PANEL_BUDGET,
  ) {
    if (every !== 'auto' && !(Number.isInteger(every) && every >= 0))
      throw new RangeError(`the sample panel runs every N epochs: N must be a whole number >= 0 (0 = never) or "auto", got ${every}`);
  }

  /** Call after each epoch's training and dev pass with their wall time; says whether to run the panel. */
  due(epoch: number, epochMs: number): boolean {
    this.trainMs += epochMs;
    if (this.every === 'auto') return this.lastPanelMs === null || this.panelMs + this.lastPanelMs <= this.budget * this.trainMs;
    return this.every > 0 && epoch % this.every === 0;
  }

  ran(ms: number): void {
    this.panelMs += ms;
    this.lastPanelMs = ms;
  }

  get totalMs(): number {
    return this.panelMs;
  }
}

/** The panel of this split, its schedule, and what to record about it (or why it is off). */
export function setUpPanel(
  opts: PanelOptions | undefined,
  split: Split,
  encoding: string = ENCODING_V1,
): { panel: SamplePanel | null; schedule: PanelSchedule | null; info: PanelInfo } {
  if (!opts) return { panel: null, schedule: null, info: { unavailable: 'no solos were given to play over' } };
  const every = opts.every ?? 'auto';
  const schedule = new PanelSchedule(every);
  if (every === 0) return { panel: null, schedule: null, info: { unavailable: 'the sample panel is off (every 0 epochs)' } };
  if (split.dev.length > 0 && split.dev.every(isPhraseSource))
    return {
      panel: null,
      schedule: null,
      info: { unavailable: 'the corpus is one file, split by phrase: no held-out solo to play over' },
    };
  const inSplit = (names: string[]) => {
    const set = new Set(names);
    return opts.solos.filter((t) => set.has(t.source));
  };
  try {
    const panel = preparePanel(inSplit(split.dev), inSplit(split.train), opts.settings, encoding);
    const { bars, seed } = panel.settings;
    return { panel, schedule, info: { takes: panel.lines.length, bars, seed, every, budget: schedule.budget, devSolos: panel.devSolos } };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { panel: null, schedule: null, info: { unavailable: err.message } };
  }
}
