// What the roll drew, for automated checks and the studio (PianoRoll's getDrawn and noteCenter).
import type { NoteRole, RollNote } from './types';
import { noteRect } from './note-index';
import type { Scene } from './render';
import { tickToX, type Viewport } from './viewport';
import type { Bar } from './types';
import { rangeTicks } from './bar-selection';

export function drawnNotes(
  scene: Scene,
  drawn: readonly number[],
  chords: readonly { start: number; symbol: string }[],
): { count: number; notes: Array<RollNote & { role: NoteRole; isPrimer: boolean }>; chords: { start: number; symbol: string }[] } {
  const list = drawn.map((i) => ({ ...scene.index.notes[i], role: scene.roles[i], isPrimer: scene.primer[i] }));
  return { count: list.length, notes: list, chords: chords.map((c) => ({ start: c.start, symbol: c.symbol })) };
}

export function noteCenterOf(
  scene: Scene,
  drawn: readonly number[],
  vp: Viewport,
  box: { left: number; top: number },
  n: { pitch: number; start: number },
): { x: number; y: number } | null {
  const i = scene.index.notes.findIndex((m) => m.pitch === n.pitch && m.start === n.start);
  if (i < 0 || !drawn.includes(i)) return null;
  const r = noteRect(vp, scene.index.notes[i]);
  return { x: box.left + r.x + Math.min(r.w / 2, 6), y: box.top + r.y + r.h / 2 };
}

/** Client coordinates of a bar's middle on the ruler, or null for a bar the changes do not have. */
export function barOnRulerOf(
  bars: readonly Bar[],
  vp: Viewport,
  box: { left: number; top: number },
  bar: number,
): { x: number; y: number } | null {
  if (bar < 0 || bar >= bars.length) return null;
  const { start, end } = rangeTicks(bars, { from: bar, to: bar + 1 });
  return { x: box.left + tickToX(vp, (start + end) / 2), y: box.top + vp.chordLane + vp.ruler / 2 };
}
