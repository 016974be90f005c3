// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import PianoRoll from '../../../renderer/pianoroll/PianoRoll.svelte';
import { C7, Dm7, note, randomLine } from './fixtures';
import { recordingContext } from './recording-context';

const W = 900;
const H = 460;

beforeEach(() => {
  // jsdom has no layout and no canvas: give elements a size and canvases a recording context.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(W);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(H);
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
type RollApi = {
  getDrawn(): { count: number; notes: Array<{ pitch: number; start: number; role: string; isPrimer: boolean }> };
  fitAll(): void;
  noteCenter(n: { pitch: number; start: number }): { x: number; y: number } | null;
  getViewport(): { pxPerTick: number; tick0: number };
};
const api = (r: { component: unknown }) => r.component as RollApi;

const chords = [Dm7(0, 48), C7(48, 96)];
const bars = [
  { start: 0, beats: 4 },
  { start: 48, beats: 4 },
];
const notes = [note(62, 0, 12), note(65, 12), note(61, 24), note(60, 30), note(64, 48, 12), note(70, 72, 12)];

describe('PianoRoll component', () => {
  it('reports exactly the notes it draws, with roles and primer flags', async () => {
    const rendered = render(PianoRoll, { notes, chords, bars, primerEnd: 12 });
    const { getByTestId } = rendered;
    await nextFrame();
    const el = getByTestId('pianoroll');
    expect(el.dataset.totalNotes).toBe('6');
    expect(el.dataset.drawnCount).toBe('6');
    const drawn = api(rendered).getDrawn().notes;
    expect(drawn.map((n) => [n.pitch, n.start])).toEqual(notes.map((n) => [n.pitch, n.start]));
    expect(drawn.map((n) => n.role)).toEqual(['chord', 'chord', 'approach', 'chord', 'chord', 'chord']);
    expect(drawn.map((n) => n.isPrimer)).toEqual([true, false, false, false, false, false]);
    expect(el.textContent).toContain('primer'); // legend shows the primer chip
  });

  it('shows hover details and calls onnoteclick with the clicked note', async () => {
    const onnoteclick = vi.fn();
    const rendered = render(PianoRoll, { notes, chords, bars, onnoteclick });
    const { getByTestId, container } = rendered;
    await nextFrame();
    const c = api(rendered).noteCenter({ pitch: 61, start: 24 })!;
    expect(c).not.toBeNull();
    const top = container.querySelector('canvas.top')!;
    await fireEvent.pointerMove(top, { clientX: c.x, clientY: c.y });
    const tip = getByTestId('pianoroll-tip');
    expect(tip.textContent).toContain('C#4');
    expect(tip.textContent).toContain('bar 1.3');
    expect(tip.textContent).toContain('eighth (6 ticks)');
    expect(tip.textContent).toContain('approach');
    expect(tip.textContent).toContain('Dm7');
    await fireEvent.pointerDown(top, { clientX: c.x, clientY: c.y, button: 0, pointerId: 1 });
    await fireEvent.pointerUp(top, { clientX: c.x, clientY: c.y, button: 0, pointerId: 1 });
    expect(onnoteclick).toHaveBeenCalledTimes(1);
    expect(onnoteclick.mock.calls[0][0]).toMatchObject({ pitch: 61, start: 24, dur: 6 });
    // the view moves under the resting pointer: the details follow (here: nothing under it)
    await fireEvent.wheel(top, { deltaX: 0, deltaY: -2000, clientX: c.x, clientY: c.y });
    await nextFrame();
    expect(container.querySelector('[data-testid=pianoroll-tip]')).toBeNull();
  });

  it('culls a 5,000-note take, zooms with ctrl+wheel, and fits everything on demand', async () => {
    const big = randomLine(5000, 11);
    const rendered = render(PianoRoll, { notes: big, chords: [], bars: [] });
    const { getByTestId, container } = rendered;
    await nextFrame();
    const el = getByTestId('pianoroll');
    const first = Number(el.dataset.drawnCount);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(1000); // opens on the first 16 bars, not the whole take
    const before = api(rendered).getViewport().pxPerTick;
    await fireEvent.wheel(container.querySelector('canvas.top')!, { deltaY: -200, ctrlKey: true, clientX: 400, clientY: 200 });
    await nextFrame();
    expect(api(rendered).getViewport().pxPerTick).toBeGreaterThan(before);
    expect(Number(el.dataset.drawnCount)).toBeLessThan(first);
    api(rendered).fitAll();
    await nextFrame();
    expect(Number(el.dataset.drawnCount)).toBe(5000);
  });

  it('pans on drag without clicking a note, and reports keyboard clicks', async () => {
    const onnoteclick = vi.fn();
    const onkeyclick = vi.fn();
    const big = randomLine(2000, 4);
    const rendered = render(PianoRoll, { notes: big, onnoteclick, onkeyclick });
    const { container } = rendered;
    await nextFrame();
    const top = container.querySelector('canvas.top')!;
    const before = api(rendered).getViewport().tick0;
    await fireEvent.pointerDown(top, { clientX: 600, clientY: 200, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(top, { clientX: 400, clientY: 200, pointerId: 1 });
    await fireEvent.pointerUp(top, { clientX: 400, clientY: 200, button: 0, pointerId: 1 });
    const after = api(rendered).getViewport();
    expect(after.tick0).toBeCloseTo(before + 200 / after.pxPerTick, 6);
    expect(onnoteclick).not.toHaveBeenCalled();
    const v = api(rendered).getViewport() as unknown as { pitchTop: number; rowH: number; chordLane: number; ruler: number };
    const y = v.chordLane + v.ruler + 2.5 * v.rowH; // third row from the top
    await fireEvent.pointerDown(top, { clientX: 20, clientY: y, button: 0, pointerId: 2 });
    await fireEvent.pointerUp(top, { clientX: 20, clientY: y, button: 0, pointerId: 2 });
    expect(onkeyclick).toHaveBeenCalledWith(Math.ceil(v.pitchTop - 2.5));
  });

  it('shows an empty take (chords only) without notes and marks N.C. in the legend only when present', async () => {
    const rendered = render(PianoRoll, { notes: [], chords, bars });
    const { getByTestId } = rendered;
    await nextFrame();
    const el = getByTestId('pianoroll');
    expect(el.dataset.drawnCount).toBe('0');
    expect(getByTestId('pianoroll-legend').textContent).not.toContain('no chord');
    cleanup();
    const nc = { start: 0, end: 48, symbol: 'N.C.', root: -1, mask: 0 };
    const r2 = render(PianoRoll, { notes: [note(60, 0)], chords: [nc] });
    await nextFrame();
    expect(api(r2).getDrawn().notes[0].role).toBe('nochord');
    expect(r2.getByTestId('pianoroll-legend').textContent).toContain('no chord');
  });

  it('sizes its canvases for the device pixel ratio', async () => {
    vi.stubGlobal('devicePixelRatio', 2);
    const rendered = render(PianoRoll, { notes });
    const { container } = rendered;
    await nextFrame();
    const canvas = container.querySelector('canvas')!;
    expect(canvas.width).toBe(2 * W);
    expect(canvas.style.width).toBe(`${W}px`);
  });

  it('turns the page to follow the playhead', async () => {
    const big = randomLine(2000, 2);
    const rendered = render(PianoRoll, { notes: big, playhead: 0 });
    const { rerender } = rendered;
    await nextFrame();
    expect(api(rendered).getViewport().tick0).toBe(0);
    await rerender({ notes: big, playhead: 5000 });
    await nextFrame();
    const v = api(rendered).getViewport();
    expect(v.tick0).toBeGreaterThan(4000);
    expect(v.tick0).toBeLessThan(5000);
  });
});
