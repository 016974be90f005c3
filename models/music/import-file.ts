// One MIDI file (+ optional sidecars) -> a quantized, chord-aware Tune and its report line.
// Chords come from the first available of: chord chart, beat-grid CSV, a chord track, none.
import { chartToSpans, meterBeats, parseChordChart } from './chord-chart';
import { chordsFromNotes, findChordTrack } from './chord-track';
import { parseBeatGrid, secondsToBeats } from './beat-grid';
import { barsFromMeters, meterText, type Meter } from './meter-bars';
import { checkLimit, IMPORT_LIMITS, ImportError } from './import-limits';
import { readMidi, type MidiData } from './midi-read';
import { quantizeLine, type TimedNote } from './quantize';
import { addPickupBars } from './pickup';
import { fileFlags, type FileFlag } from './import-flags';
import { chooseSoloTrack, trackLabel, type TrackCandidate } from './solo-track';
import { barsEnd, type Bar, type ChordSource, type ChordSpan, type Note, type Tune } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

/** Bump when import results change, so cached results are not reused. */
export const IMPORTER_VERSION = 'licklab-import-11';

export interface FileReport {
  path: string;
  status: 'ok' | 'skipped';
  reason?: string;
  notes: number;
  bars: number;
  // 0..1 share of note time the chord source annotates: a chord, or an N.C. the chart writes
  // explicitly (free passages). Gaps (notes before the first chord, or with no source) do not count.
  chordCoverage: number;
  realChordCoverage: number; // 0..1 share of note time over a real chord (root known)
  markedNoChord?: number; // 0..1 share of note time the chord source marks explicitly as N.C.
  chordSource: ChordSource;
  meter?: string;
  tempo?: number;
  track?: string;
  trackIndex?: number; // the solo track's index (as `--track N` takes it)
  trackChosenBy?: 'notes' | 'user';
  candidates?: TrackCandidate[]; // every track with notes, best solo first (only when there are several)
  sourceNotes?: number; // notes of the solo track in the file
  droppedNotes?: number; // of those, how many the line could not keep
  flags?: FileFlag[]; // reasons to leave the file out of training
  warnings?: string[];
  cached?: boolean;
}

export interface Sidecars {
  chart?: string; // text of <name>.chords.txt
  csv?: string; // text of the beat-grid CSV
}

export interface ImportResult {
  report: FileReport;
  tune?: Tune;
}

export function skipped(path: string, reason: string): FileReport {
  return { path, status: 'skipped', reason, notes: 0, bars: 0, chordCoverage: 0, realChordCoverage: 0, chordSource: 'none' };
}

/** Share of note time that sounds over a real chord (root >= 0), or over a span matching `which`. */
export function chordCoverage(notes: Note[], chords: ChordSpan[], which: (c: ChordSpan) => boolean = (c) => c.root >= 0): number {
  let total = 0;
  let covered = 0;
  let first = 0; // notes and chords are in time order: skip chords that ended before this note
  for (const n of notes) {
    total += n.dur;
    while (first < chords.length && chords[first].end <= n.start) first++;
    for (let i = first; i < chords.length; i++) {
      const c = chords[i];
      if (c.start >= n.start + n.dur) break;
      if (which(c)) covered += Math.max(0, Math.min(c.end, n.start + n.dur) - Math.max(c.start, n.start));
    }
  }
  return total ? covered / total : 0;
}

/** Add bars of the last bar's length until `tick` is covered. */
function extendBars(bars: Bar[], tick: number): void {
  checkLimit('music too long (beats)', Math.round(tick / TICKS_PER_BEAT), IMPORT_LIMITS.beats);
  if (bars.length === 0) bars.push({ start: 0, beats: 4 });
  while (barsEnd(bars) <= tick) {
    const last = bars[bars.length - 1];
    bars.push({ start: barsEnd(bars), beats: last.beats });
  }
}

/** The sidecar a file may not use, or null: checked first, so an oversized chart costs no time. */
function sidecarProblem(side: Sidecars): string | null {
  if (side.chart !== undefined && side.chart.length > IMPORT_LIMITS.chartBytes) {
    return `its chord chart (.chords.txt) is too large: ${side.chart.length.toLocaleString('en-US')} bytes (the limit is ${IMPORT_LIMITS.chartBytes.toLocaleString('en-US')})`;
  }
  if (side.csv !== undefined && side.csv.length > IMPORT_LIMITS.beatGridBytes) {
    return `its beat grid CSV is too large: ${side.csv.length.toLocaleString('en-US')} bytes (the limit is ${IMPORT_LIMITS.beatGridBytes.toLocaleString('en-US')})`;
  }
  return null;
}

export function importMidiBytes(path: string, id: string, bytes: Uint8Array, side: Sidecars, track?: number | string): ImportResult {
  const problem = sidecarProblem(side);
  if (problem) return { report: skipped(path, problem) };
  let midi: MidiData;
  try {
    midi = readMidi(bytes);
  } catch (err) {
    if (err instanceof ImportError) return { report: skipped(path, err.message) };
    return { report: skipped(path, `could not read MIDI: ${err instanceof Error ? err.message : String(err)}`) };
  }
  try {
    return buildTune(path, id, midi, side, track);
  } catch (err) {
    if (err instanceof ImportError) return { report: skipped(path, err.message) };
    throw err;
  }
}

