// The musician's choices about corpus files (issue 19): leave a flagged file out of training without
// deleting it (and take it back), and take another part of a band file as its solo; the report
// carries the importer's flags and candidates, training skips what is left out, bad picks are
// refused with the reason, and the channel payloads are checked.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequest } from '../../../api/contract';
import {
  addPickedPaths,
  clearCorpus,
  readManifest,
  removeCorpusFile,
  saveUploads,
  setLeftOut,
  setSoloTrack,
  uploadsDir,
} from '../../../backend/training/corpus-store';
import { corpusReport, loadWorkingTunes } from '../../../backend/training/corpus-report';
import { writeFileAtomic } from '../../../models/write-atomic';
import { bandFile, filmThemeFile } from '../../models/music/band-fixture';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('corpus-choices');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const band = bandFile();
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const file = (name: string) => path.join(uploadsDir(env), name);
const row = async (name: string) => (await corpusReport(env)).files.find((f) => f.name === name)!;

beforeAll(() => {
  clearCorpus(env);
  saveUploads(
    [
      { name: 'band.mid', data: b64(band.bytes) },
      { name: 'theme.mid', data: b64(filmThemeFile()) },
    ],
    env,
  );
});

describe('corpus choices', () => {
  it('reports flags, candidates and the part taken, as the importer gives them', async () => {
    const theme = await row('theme.mid');
    expect(theme.flags?.map((f) => f.kind)).toContain('not-a-solo');
    const b = await row('band.mid');
    expect(b).toMatchObject({ trackIndex: 0, trackChosenBy: 'notes', sourceNotes: band.leadNotes });
    expect(b.candidates?.map((c) => c.name)).toEqual(expect.arrayContaining(['Track 2', 'French Horn', 'Drums']));
    expect(b.droppedNotes).toBe(band.leadNotes - b.notes);
  });

  it('leaves a file out of training without deleting it, and takes it back', async () => {
    const before = await corpusReport(env);
    setLeftOut(file('theme.mid'), true, env);
    expect(existsSync(file('theme.mid'))).toBe(true);
    const out = await corpusReport(env);
    expect((await row('theme.mid')).leftOut).toBe(true);
    expect(out.totals).toMatchObject({ files: before.totals.files - 1, leftOut: 1 });
    expect(out.totals.notes).toBe(before.totals.notes - (await row('theme.mid')).notes);
    const training = await loadWorkingTunes(env);
    expect(training.solos.map((t) => path.basename(t.source))).toEqual(['band.mid']);
    expect(training.tunes).toHaveLength(1);

    setLeftOut(file('band.mid'), true, env);
    await expect(loadWorkingTunes(env)).rejects.toThrow(/every file of the corpus is left out of training \(2\): take some back/);
    setLeftOut(file('band.mid'), false, env);
    setLeftOut(file('theme.mid'), false, env);
    expect(readManifest(env).excluded).toEqual([]);
    expect((await loadWorkingTunes(env)).tunes).toHaveLength(2);
    expect(() => setLeftOut('/etc/passwd', true, env)).toThrow(/passwd is not part of the working corpus/);
  });

  it('takes another part of a band file as its solo, and back to the importer’s choice', async () => {
    setSoloTrack(file('band.mid'), 1, env);
    expect(readManifest(env).tracks).toEqual({ [file('band.mid')]: 1 });
    const horn = await row('band.mid');
    expect(horn).toMatchObject({ trackIndex: 1, trackChosenBy: 'user', sourceNotes: band.hornNotes, notes: band.hornNotes });
    expect(horn.track).toMatch(/French Horn/);
    expect(horn.flags?.map((f) => f.kind)).toEqual(['part-of-tune']);
    const solo = (await loadWorkingTunes(env)).solos.find((t) => t.source === file('band.mid'))!;
    expect(solo.notes).toHaveLength(band.hornNotes);

    setSoloTrack(file('band.mid'), null, env);
    expect(readManifest(env).tracks).toEqual({});
    expect(await row('band.mid')).toMatchObject({ trackIndex: 0, trackChosenBy: 'notes' });
  });

  it('refuses a pick that cannot be the solo, by name, and changes nothing', async () => {
    expect(() => setSoloTrack(file('band.mid'), 4, env)).toThrow(
      'cannot take track 4 of band.mid as its solo part: track 4 "Drums" is drums (channel 10)',
    );
    expect(() => setSoloTrack(file('band.mid'), 9, env)).toThrow(
      /cannot take track 9 of band\.mid as its solo part: no track "9" \(tracks: 0:Track 2, 1:French Horn, 2:Piano, 3:Bass, 4:Drums\)/,
    );
    expect(() => setSoloTrack(path.join(dir, 'elsewhere.mid'), 0, env)).toThrow(/elsewhere\.mid is not part of the working corpus/);
    saveUploads([{ name: 'band.chords.txt', data: b64(new TextEncoder().encode('| C7 |\n')) }], env);
    expect(() => setSoloTrack(file('band.chords.txt'), 0, env)).toThrow(/band\.chords\.txt is not a MIDI file/);
    expect(readManifest(env).tracks).toEqual({});
  });

  it('forgets the pick and the leave-out of a file that is removed', () => {
    const picked = path.join(dir, 'picked', 'band2.mid');
    mkdirSync(path.dirname(picked), { recursive: true });
    writeFileSync(picked, band.bytes);
    addPickedPaths([picked], env);
    setSoloTrack(picked, 1, env);
    setSoloTrack(file('band.mid'), 1, env);
    setLeftOut(file('band.mid'), true, env);
    removeCorpusFile(picked, env);
    removeCorpusFile(file('band.mid'), env);
    expect(existsSync(file('band.mid'))).toBe(false);
    expect(readManifest(env)).toMatchObject({ tracks: {}, excluded: [] });
  });

  it('reads a manifest whose picks were damaged by hand: bad entries are dropped', () => {
    const m = readManifest(env);
    const manifest = path.join(path.dirname(uploadsDir(env)), 'working.json');
    writeFileAtomic(manifest, JSON.stringify({ ...m, tracks: { a: 1, b: -1, c: 'x', d: 1.5 } }));
    expect(readManifest(env).tracks).toEqual({ a: 1 });
  });

  it('checks the payloads of corpus:leave-out and corpus:track', () => {
    const check = (channel: string, payload: unknown) => checkRequest(channel, payload, false);
    expect(check('corpus:leave-out', { path: '/x/a.mid', leftOut: true })).toBeNull();
    expect(check('corpus:leave-out', { path: '/x/a.mid' })).toMatch(/leftOut must be true or false/);
    expect(check('corpus:track', { path: '/x/a.mid', track: 3 })).toBeNull();
    expect(check('corpus:track', { path: '/x/a.mid', track: null })).toBeNull();
    for (const bad of [-1, 1.5, '2', 70000])
      expect(check('corpus:track', { path: '/x/a.mid', track: bad })).toMatch(
        /track must be a track index \(a whole number from 0 to 65535\) or null for the part the importer chooses, got /,
      );
    expect(check('corpus:track', { path: '', track: 1 })).toMatch(/path must have at least 1 characters/);
  });
});
