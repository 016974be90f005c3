// `licklab corpus <files or folders...>`: import MIDI (+ chord charts / beat grids) and report
// per file what was found: notes, bars, meter, tempo, chords and their source, or why it was skipped.
// Under each file: its flags (reasons to leave it out of training), each warning with what it means,
// and in a file of several parts the part taken as the solo and the other candidates, so a musician
// can take another with --track. The JSON carries the importer's FileReport fields unchanged.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseFlags } from '../args';
import { CliError } from '../cli-error';
import { corpusTotals, importCorpus, type FileReport } from '../../models/music/corpus';
import { explainWarning, FLAG_LABELS } from '../../models/music/import-flags';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';

export const usage = `usage: licklab corpus [files or folders...] [options]

  With no paths, reports on the bundled default corpus.
  Folders are searched recursively for *.mid / *.midi / *.kar. Chords come from, in order:
  <name>.chords.txt (chord chart), <name>.csv or ../beats/<name>.csv (beat grid with chords),
  a chord track inside the MIDI, or none (N.C.).

  Under each file: its flags (reasons to leave it out of training), each warning and what it
  means, and, when the file has several parts, the part taken as the solo and the candidates.

  --json           print one JSON object {"files":[...],"totals":{"ok","skipped","notes"}}
                   (per file: trackIndex, trackChosenBy, candidates, sourceNotes, droppedNotes, flags)
  --track N|NAME   take this part of ONE file as the solo (index as listed, or part of its name)
  --brief          the table only, without the flags, warnings and candidates under each file
  --cache-dir DIR  where parsed files are cached (default ~/.cache/licklab/corpus)
  --no-cache       neither read nor write the cache`;

/** --track names a part of one file: the parts of different files have nothing in common. */
function oneFile(paths: string[]): void {
  const folder = paths.find((p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
  if (paths.length !== 1 || folder)
    throw new CliError(
      `--track picks the solo part of one MIDI file; ${folder ? `${folder} is a folder` : `${paths.length} paths were given`}: name the one file`,
      2,
    );
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function table(files: FileReport[], details: boolean): string {
  const cwd = process.cwd();
  const rows = files.map((f) => {
    const rel = path.relative(cwd, f.path) || f.path;
    if (f.status === 'skipped') return [`skip`, '', '', '', '', '', '', `${f.path}: ${f.reason}`]; // an error names the whole path
    const flags = f.flags?.length ? ` [${f.flags.map((x) => FLAG_LABELS[x.kind]).join(', ')}]` : '';
    const warn = f.warnings?.length ? ` (${f.warnings.length} warning${f.warnings.length > 1 ? 's' : ''})` : '';
    return [
      'ok',
      String(f.notes),
      String(f.bars),
      f.meter ?? '',
      f.tempo !== undefined ? String(Math.round(f.tempo)) : '',
      `${f.chordSource} ${pct(f.chordCoverage)}${f.markedNoChord ? ` (N.C. ${pct(f.markedNoChord)})` : ''}`,
      f.track ?? '',
      rel + flags + warn,
    ];
  });
  const head = ['status', 'notes', 'bars', 'meter', 'bpm', 'chords', 'track', 'file'];
  const widths = head.map((h, i) => Math.min(i === 6 ? 28 : 40, Math.max(h.length, ...rows.map((r) => (i === 7 ? 0 : r[i].length)))));
  const fmt = (r: string[]) =>
    r
      .map((c, i) =>
        i === 7 ? c : (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])).slice(0, Math.max(widths[i], c.length)),
      )
      .join('  ');
  const lines = [fmt(head)];
  files.forEach((f, i) => {
    lines.push(fmt(rows[i]));
    if (details && f.status === 'ok') lines.push(...fileDetails(f));
  });
  const t = corpusTotals(files);
  lines.push('', `${t.ok} ok, ${t.skipped} skipped, ${t.notes} notes`);
  return lines.join('\n');
}

const INDENT = '        ';

/** The lines under one file: flags, warnings with their explanation, the part and its candidates. */
export function fileDetails(f: FileReport): string[] {
  const out: string[] = [];
  for (const flag of f.flags ?? []) out.push(`${INDENT}flag, ${FLAG_LABELS[flag.kind]}: ${flag.text}`);
  for (const w of f.warnings ?? []) out.push(`${INDENT}warning: ${w}`, `${INDENT}  what it means: ${explainWarning(w)}`);
  if (f.candidates && f.candidates.length > 1) {
    const how = f.trackChosenBy === 'user' ? 'as picked with --track' : 'chosen by what its notes do';
    out.push(`${INDENT}solo part: track ${f.track}, ${how}. The parts with notes (--track N takes another):`);
    const head = ['track', 'name', 'notes', 'coverage', 'polyphony'];
    const rows = f.candidates.map((c) => [
      String(c.index),
      (c.name || '(unnamed)') + (c.drums ? ' (drums)' : ''),
      String(c.notes),
      pct(c.coverage),
      pct(c.polyphony),
    ]);
    const w = head.map((h, i) => Math.min(28, Math.max(h.length, ...rows.map((r) => r[i].length))));
    const fmt = (r: string[]) => r.map((c, i) => (i === 1 ? c.slice(0, w[i]).padEnd(w[i]) : c.padStart(w[i]))).join('  ');
    out.push(`${INDENT}  ${fmt(head)}`);
    f.candidates.forEach((c, i) => out.push(`${INDENT}  ${fmt(rows[i])}${c.index === f.trackIndex ? '  <- solo' : ''}`));
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    json: { type: 'boolean' },
    track: { type: 'string' },
    brief: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (values.track !== undefined && values.track.trim() === '') throw new CliError('--track needs a track index or name', 2);
  const track = values.track !== undefined && /^\d+$/.test(values.track) ? Number(values.track) : values.track;
  const paths = (positionals.length ? positionals : [DEFAULT_CORPUS_DIR]).map((p) => path.resolve(p));
  if (track !== undefined) oneFile(paths);
  const corpus = await importCorpus(paths, { track, cacheDir: values['cache-dir'], cache: !values['no-cache'], reportsOnly: true });
  if (corpus.files.length === 0) throw new CliError(`no MIDI files (*.mid, *.midi, *.kar) found in ${paths.join(', ')}`);
  const totals = corpusTotals(corpus.files);
  if (values.json) {
    const files = corpus.files.map(({ cached: _cached, ...f }) => f);
    process.stdout.write(JSON.stringify({ files, totals }) + '\n');
  } else process.stdout.write(table(corpus.files, !values.brief) + '\n');
  return totals.ok > 0 ? 0 : 1;
}