function buildTune(path: string, id: string, midi: MidiData, side: Sidecars, track?: number | string): ImportResult {
  const warnings = [...midi.warnings];
  const choice = chooseSoloTrack(midi.tracks, track);
  const solo = choice.solo;
  const chart = side.chart !== undefined ? parseChordChart(side.chart) : undefined;
  if (chart) warnings.push(...chart.warnings.map((w) => `chord chart ${w}`));
  let bars: Bar[];
  let chords: ChordSpan[] = [];
  let chordSource: ChordSource = 'none';
  let tempo = midi.tempos[0].bpm;
  let meter: string;
  let timed: TimedNote[];

  if (side.csv !== undefined) {
    // Performance timing: seconds -> beats through the beat grid.
    const grid = parseBeatGrid(side.csv);
    warnings.push(...grid.warnings);
    chordSource = 'beats-csv';
    tempo = grid.tempo;
    meter = grid.meter;
    const withPickup = addPickupBars(
      solo.notes.map((n) => ({
        pitch: n.pitch,
        startBeat: secondsToBeats(grid, n.seconds),
        endBeat: secondsToBeats(grid, n.seconds + n.durSeconds),
        velocity: n.velocity,
      })),
      grid.bars.map((b) => ({ ...b })),
      grid.chords,
    );
    ({ timed, bars, chords } = withPickup);
    if (withPickup.pickupBars)
      warnings.push(
        `${withPickup.pickupNotes} note(s) before the grid's first beat kept in ${withPickup.pickupBars} pickup bar(s) before bar 1 (no chord)`,
      );
  } else {
    // Score timing: beats = ticks / PPQ (exact, whatever the tempo map).
    let meters: Meter[] = midi.meters;
    const chartMeter = chart?.meta.meter ? meterBeats(chart.meta.meter) : null;
    if (meters.length === 0 && chart?.meta.meter && chartMeter) {
      const [num, den] = chart.meta.meter.split('/').map((x) => Number(x.trim()));
      meters = [{ ticks: 0, num, den }];
    }
    if (meters.length === 0) warnings.push('no time signature: assuming 4/4');
    bars = barsFromMeters(meters, midi.ppq, midi.endTicks);
    meter = meterText(meters.length ? meters : [{ ticks: 0, num: 4, den: 4 }]);
    timed = solo.notes.map((n) => ({
      pitch: n.pitch,
      startBeat: n.ticks / midi.ppq,
      endBeat: (n.ticks + n.durTicks) / midi.ppq,
      velocity: n.velocity,
    }));
  }

  const line = quantizeLine(timed);
  const notes = line.notes;
  if (notes.length === 0) throw new ImportError(`no notes in the solo track ${trackLabel(solo)}`);
  const last = notes[notes.length - 1];
  extendBars(bars, last.start + last.dur - 1);
  checkLimit('too many bars', bars.length, IMPORT_LIMITS.bars);
  // A CSV writes a chord where it changes: the last one lasts until the music ends.
  if (chordSource === 'beats-csv' && chords.length) chords[chords.length - 1].end = Math.max(chords[chords.length - 1].end, barsEnd(bars));

  if (chordSource === 'none' && chart && chart.bars.length > 0) {
    for (const e of chart.errors) warnings.push(`chart bar ${e.bar}: unknown chord "${e.symbol}" (${e.reason}), heard as N.C.`);
    chords = chartToSpans(chart, bars);
    chordSource = 'chart';
  } else if (chart && chordSource !== 'none') warnings.push('chord chart ignored: the beat grid CSV already gives the chords');
  if (chordSource === 'none') {
    const chordTrack = findChordTrack(midi.tracks, solo);
    if (chordTrack) {
      const toGrid = (t: number) => Math.round((t / midi.ppq) * TICKS_PER_BEAT);
      // compound meters (6/8, 12/8) pulse in dotted quarters: 6/8 gets two chords per bar at most
      const sorted = [...midi.meters].sort((a, b) => a.ticks - b.ticks);
      const pulsesOf = (bar: Bar) => {
        let m = { num: 4, den: 4 };
        for (const x of sorted) if (toGrid(x.ticks) <= bar.start) m = x;
        return m.den === 8 && m.num % 3 === 0 ? m.num / 3 : Math.round(bar.beats);
      };
      chords = chordsFromNotes(
        chordTrack.notes.map((n) => ({ pitch: n.pitch, start: toGrid(n.ticks), end: toGrid(n.ticks + n.durTicks) })),
        bars,
        pulsesOf,
      );
      chordSource = 'midi-track';
      warnings.push(`chords detected from track ${trackLabel(chordTrack)}`);
    } else warnings.push('no chords: no chord chart, beat grid CSV or chord track; heard as N.C.');
  }
  const real = chordCoverage(notes, chords);
  // A "none" source has only the placeholder N.C. we made ourselves: that is not an annotation.
  const marked = chordSource === 'none' ? 0 : chordCoverage(notes, chords, (c) => c.symbol === 'N.C.');
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const tune: Tune = { id, source: path, title: chart?.meta.title ?? id, notes, chords, bars, tempo, chordSource };
  const report: FileReport = {
    path,
    status: 'ok',
    notes: notes.length,
    bars: bars.length,
    chordCoverage: round(Math.min(1, real + marked)),
    realChordCoverage: round(real),
    chordSource,
    ...(marked > 0 ? { markedNoChord: round(marked) } : {}),
    meter,
    tempo: Math.round(tempo * 10) / 10,
    track: trackLabel(solo),
    trackIndex: solo.index,
    trackChosenBy: choice.chosenBy,
    ...(choice.candidates.length > 1 ? { candidates: choice.candidates } : {}),
    sourceNotes: solo.notes.length,
    droppedNotes: solo.notes.length - notes.length,
  };
  const chosen = choice.candidates.find((c) => c.index === solo.index)!;
  const flags = fileFlags(chosen, choice.candidates, solo.notes.length, notes.length);
  if (flags.length) report.flags = flags;
  if (line.dropped > 0)
    warnings.push(`${line.dropped} note(s) dropped to make one line (same grid position after quantization, or an inner voice)`);
  if (warnings.length) report.warnings = warnings;
  return { report, tune };
}
