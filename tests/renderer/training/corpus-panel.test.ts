// @vitest-environment jsdom
// The corpus panel explains what went wrong with a file (issue 19): its row names its flags and
// warnings instead of a bare "ok ⚠", its details give each flag's sentence and each warning's
// meaning, a band file lists its parts to pick another (sent as corpus:track), and a flagged file
// can be left out of training and taken back (corpus:leave-out). Rows come from the real importer.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusFileRow, CorpusReport } from '../../../api/channels/training';
import { importMidiBytes } from '../../../models/music/import-file';
import CorpusPanel from '../../../renderer/training/CorpusPanel.svelte';
import { CorpusState } from '../../../renderer/training/corpus-state.svelte';
import { candidateText, statusText } from '../../../renderer/training/corpus-rows';
import { bandFile } from '../../models/music/band-fixture';
import { trainingApi } from './fake-training-api';

const band = bandFile();
const BAND = '/corpus/uploads/band.mid';

/** The band file as the trainer reports it, imported with `track` as its solo part. */
function bandRow(track?: number, leftOut = false): CorpusFileRow {
  const { path, status, notes, bars, chordSource, chordCoverage, ...rest } = importMidiBytes(BAND, 'band', band.bytes, {}, track).report;
  const { realChordCoverage: _r, cached: _c, ...fields } = rest;
  return {
    path,
    name: 'band.mid',
    origin: 'upload',
    status,
    notes,
    bars,
    chordSource,
    chordCoverage,
    ...fields,
    ...(leftOut ? { leftOut } : {}),
  };
}
function report(row: CorpusFileRow): CorpusReport {
  const counted = row.leftOut ? 0 : 1;
  return {
    files: [row],
    totals: { files: counted, ok: counted, skipped: 0, notes: counted * row.notes, bars: counted * row.bars, leftOut: 1 - counted },
    usesDefault: false,
  };
}

afterEach(cleanup);

describe('corpus rows in words', () => {
  it('names flags and warnings in the status and lists a part with its figures', () => {
    const horn = bandRow(1);
    expect(statusText(horn)).toBe('ok · part plays little · 1 warning');
    expect(statusText({ ...horn, leftOut: true })).toBe('left out · part plays little · 1 warning');
    const lead = horn.candidates!.find((c) => c.index === 0)!;
    expect(candidateText(lead)).toMatch(new RegExp(`^0 · Track 2: ${band.leadNotes} notes, plays in 9\\d% of the tune, \\d+% in chords$`));
    expect(candidateText(horn.candidates!.find((c) => c.drums)!)).toBe('4 · Drums: drums, 512 notes (cannot be the solo)');
  });
});

describe('CorpusPanel', () => {
  function setup(first: CorpusReport) {
    let current = first;
    const fake = trainingApi({
      'corpus:report': () => current,
      'corpus:track': ({ track }) => (current = report(bandRow(track ?? undefined))),
      'corpus:leave-out': ({ leftOut }) => (current = report({ ...current.files[0], ...(leftOut ? { leftOut } : { leftOut: undefined }) })),
    });
    const corpus = new CorpusState(fake.api);
    render(CorpusPanel, { corpus, desktop: false });
    void corpus.load();
    return fake;
  }

  it('explains flags and warnings, re-imports with another part, leaves the file out and takes it back', async () => {
    const fake = setup(report(bandRow()));
    const status = await screen.findByTestId('corpus-status');
    expect(status.textContent).toContain('ok · 2 warnings');
    expect(status.textContent).not.toContain('⚠');
    await fireEvent.click(screen.getByTestId('corpus-more'));
    const details = screen.getByTestId('corpus-details');
    expect(within(details).getByTestId('corpus-warnings').textContent).toContain(
      'No chord chart came with this file, so the chords were guessed from the notes of another track.',
    );
    expect(details.textContent).toContain('Solo part: track 0 "Track 2" (ch 1), chosen by what its notes do');
    const pick = within(details).getByTestId('track-pick') as HTMLSelectElement;
    expect([...pick.options].map((o) => o.value)).toEqual(['auto', '0', '3', '1', '2']); // drums are not offered

    await fireEvent.change(pick, { target: { value: '1' } });
    await waitFor(() => expect(fake.sent('corpus:track')).toEqual([{ path: BAND, track: 1 }]));
    await waitFor(() => expect(screen.getByTestId('corpus-status').textContent).toContain('ok · part plays little · 1 warning'));
    const flags = screen.getByTestId('corpus-flags');
    expect(flags.textContent).toMatch(/part plays little\s+The part taken as the solo plays in only \d+% of the tune/);
    expect(screen.getByTestId('corpus-table').textContent).toContain('"French Horn" (ch 2) (picked)');
    expect((screen.getByTestId('track-pick') as HTMLSelectElement).value).toBe('1');

    await fireEvent.click(screen.getByTestId('leave-out'));
    await waitFor(() => expect(fake.sent('corpus:leave-out')).toEqual([{ path: BAND, leftOut: true }]));
    await waitFor(() => expect(screen.getByTestId('corpus-totals').textContent).toContain('1 left out of training'));
    expect(screen.getByTestId('corpus-status').textContent).toContain('left out');
    await fireEvent.click(screen.getByTestId('take-back'));
    await waitFor(() =>
      expect(fake.sent('corpus:leave-out')).toEqual([
        { path: BAND, leftOut: true },
        { path: BAND, leftOut: false },
      ]),
    );

    await fireEvent.change(screen.getByTestId('track-pick'), { target: { value: 'auto' } });
    await waitFor(() =>
      expect(fake.sent('corpus:track')).toEqual([
        { path: BAND, track: 1 },
        { path: BAND, track: null },
      ]),
    );
  });

  it('shows the backend refusal of a pick', async () => {
    const fake = setup(report(bandRow()));
    fake.api.request = (() =>
      Promise.reject(new Error('cannot take track 4 of band.mid as its solo part: track 4 "Drums" is drums (channel 10)'))) as never;
    await fireEvent.click(await screen.findByTestId('corpus-more'));
    await fireEvent.change(screen.getByTestId('track-pick'), { target: { value: '2' } });
    await waitFor(() => expect(screen.getByTestId('corpus-error').textContent).toContain('track 4 "Drums" is drums'));
  });
});
