// Chords from an accompaniment track inside the MIDI: per half-bar (or whole bar in odd meters)
// we weigh the sounding pitch classes by duration and match chord templates.
import { spell } from './pitch-names';
import type { RawTrack } from './midi-read';
import { trackStats } from './solo-track';
import { maskOf, type Bar, type ChordSpan } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

const TEMPLATES: { name: string; pcs: number[] }[] = [
  { name: '', pcs: [0, 4, 7] },
  { name: 'm', pcs: [0, 3, 7] },
  { name: '7', pcs: [0, 4, 7, 10] },
  { name: 'm7', pcs: [0, 3, 7, 10] },
  { name: 'maj7', pcs: [0, 4, 7, 11] },
  { name: 'dim', pcs: [0, 3, 6] },
  { name: 'm7b5', pcs: [0, 3, 6, 10] },
  { name: 'sus4', pcs: [0, 5, 7] },
];

/** A polyphonic, non-drum track other than the solo: the one with the most chordal onsets. */
export function findChordTrack(tracks: RawTrack[], solo: RawTrack): RawTrack | null {
  let best: RawTrack | null = null;
  let bestScore = 0;
  for (const t of tracks) {
    if (t === solo || t.drums || t.notes.length < 4) continue;
    const s = trackStats(t);
    if (s.polyphony < 0.3) continue;
    const score = s.polyphony * Math.log(1 + s.notes);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

export interface GridNote {
  pitch: number;
  start: number; // grid ticks
  end: number;
}

/** Best chord for pitch-class weights (weights[pc]); bass pc gets a root bonus. Null if silent. */
export function matchChord(weights: number[], bassPc: number): { symbol: string; root: number; mask: number } | null {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  let best: { symbol: string; root: number; mask: number } | null = null;
  let bestScore = -Infinity;
  for (let root = 0; root < 12; root++) {
    for (const t of TEMPLATES) {
      const pcs = t.pcs.map((x) => (x + root) % 12);
      const inside = pcs.reduce((a, pc) => a + weights[pc], 0);
      const missing = pcs.filter((pc) => weights[pc] === 0).length;
      let score = inside - 0.6 * (total - inside) - 0.15 * total * missing - 0.01 * pcs.length;
      if (root === bassPc) score += 0.2 * total;
      if (weights[root] > 0) score += 0.1 * total;
      if (score > bestScore) {
        bestScore = score;
        best = { symbol: spell(root) + t.name, root, mask: maskOf(pcs) };
      }
    }
  }
  return best;
}

/** Pulses in a bar: 4/4 -> 4, 3/4 -> 3, 6/8 -> 2 (dotted quarters), 9/8 -> 3. */
export type PulsesOf = (bar: Bar) => number;

const simplePulses: PulsesOf = (bar) => (Number.isInteger(bar.beats) ? bar.beats : Math.round((bar.beats * 2) / 3));

/** Halve a bar with an even number of pulses (4/4 -> 2+2 beats, 6/8 -> 3/8+3/8); odd meters stay whole. */
function segmentsOf(bar: Bar, pulsesOf: PulsesOf): [number, number][] {
  const len = Math.round(bar.beats * TICKS_PER_BEAT);
  const halves = pulsesOf(bar) % 2 === 0 && len % 2 === 0;
  return halves
    ? [
        [bar.start, bar.start + len / 2],
        [bar.start + len / 2, bar.start + len],
      ]
    : [[bar.start, bar.start + len]];
}

/** Chord spans from accompaniment notes (grid ticks); silent segments continue the previous chord. */
export function chordsFromNotes(notes: GridNote[], bars: Bar[], pulsesOf: PulsesOf = simplePulses): ChordSpan[] {
  const spans: ChordSpan[] = [];
  const sorted = [...notes].sort((a, b) => a.start - b.start);
  for (const bar of bars) {
    for (const [s, e] of segmentsOf(bar, pulsesOf)) {
      const weights = new Array<number>(12).fill(0);
      let bass = 128;
      for (let i = 0; i < sorted.length && sorted[i].start < e; i++) {
        const n = sorted[i];
        const overlap = Math.min(e, n.end) - Math.max(s, n.start);
        if (overlap <= 0) continue;
        weights[n.pitch % 12] += overlap;
        bass = Math.min(bass, n.pitch);
      }
      const c = matchChord(weights, bass % 12);
      const last = spans[spans.length - 1];
      if (!c) {
        if (last && last.end === s) last.end = e;
        continue;
      }
      if (last && last.end === s && last.symbol === c.symbol) last.end = e;
      else spans.push({ start: s, end: e, ...c });
    }
  }
  return spans;
}
