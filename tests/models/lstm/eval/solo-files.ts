// Small corpora for eval tests, written with the project's own code: a solo line as a MIDI file
// (exportMidi, solo track only) and its changes as a chord chart sidecar (<name>.chords.txt, one
// chorus per chart line read back by the importer).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportMidi } from '../../../../models/music/midi-export';
import { lastStartingBy, type Tune } from '../../../../models/music/types';
import { makeEtude } from '../helpers/fixture-corpus';

/** The chart of a tune's own changes: one |bar| per bar, the chords that start in it (the bar's
 *  sounding chord again when none starts there). */
export function chartOfTune(tune: Pick<Tune, 'chords' | 'bars'>): string {
  const cells = tune.bars.map((bar, i) => {
    const end = i + 1 < tune.bars.length ? tune.bars[i + 1].start : bar.start + bar.beats * 12;
    const starting = tune.chords.filter((c) => c.start >= bar.start && c.start < end).map((c) => c.symbol);
    if (starting.length) return starting.join(' ');
    const sounding = lastStartingBy(tune.chords, bar.start);
    return sounding >= 0 ? tune.chords[sounding].symbol : 'N.C.';
  });
  return `| ${cells.join(' | ')} |\n`;
}

/** Write `<name>.mid` (and `<name>.chords.txt` unless `chords` is false) into dir. */
export function writeSolo(dir: string, name: string, tune: Tune, opts: { chords?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true });
  const midi = exportMidi({
    solo: tune.notes,
    chords: tune.chords,
    bars: tune.bars,
    tempo: tune.tempo,
    band: { comp: false, bass: false },
  });
  writeFileSync(path.join(dir, `${name}.mid`), midi);
  if (opts.chords !== false) writeFileSync(path.join(dir, `${name}.chords.txt`), chartOfTune(tune));
}

/** A folder of `count` etudes of the test fixture (different forms and keys), with their charts. */
export function writeEtudes(dir: string, count: number, first = 0, opts: { chords?: boolean } = {}): Tune[] {
  const tunes = Array.from({ length: count }, (_, i) => makeEtude(first + i));
  tunes.forEach((t) => writeSolo(dir, t.id, t, opts));
  return tunes;
}
