// Dragging a take out with a mocked `electron`: sender checked, only a take id accepted, the MIDI
// file written before webContents.startDrag is called.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({ nativeImage: { createFromDataURL: vi.fn((url: string) => ({ icon: url })) } }));
const { handleDragOut, prepareDragOut, registerDragOut } = await import('../../../electron/main/drag-out');
const { DRAG_OUT_MESSAGE, DRAG_PREPARE_MESSAGE } = await import('../../../api/drag-out-message');

const APP = 'app://licklab/index.html';
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-drag-test-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function setup(
  reply: { ok: true; result: unknown } | { ok: false; error: string } = {
    ok: true,
    result: { fileName: 'Keeper.mid', base64: Buffer.from('MThd-bytes').toString('base64') },
  },
) {
  const seenAtDrag: boolean[] = [];
  const router = { call: vi.fn(async () => reply) };
  const sender = {
    isDestroyed: () => false,
    startDrag: vi.fn((item: { file: string; icon: unknown }) => seenAtDrag.push(existsSync(item.file))),
  };
  const event = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url }, sender }) as never;
  const log = vi.fn();
  const deps = { router, isTrusted: (u: string | undefined) => u === APP, tempDir, log };
  return { router, sender, event, deps, seenAtDrag, log };
}

describe('drag-out', () => {
  it('writes the take as a .mid file first, then starts the native drag with an icon', async () => {
    const { router, sender, event, deps, seenAtDrag } = setup();
    const result = await handleDragOut(event(APP), 'mws2tu9g-d43f93f4', deps);
    expect(router.call).toHaveBeenCalledWith('take:midi', { id: 'mws2tu9g-d43f93f4' });
    const file = path.join(tempDir, 'mws2tu9g-d43f93f4', 'Keeper.mid');
    expect(result).toEqual({ ok: true, file });
    expect(seenAtDrag).toEqual([true]); // the file existed when startDrag ran
    expect(readFileSync(file, 'utf8')).toBe('MThd-bytes');
    expect(sender.startDrag).toHaveBeenCalledWith({ file, icon: { icon: expect.stringMatching(/^data:image\/png;base64,/) } });
  });

  it('refuses a foreign sender before asking for anything', async () => {
    const { router, sender, event, deps, log } = setup();
    for (const url of ['https://evil.example/', undefined]) {
      const r = await handleDragOut(event(url), 'mws2tu9g-d43f93f4', deps);
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/did not come from LickLab's own page/) });
    }
    expect(router.call).not.toHaveBeenCalled();
    expect(sender.startDrag).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('accepts only a take id, never a path or an object', async () => {
    const { router, sender, event, deps } = setup();
    for (const bad of ['../../etc/passwd', '/home/me/x.mid', { file: '/etc/passwd' }, 42, undefined]) {
      const r = await handleDragOut(event(APP), bad, deps);
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/must be a take id/) });
    }
    expect(router.call).not.toHaveBeenCalled();
    expect(sender.startDrag).not.toHaveBeenCalled();
  });

  it('does not start a drag when the take cannot be exported', async () => {
    const { sender, event, deps } = setup({ ok: false, error: 'there is no take with id gone-take' });
    expect(await handleDragOut(event(APP), 'gone-take', deps)).toEqual({ ok: false, error: 'there is no take with id gone-take' });
    expect(sender.startDrag).not.toHaveBeenCalled();
  });

  it('starts the drag at once (no backend round trip) for a take prepared on hover', async () => {
    const { router, sender, event, deps, seenAtDrag } = setup({
      ok: true,
      result: { fileName: 'Hovered.mid', base64: Buffer.from('MThd-2').toString('base64') },
    });
    expect(await prepareDragOut(event(APP), 'hovered-take', deps)).toEqual({
      ok: true,
      file: path.join(tempDir, 'hovered-take', 'Hovered.mid'),
    });
    expect(router.call).toHaveBeenCalledTimes(1);
    const pending = handleDragOut(event(APP), 'hovered-take', deps);
    expect(sender.startDrag).toHaveBeenCalledTimes(1); // synchronously, before any await
    expect(seenAtDrag).toEqual([true]);
    await pending;
    expect(router.call).toHaveBeenCalledTimes(1);
  });

  it('checks the sender and the id of a prepare message too', async () => {
    const { router, event, deps } = setup();
    expect(await prepareDragOut(event('https://evil.example/'), 'hovered-take', deps)).toMatchObject({ ok: false });
    expect(await prepareDragOut(event(APP), '../../secret', deps)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must be a take id/),
    });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('listens on the drag-out and drag-prepare messages', () => {
    const on = vi.fn();
    registerDragOut({ on } as never, setup().deps);
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual([DRAG_OUT_MESSAGE, DRAG_PREPARE_MESSAGE].sort());
  });
});
