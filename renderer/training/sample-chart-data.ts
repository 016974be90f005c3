// What the sample chart draws (the third chart, beside train and dev loss): per epoch with a panel,
// the "sounds like the dev set" score, the 8-gram share copied from the training files and the
// longest copied run, with the real dev solos' own copying as reference lines; and the short
// plain-language note under the charts that says what loss and samples are doing together.
import { bestEpoch } from '../../models/lstm/history';
import { bestSampleEpoch } from '../../models/lstm/eval/panel-score';
import type { EpochRecord, EpochSample } from '../../models/lstm/training-types';

export interface SampleSeries {
  epochs: number[]; // epochs with a panel
  score: number[];
  ngram8Share: (number | null)[]; // percent
  longestRun: (number | null)[];
  samples: EpochSample[]; // the figures of each point, for the tooltip
  devNgram8Share: number | null; // the real dev solos' figures (reference lines); percent
  devLongestRun: number | null;
  scoreRange: [number, number]; // the score axis: the scores with some room, within 0..1
  copyMax: number; // top of the copying axis (notes for the run, percent for the 8-gram share)
  xMax: number; // same epoch axis as the loss charts
  bestSample: number | null;
  bestDev: number | null;
  playable: number[]; // epochs with a panel take to hear
}

export function sampleSeries(history: readonly EpochRecord[], playable: readonly number[] = []): SampleSeries {
  const withPanel = history.filter((r) => r.sample);
  const samples = withPanel.map((r) => r.sample!);
  const ref = samples[samples.length - 1]?.dev;
  const runs = samples.map((s) => s.longestCopiedRun);
  const devLongestRun = ref?.longestCopiedRun ?? null;
  const shares = [...samples.map((s) => s.ngram8Share), ref?.ngram8Share ?? null]
    .filter((x): x is number => x !== null)
    .map((x) => 100 * x);
  const copyMax = Math.max(8, ...runs.filter((x): x is number => x !== null), devLongestRun ?? 0, ...shares) * 1.15;
  const scores = samples.map((s) => s.score).filter(Number.isFinite);
  const lo = scores.length ? Math.min(...scores) : 0;
  const hi = scores.length ? Math.max(...scores) : 1;
  const pad = Math.max(0.02, (hi - lo) * 0.25);
  const scoreRange: [number, number] = [Math.max(0, lo - pad), Math.min(1, hi + pad)];
  return {
    epochs: withPanel.map((r) => r.epoch),
    score: samples.map((s) => s.score),
    ngram8Share: samples.map((s) => (s.ngram8Share === null ? null : 100 * s.ngram8Share)),
    longestRun: runs,
    samples,
    devNgram8Share: ref?.ngram8Share === null || ref?.ngram8Share === undefined ? null : 100 * ref.ngram8Share,
    devLongestRun,
    scoreRange,
    copyMax,
    xMax: Math.max(2, history[history.length - 1]?.epoch ?? 2),
    bestSample: bestSampleEpoch(history),
    bestDev: bestEpoch(history),
    playable: withPanel.map((r) => r.epoch).filter((e) => playable.includes(e)),
  };
}

/** Rising, falling or flat over the last `n` points (a change under `eps` is flat). */
function trend(values: readonly (number | null | undefined)[], n: number, eps: number): 'up' | 'down' | 'flat' | null {
  const xs = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v)).slice(-n);
  if (xs.length < 2) return null;
  const d = xs[xs.length - 1] - xs[0];
  return Math.abs(d) < eps ? 'flat' : d > 0 ? 'up' : 'down';
}

/** A few plain sentences on what the learner sees; empty before there is anything to say. */
export function sampleNote(history: readonly EpochRecord[]): string[] {
  const panel = history.filter((r) => r.sample);
  if (panel.length < 2) return [];
  const n = Math.min(4, panel.length);
  const dev = trend(
    panel.map((r) => r.devNatsPerNote ?? r.devLoss),
    n,
    0.005,
  );
  const copy = trend(
    panel.map((r) => r.sample!.longestCopiedRun),
    n,
    0.5,
  );
  const score = trend(
    panel.map((r) => r.sample!.score),
    n,
    0.003,
  );
  const out: string[] = [];
  if (dev === 'down' && copy === 'up')
    out.push('Dev loss still falling, copying rising: the model is starting to quote its training files.');
  else if (dev !== 'down' && copy === 'up')
    out.push('Dev loss no longer falling and copying rising: the model is memorising; the best-dev checkpoint is the safer one.');
  else if (dev === 'down' && score === 'up') out.push('Dev loss falling and the takes sound more like the dev solos: still learning.');
  else if (dev === 'down' && score === 'down')
    out.push('Dev loss falling but the takes drift away from the dev solos: listen before you trust the loss.');
  else if (dev !== 'down' && score === 'up')
    out.push('Dev loss no longer improving, yet the takes keep getting closer to the dev solos: listen before you stop.');
  else if (dev === 'up' && score !== 'up') out.push('Dev loss rising and the takes no better: past the best epoch.');
  const bd = bestEpoch(history);
  const bs = bestSampleEpoch(history);
  if (bd !== null && bs !== null && bd !== bs)
    out.push(`Loss and samples disagree: best dev loss at epoch ${bd}, best sample score at epoch ${bs}.`);
  const last = panel[panel.length - 1].sample!;
  if (last.longestCopiedRun !== null && last.dev.longestCopiedRun !== null && last.longestCopiedRun > 1.5 * last.dev.longestCopiedRun + 1) {
    out.push(
      `The takes copy runs of ${last.longestCopiedRun.toFixed(1)} notes on average; real dev players share only ${last.dev.longestCopiedRun.toFixed(1)} with the training files.`,
    );
  }
  return out;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(0)}%`);
const num = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));

/** The tooltip lines of one epoch's panel (HTML-free text; the chart escapes nothing else). */
export function sampleTipLines(epoch: number, s: EpochSample, playable: boolean): string[] {
  return [
    `Epoch ${epoch}: score ${s.score.toFixed(3)}`,
    `chord tones on strong beats ${pct(s.chordToneStrong)} (dev ${pct(s.dev.chordToneStrong)})`,
    `steps ${pct(s.stepShare)} (dev ${pct(s.dev.stepShare)}) · notes/bar ${num(s.notesPerBar)} (dev ${num(s.dev.notesPerBar)})`,
    `rests ${pct(s.restShare)} (dev ${pct(s.dev.restShare)}) · off-beat ${pct(s.offBeatShare)} (dev ${pct(s.dev.offBeatShare)})`,
    `longest copied run ${num(s.longestCopiedRun)} notes (dev ${num(s.dev.longestCopiedRun)}) · 8-grams copied ${pct(s.ngram8Share)} (dev ${pct(s.dev.ngram8Share)})`,
    playable ? '♪ click to hear this epoch’s panel take' : `${s.takes} takes x ${Math.round(s.bars / Math.max(1, s.takes))} bars`,
  ];
}
