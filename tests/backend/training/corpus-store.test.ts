// The working corpus on disk: the default corpus until changed, uploads (checked before anything
// is written), picked paths, removing files, clearing; and the per-file report of the trainer.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_FILE_BYTES } from '../../../api/channels/training';
import {
  addPickedPaths,
  clearCorpus,
  MAX_UPLOAD_NAME_PART,
  readManifest,
  removeCorpusFile,
  safeUploadName,
  saveUploads,
  uploadsDir,
  useDefaultCorpus,
} from '../../../backend/training/corpus-store';
import { corpusReport, loadWorkingTunes } from '../../../backend/training/corpus-report';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('corpus');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const etude = (name: string) => readFileSync(path.join(DEFAULT_CORPUS_DIR, name)).toString('base64');

describe('working corpus', () => {
  it('is the bundled default corpus until the user changes it', async () => {
    expect(readManifest(env).entries).toEqual([{ kind: 'default', path: DEFAULT_CORPUS_DIR }]);
    const report = await corpusReport(env);
    expect(report.usesDefault).toBe(true);
    expect(report.totals.ok).toBe(report.totals.files);
    expect(report.files[0]).toMatchObject({ origin: 'default', status: 'ok', chordSource: 'chart' });
  });

  it('makes upload names safe and refuses what is not MIDI or a sidecar', () => {
    expect(safeUploadName('solos/bird/../x.mid')).toBe('solos/bird/x.mid');
    expect(safeUploadName('C:\\Users\\me\\a b.MID')).toBe('C_/Users/me/a b.MID');
    expect(safeUploadName('/etc/.hidden.chords.txt')).toBe('etc/_hidden.chords.txt');
    expect(() => safeUploadName('notes.pdf')).toThrow(
      /"notes\.pdf" is not a file a corpus takes: it takes MIDI files \(\.mid.*\) or chord sidecars/,
    );
    expect(() => safeUploadName('../..')).toThrow(/not a usable file name/);
  });

  it('saves uploads with their sidecars and imports them; a bad file in a batch writes nothing', async () => {
    clearCorpus(env);
    expect((await corpusReport(env)).files).toEqual([]);
    await expect(loadWorkingTunes(env)).rejects.toThrow(/the corpus is empty: add MIDI files/);
    const big = Buffer.alloc(MAX_UPLOAD_FILE_BYTES + 1).toString('base64');
    expect(() =>
      saveUploads(
        [
          { name: 'mine/ok.mid', data: etude('blues-01-B-74.mid') },
          { name: 'mine/huge.mid', data: big },
        ],
        env,
      ),
    ).toThrow(/"mine\/huge\.mid" is \d+ KB; the browser upload takes files up to 640 KB/);
    expect(() => saveUploads([{ name: 'x.mid', data: 'not base64!' }], env)).toThrow(/did not arrive as base64/);
    expect(existsSync(uploadsDir(env))).toBe(false);
    saveUploads(
      [
        { name: 'mine/blues-01-B-74.mid', data: etude('blues-01-B-74.mid') },
        { name: 'mine/blues-01-B-74.chords.txt', data: etude('blues-01-B-74.chords.txt') },
        { name: 'mine/blues-02-Gb-164.mid', data: etude('blues-02-Gb-164.mid') },
        { name: 'mine/junk.mid', data: Buffer.from('junk').toString('base64') },
      ],
      env,
    );
    const report = await corpusReport(env);
    expect(report.usesDefault).toBe(false);
    expect(report.totals).toMatchObject({ files: 3, ok: 2, skipped: 1 });
    const byName = Object.fromEntries(report.files.map((f) => [f.name, f]));
    expect(byName['blues-01-B-74.mid']).toMatchObject({ origin: 'upload', chordSource: 'chart', chordCoverage: 1 });
    expect(byName['blues-02-Gb-164.mid'].chordSource).toBe('none'); // its chart was not uploaded
    expect(byName['junk.mid'].reason).toMatch(/not a MIDI file/);
    expect(readdirSync(path.join(uploadsDir(env), 'mine')).some((n) => n.endsWith('.part'))).toBe(false);
  });

  it('refuses over-long names before writing, and a batch that fails part-way adds nothing', () => {
    const before = readdirSync(path.join(uploadsDir(env), 'mine')).sort();
    const data = etude('blues-01-B-74.mid');
    expect(() =>
      saveUploads(
        [
          { name: 'ok-long.mid', data },
          { name: `${'a'.repeat(MAX_UPLOAD_NAME_PART)}.mid`, data },
        ],
        env,
      ),
    ).toThrow(/is a name of 204 characters; rename it to at most 200/);
    // "clash.mid" as a file and as a folder: the second write fails after the first was saved.
    expect(() =>
      saveUploads(
        [
          { name: 'mine/fresh.mid', data },
          { name: 'mine/clash.mid', data },
          { name: 'mine/clash.mid/inner.mid', data },
        ],
        env,
      ),
    ).toThrow(
      /could not save the upload "mine\/clash\.mid\/inner\.mid": a file and a folder of the upload share a name; nothing from this batch was added/,
    );
    expect(readdirSync(path.join(uploadsDir(env), 'mine')).sort()).toEqual(before);
    expect(existsSync(path.join(uploadsDir(env), 'ok-long.mid'))).toBe(false);
    expect(() => removeCorpusFile(path.join(uploadsDir(env), 'mine'), env)).toThrow(/mine is a folder: remove the files in it one by one/);
  });

  it('removes an uploaded file (and its sidecar) from disk; a picked one is only left out', async () => {
    const up = path.join(uploadsDir(env), 'mine', 'blues-01-B-74.mid');
    removeCorpusFile(up, env);
    expect(existsSync(up)).toBe(false);
    expect(existsSync(up.replace('.mid', '.chords.txt'))).toBe(false);
    const picked = path.join(dir, 'picked');
    mkdirSync(picked);
    writeFileSync(path.join(picked, 'a.mid'), readFileSync(path.join(DEFAULT_CORPUS_DIR, 'blues-03-Db-260.mid')));
    writeFileSync(path.join(picked, 'b.mid'), readFileSync(path.join(DEFAULT_CORPUS_DIR, 'blues-04-Ab-120.mid')));
    addPickedPaths([picked], env);
    expect((await corpusReport(env)).files.filter((f) => f.origin === 'picked')).toHaveLength(2);
    removeCorpusFile(path.join(picked, 'a.mid'), env);
    expect(existsSync(path.join(picked, 'a.mid'))).toBe(true);
    // a picked file is left out: still listed (to be taken back), not counted, not trained on
    const after = await corpusReport(env);
    expect(after.files.find((f) => f.name === 'a.mid')?.leftOut).toBe(true);
    expect(after.files.find((f) => f.name === 'b.mid')?.leftOut).toBeUndefined();
    expect(after.totals.leftOut).toBe(1);
    expect((await loadWorkingTunes(env)).solos.map((t) => path.basename(t.source))).not.toContain('a.mid');
    expect(() => removeCorpusFile('/etc/passwd', env)).toThrow(/passwd is not part of the working corpus/);
  });

  it('gives training an error for a corpus with no readable file, and goes back to the default in one step', async () => {
    clearCorpus(env);
    saveUploads([{ name: 'bad.mid', data: Buffer.from('nope').toString('base64') }], env);
    await expect(loadWorkingTunes(env)).rejects.toThrow(/none of the 1 corpus files could be read \(not a MIDI file/);
    useDefaultCorpus(env);
    expect((await loadWorkingTunes(env)).tunes.length).toBeGreaterThan(40);
  });
});
