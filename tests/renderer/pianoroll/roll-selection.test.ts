// @vitest-environment jsdom
// The roll's bar ruler in the component: a drag over it reports the bars crossed (and does not pan),
// a shift-click extends the selection; without onselectbars the ruler pans as before. The primer
// region runs from primerStart to primerEnd: only notes in it are primer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import PianoRoll from '../../../renderer/pianoroll/PianoRoll.svelte';
import { C7, Dm7, note } from './fixtures';
import { recordingContext } from './recording-context';

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(460);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => recordingContext().ctx as never);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 0) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const nextFrame = () => new Promise((r) => setTimeout(r, 5));
const bars = Array.from({ length: 8 }, (_, i) => ({ start: i * 48, beats: 4 }));
const chords = [Dm7(0, 192), C7(192, 384)];
const notes = [note(62, 0, 12), note(65, 60), note(67, 100), note(69, 200), note(70, 300)];
type Api = {
  barOnRuler(bar: number): { x: number; y: number } | null;
  getViewport(): { tick0: number };
  getDrawn(): { notes: { start: number; isPrimer: boolean }[] };
};

describe('bar ruler selection', () => {
  it('drag selects the bars crossed, shift-click extends, the view stays', async () => {
    const onselectbars = vi.fn();
    const r = render(PianoRoll, { notes, chords, bars, onselectbars, selection: null });
    await nextFrame();
    const roll = r.component as unknown as Api;
    const top = r.container.querySelector('canvas.top')!;
    const b1 = roll.barOnRuler(1)!;
    const b3 = roll.barOnRuler(3)!;
    const before = roll.getViewport().tick0;
    await fireEvent.pointerDown(top, { clientX: b3.x, clientY: b3.y, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(top, { clientX: b1.x, clientY: b1.y, pointerId: 1 });
    await fireEvent.pointerUp(top, { clientX: b1.x, clientY: b1.y, button: 0, pointerId: 1 });
    expect(onselectbars).toHaveBeenLastCalledWith({ from: 1, to: 4 });
    expect(roll.getViewport().tick0).toBe(before);
    await r.rerender({ notes, chords, bars, onselectbars, selection: { from: 1, to: 4 } });
    const b5 = roll.barOnRuler(5)!;
    await fireEvent.pointerDown(top, { clientX: b5.x, clientY: b5.y, button: 0, pointerId: 2, shiftKey: true });
    await fireEvent.pointerUp(top, { clientX: b5.x, clientY: b5.y, button: 0, pointerId: 2, shiftKey: true });
    expect(onselectbars).toHaveBeenLastCalledWith({ from: 1, to: 6 });
    expect(roll.barOnRuler(8)).toBeNull();
  });

  it('marks as primer only the notes inside [primerStart, primerEnd)', async () => {
    const r = render(PianoRoll, { notes, chords, bars, primerStart: 48, primerEnd: 144 });
    await nextFrame();
    const drawn = (r.component as unknown as Api).getDrawn().notes;
    expect(drawn.map((n) => n.isPrimer)).toEqual([false, true, true, false, false]);
  });
});
