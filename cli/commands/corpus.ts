// `licklab corpus <files or folders...>`: import MIDI (+ chord charts / beat grids) and report
// per file what was found: notes, bars, meter, tempo, chords and their source, or why it was skipped.
import path from 'node:path';
import { parseFlags } from '../args';
import { CliError } from '../cli-error';
import { corpusTotals, importCorpus, type FileReport } from '../../models/music/corpus';
import { DEFAULT_CORPUS_DIR } from '../../models/music/default-corpus';

export const usage = `usage: licklab corpus [files or folders...] [options]

  With no paths, reports on the bundled default corpus.
  Folders are searched recursively for *.mid / *.midi / *.kar. Chords come from, in order:
  <name>.chords.txt (chord chart), <name>.csv or ../beats/<name>.csv (beat grid with chords),
  a chord track inside the MIDI, or none (N.C.).

  --json           print one JSON object {"files":[...],"totals":{"ok","skipped","notes"}}
  --track N|NAME   use this track as the solo (index as listed, or part of its name)
  --warnings       list each file's warnings in the table
  --cache-dir DIR  where parsed files are cached (default ~/.cache/licklab/corpus)
  --no-cache       neither read nor write the cache`;

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function table(files: FileReport[], showWarnings: boolean): string {
  const cwd = process.cwd();
  const rows = files.map((f) => {
    const rel = path.relative(cwd, f.path) || f.path;
    if (f.status === 'skipped') return [`skip`, '', '', '', '', '', '', `${f.path}: ${f.reason}`]; // an error names the whole path
    const warn = f.warnings?.length ? ` (${f.warnings.length} warning${f.warnings.length > 1 ? 's' : ''})` : '';
    return [
      'ok',
      String(f.notes),
      String(f.bars),
      f.meter ?? '',
      f.tempo !== undefined ? String(Math.round(f.tempo)) : '',
      `${f.chordSource} ${pct(f.chordCoverage)}${f.markedNoChord ? ` (N.C. ${pct(f.markedNoChord)})` : ''}`,
      f.track ?? '',
      rel + warn,
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
    if (showWarnings) for (const w of f.warnings ?? []) lines.push(`        - ${w}`);
  });
  const t = corpusTotals(files);
  lines.push('', `${t.ok} ok, ${t.skipped} skipped, ${t.notes} notes`);
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    json: { type: 'boolean' },
    track: { type: 'string' },
    warnings: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (values.track !== undefined && values.track.trim() === '') throw new CliError('--track needs a track index or name', 2);
  const track = values.track !== undefined && /^\d+$/.test(values.track) ? Number(values.track) : values.track;
  const paths = (positionals.length ? positionals : [DEFAULT_CORPUS_DIR]).map((p) => path.resolve(p));
  const corpus = await importCorpus(paths, { track, cacheDir: values['cache-dir'], cache: !values['no-cache'] });
  if (corpus.files.length === 0) throw new CliError(`no MIDI files (*.mid, *.midi, *.kar) found in ${paths.join(', ')}`);
  const totals = corpusTotals(corpus.files);
  if (values.json) {
    const files = corpus.files.map(({ cached: _cached, ...f }) => f);
    process.stdout.write(JSON.stringify({ files, totals }) + '\n');
  } else process.stdout.write(table(corpus.files, !!values.warnings) + '\n');
  return totals.ok > 0 ? 0 : 1;
}
