// The working corpus remembers a file that failed to import, by content: the next report (every
// page load, every training start) answers from that memory instead of parsing it again, and a
// changed file is imported afresh. Failures come back with the same reason.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importWorkingCorpus } from '../../../backend/training/corpus-report';
import { clearCorpus, saveUploads } from '../../../backend/training/corpus-store';
import { DEFAULT_CORPUS_DIR } from '../../../models/music/default-corpus';
import { tempEnv } from './library-fixture';

const { dir, env } = tempEnv('corpus-failures');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = readdirSync(DEFAULT_CORPUS_DIR).find((n) => n.endsWith('.mid'))!;
// A file whose track declares more bytes than it has (a lying chunk length).
const lying = Buffer.from([
  0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96, 0x4d, 0x54, 0x72, 0x6b, 0xff, 0xff, 0xff, 0, 0, 0x90, 60, 100,
]);

describe('failed files in the working corpus', () => {
  it('are reported once, then answered from memory by content; a changed file is imported again', async () => {
    clearCorpus(env);
    saveUploads(
      [
        { name: good, data: readFileSync(path.join(DEFAULT_CORPUS_DIR, good)).toString('base64') },
        { name: 'lying.mid', data: lying.toString('base64') },
        { name: 'junk.mid', data: Buffer.from('junk').toString('base64') },
      ],
      env,
    );
    const first = await importWorkingCorpus(env);
    const byName = (files: { path: string; cached?: boolean; reason?: string; status: string }[]) =>
      Object.fromEntries(files.map((f) => [path.basename(f.path), f]));
    const one = byName(first.corpus.files);
    expect(one['lying.mid']).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^truncated MIDI file: track 1 declares 4294967040 bytes/),
    });
    expect(one['lying.mid'].cached).toBeUndefined();
    const two = byName((await importWorkingCorpus(env)).corpus.files);
    for (const name of ['lying.mid', 'junk.mid', good]) expect(two[name].cached, name).toBe(true);
    expect(two['lying.mid'].reason).toBe(one['lying.mid'].reason);
    saveUploads([{ name: 'junk.mid', data: Buffer.from('other junk').toString('base64') }], env);
    const three = byName((await importWorkingCorpus(env)).corpus.files);
    expect(three['junk.mid'].cached).toBeUndefined();
    expect(three['lying.mid'].cached).toBe(true);
  });
});
