// Import the working corpus (trainer process) and describe it row by row for the dashboard, and
// load it encoded for training. Results are cached by content under the data folder. Files the
// musician left out are reported (marked, counted apart) but never reach training; a file whose
// solo part the musician picked is imported with that part.
import path from 'node:path';
import { importCorpus, type Corpus } from '../../models/music/corpus';
import { encodeTune } from '../../models/music/encode';
import type { EncodedTune } from '../../models/music/vocabulary';
import { userDataDir } from '../user-data';
import type { CorpusFileRow, CorpusReport } from '../../api/channels/training';
import { readManifest, type CorpusEntry } from './corpus-store';

type Env = Record<string, string | undefined>;

function cacheDir(env: Env): string {
  return path.join(userDataDir(env), 'cache', 'corpus');
}

function originOf(file: string, entries: CorpusEntry[]): CorpusFileRow['origin'] {
  const entry = entries.find((e) => file === e.path || file.startsWith(e.path + path.sep));
  return entry?.kind === 'default' ? 'default' : entry?.kind === 'uploads' ? 'upload' : 'picked';
}

/** The working corpus imported: every file reported (left-out ones marked); `corpus` holds only
 *  the files training takes. */
export async function importWorkingCorpus(env: Env = process.env): Promise<{ corpus: Corpus; report: CorpusReport }> {
  const m = readManifest(env);
  const excluded = new Set(m.excluded);
  const raw = m.entries.length
    ? await importCorpus(
        m.entries.map((e) => e.path),
        { cacheDir: cacheDir(env), tracks: m.tracks },
      )
    : { files: [], tunes: [] };
  const corpus: Corpus = { files: raw.files.filter((f) => !excluded.has(f.path)), tunes: raw.tunes.filter((t) => !excluded.has(t.source)) };
  const rows: CorpusFileRow[] = raw.files.map((f) => ({
    path: f.path,
    name: path.basename(f.path),
    origin: originOf(f.path, m.entries),
    status: f.status,
    ...(f.reason ? { reason: f.reason } : {}),
    notes: f.notes,
    bars: f.bars,
    ...(f.track ? { track: f.track } : {}),
    chordSource: f.chordSource,
    chordCoverage: f.chordCoverage,
    ...(f.meter ? { meter: f.meter } : {}),
    ...(f.tempo ? { tempo: f.tempo } : {}),
    ...(f.warnings?.length ? { warnings: f.warnings } : {}),
    ...(f.trackIndex !== undefined ? { trackIndex: f.trackIndex } : {}),
    ...(f.trackChosenBy ? { trackChosenBy: f.trackChosenBy } : {}),
    ...(f.candidates ? { candidates: f.candidates } : {}),
    ...(f.sourceNotes !== undefined ? { sourceNotes: f.sourceNotes } : {}),
    ...(f.droppedNotes !== undefined ? { droppedNotes: f.droppedNotes } : {}),
    ...(f.flags?.length ? { flags: f.flags } : {}),
    ...(excluded.has(f.path) ? { leftOut: true } : {}),
  }));
  const files = rows.filter((f) => !f.leftOut);
  const ok = files.filter((f) => f.status === 'ok');
  return {
    corpus,
    report: {
      files: rows,
      totals: {
        files: files.length,
        ok: ok.length,
        skipped: files.length - ok.length,
        notes: ok.reduce((s, f) => s + f.notes, 0),
        bars: ok.reduce((s, f) => s + f.bars, 0),
        leftOut: rows.length - files.length,
      },
      usesDefault: m.entries.some((e) => e.kind === 'default'),
    },
  };
}

export async function corpusReport(env: Env = process.env): Promise<CorpusReport> {
  return (await importWorkingCorpus(env)).report;
}

/** Encoded tunes of the working corpus, with a clear error when nothing is left to train on. */
export async function loadWorkingTunes(
  env: Env = process.env,
): Promise<{ tunes: EncodedTune[]; solos: Corpus['tunes']; report: CorpusReport; dirs: string[] }> {
  const { corpus, report } = await importWorkingCorpus(env);
  if (report.totals.files === 0)
    throw new Error(
      report.totals.leftOut
        ? `every file of the corpus is left out of training (${report.totals.leftOut}): take some back in the corpus table, or add files`
        : 'the corpus is empty: add MIDI files or folders, or use the default corpus',
    );
  if (corpus.tunes.length === 0) {
    throw new Error(
      `none of the ${report.totals.files} corpus files could be read (${report.files.find((f) => !f.leftOut)?.reason ?? 'skipped'}${report.totals.files > 1 ? ', …' : ''}); see the reasons in the corpus table`,
    );
  }
  const tunes = corpus.tunes.map((t) => {
    const { id, source, events } = encodeTune(t);
    return { id, source, events };
  });
  return { tunes, solos: corpus.tunes, report, dirs: readManifest(env).entries.map((e) => e.path) };
}
