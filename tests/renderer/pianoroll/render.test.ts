import { describe, expect, it } from 'vitest';
import { drawOverlay, drawRoll, type Scene } from '../../../renderer/pianoroll/render';
import { NoteIndex } from '../../../renderer/pianoroll/note-index';
import { noteRoles } from '../../../models/music/note-roles';
import { ROLE_COLORS, THEME } from '../../../renderer/pianoroll/theme';
import type { Viewport } from '../../../renderer/pianoroll/viewport';
import { C7, Dm7, note, randomLine } from './fixtures';
import { recordingContext } from './recording-context';

const view: Viewport = { width: 856, height: 448, keyWidth: 56, chordLane: 30, ruler: 18, tick0: 0, pxPerTick: 2, pitchTop: 80, rowH: 10 };
const bars = Array.from({ length: 8 }, (_, i) => ({ start: i * 48, beats: 4 }));

function scene(notes = [note(62, 0, 12, true), note(65, 12), note(61, 24), note(60, 30), note(64, 48)], primerEnd = 12): Scene {
  const index = new NoteIndex(notes);
  const chords = [Dm7(0, 48), C7(48, 96)];
  return {
    index,
    roles: noteRoles(index.notes, chords),
    primer: index.notes.map((n) => n.primer === true || n.start < primerEnd),
    primerEnd,
    chords,
    bars,
  };
}

describe('drawRoll', () => {
  it('draws each visible note once, in its role colour, and the primer translucent', () => {
    const s = scene();
    const { ctx, calls } = recordingContext();
    const drawn = drawRoll(ctx, s, view);
    expect(drawn.length).toBe(5);
    const noteRects = calls.filter((c) => c.name === 'rect' && (c.args[3] as number) <= view.rowH && (c.args[1] as number) >= 48);
    expect(noteRects.length).toBe(5);
    const fills = calls.filter((c) => c.name === 'fill');
    // primer D (chord tone) is filled translucent; later chord tones solid
    expect(fills.some((c) => c.fillStyle === ROLE_COLORS.chord && c.globalAlpha < 1)).toBe(true);
    expect(fills.some((c) => c.fillStyle === ROLE_COLORS.chord && c.globalAlpha === 1)).toBe(true);
    expect(fills.some((c) => c.fillStyle === ROLE_COLORS.approach)).toBe(true); // C# -> C, the 7th of Dm7
  });

  it('writes chord symbols in the chord lane and bar numbers in the ruler', () => {
    const { ctx, calls } = recordingContext();
    drawRoll(ctx, scene(undefined, 48), view);
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['Dm7', 'C7', '1', '2', 'primer', 'C4']));
  });

  it('names both chords of a two-chord bar at the zoom that fits a whole chorus', () => {
    // Widths like DejaVu Sans Bold (~0.83 em a character); a half bar is 26 px wide here.
    const { ctx, calls } = recordingContext((t, font) => t.length * 0.83 * Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 10));
    const s = { ...scene(undefined, 0), chords: [Dm7(0, 24), C7(24, 48)] };
    s.chords[0] = { ...s.chords[0], symbol: 'Cm7' };
    drawRoll(ctx, s, { ...view, pxPerTick: 26 / 24 });
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['Cm7', 'C7']));
  });

  it('draws no notes outside the view', () => {
    const s = scene(randomLine(5000, 5), 0);
    const { ctx, calls } = recordingContext();
    const v = { ...view, tick0: 5000 };
    const drawn = drawRoll(ctx, s, v);
    expect(drawn.length).toBe(s.index.visible(v).length);
    expect(drawn.length).toBeLessThan(200);
    const noteRects = calls.filter((c) => c.name === 'rect' && (c.args[1] as number) >= 48 && (c.args[3] as number) <= view.rowH);
    expect(noteRects.length).toBe(drawn.length);
  });
});

describe('drawOverlay', () => {
  it('draws the playhead only when it is on screen', () => {
    const s = scene();
    const a = recordingContext();
    drawOverlay(a.ctx, s, view, { playhead: 100, hover: -1, hoverPitch: null });
    const line = a.calls.find((c) => c.name === 'fillRect' && c.fillStyle === THEME.playhead);
    expect(line?.args[0]).toBe(56 + 200 - 1);
    const b = recordingContext();
    drawOverlay(b.ctx, s, view, { playhead: 5000, hover: -1, hoverPitch: null });
    expect(b.calls.some((c) => c.name === 'fillRect' && c.fillStyle === THEME.playhead)).toBe(false);
  });
});
