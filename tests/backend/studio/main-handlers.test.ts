// "Save MIDI...": only in Electron (dialog in main), the renderer gives a take id, the file is written
// where the user chose.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStudioMainHandlers } from '../../../backend/studio/main-handlers';
import type { HostServices } from '../../../backend/host-services';

const dir = mkdtempSync(path.join(os.tmpdir(), 'licklab-save-midi-'));
afterEach(() => vi.restoreAllMocks());

function electronHost(answer: () => Promise<unknown>, target: string | null) {
  const trainer = { request: vi.fn(answer) };
  const showSaveDialog = vi.fn(async () => target);
  const host = { kind: 'electron', trainer, showSaveDialog } as unknown as HostServices;
  return { host, trainer, showSaveDialog };
}

describe('take:save-midi', () => {
  it('asks the trainer for the bytes, the user for a path, and writes the file there', async () => {
    const target = path.join(dir, 'keeper');
    const { host, trainer, showSaveDialog } = electronHost(
      async () => ({ fileName: 'Keeper.mid', base64: Buffer.from('MThd').toString('base64') }),
      target,
    );
    const result = await createStudioMainHandlers(host)['take:save-midi']({ id: 'take-1' });
    expect(trainer.request).toHaveBeenCalledWith('take:midi', { id: 'take-1' });
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultName: 'Keeper.mid', filters: [{ name: 'MIDI file', extensions: ['mid'] }] }),
    );
    expect(result).toEqual({ saved: `${target}.mid` });
    expect(readFileSync(`${target}.mid`, 'utf8')).toBe('MThd');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never replaces an existing .mid the dialog did not ask about (a name typed without .mid)', async () => {
    const target = path.join(dir, 'chorus two');
    writeFileSync(`${target}.mid`, 'my older take');
    const { host } = electronHost(async () => ({ fileName: 'x.mid', base64: Buffer.from('MThd').toString('base64') }), target);
    await expect(createStudioMainHandlers(host)['take:save-midi']({ id: 'take-1' })).rejects.toThrow(
      'chorus two.mid already exists and was not replaced: save again and pick it (or another name) in the dialog',
    );
    expect(readFileSync(`${target}.mid`, 'utf8')).toBe('my older take');
    // Picked explicitly in the dialog (which asked), it is replaced.
    const chosen = electronHost(async () => ({ fileName: 'x.mid', base64: Buffer.from('MThd').toString('base64') }), `${target}.mid`);
    expect(await createStudioMainHandlers(chosen.host)['take:save-midi']({ id: 'take-1' })).toEqual({ saved: `${target}.mid` });
    expect(readFileSync(`${target}.mid`, 'utf8')).toBe('MThd');
  });

  it('reports a cancelled dialog and writes nothing', async () => {
    const { host } = electronHost(async () => ({ fileName: 'x.mid', base64: '' }), null);
    expect(await createStudioMainHandlers(host)['take:save-midi']({ id: 'take-1' })).toEqual({ cancelled: true });
  });

  it('fails before any dialog for an unknown take', async () => {
    const { host, showSaveDialog } = electronHost(async () => Promise.reject(new Error('there is no take with id take-9')), '/tmp/x.mid');
    await expect(createStudioMainHandlers(host)['take:save-midi']({ id: 'take-9' })).rejects.toThrow('there is no take with id take-9');
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('tells the browser studio to download instead', async () => {
    await expect(createStudioMainHandlers({ kind: 'browser' })['take:save-midi']({ id: 'take-1' })).rejects.toThrow(
      /browser studio downloads the file instead/,
    );
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
