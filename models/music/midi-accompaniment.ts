// Simple accompaniment for an exported solo, so the MIDI sounds like a tune in a DAW: chords as
// shell or rootless piano voicings (sustained or in a Charleston comping rhythm) and an optional
// walking bass. Deterministic (no randomness), so the same take always exports the same bytes.
import type { Bar, ChordSpan, Note } from './types';
import { TICKS_PER_BEAT } from './vocabulary';

export type VoicingStyle = 'shell' | 'rootless';
export type CompingRhythm = 'sustained' | 'charleston';

function has(relMask: number, bit: number): boolean {
  return (relMask & (1 << bit)) !== 0;
}

function relative(span: ChordSpan): number {
  let rel = 0;
  for (let pc = 0; pc < 12; pc++) if (span.mask & (1 << pc)) rel |= 1 << ((pc - span.root + 12) % 12);
  return rel;
}

/** Guide tones and colour of a chord, as semitones above the root. */
export function chordFunctions(relMask: number): { third: number; fifth: number; seventh: number; ninth: number } {
  const third = has(relMask, 4) ? 4 : has(relMask, 3) ? 3 : has(relMask, 5) ? 5 : 4;
  const fifth = has(relMask, 7) ? 7 : has(relMask, 6) ? 6 : has(relMask, 8) ? 8 : 7;
  const dim7 = third === 3 && fifth === 6 && has(relMask, 9) && !has(relMask, 10);
  const seventh = dim7 ? 9 : has(relMask, 10) ? 10 : has(relMask, 11) ? 11 : has(relMask, 9) ? 9 : third === 3 ? 10 : 11;
  const ninth = has(relMask, 1) ? 1 : has(relMask, 3) && third === 4 ? 3 : 2;
  return { third, fifth, seventh, ninth };
}

/** Pitches of one voicing, lowest first. Rootless: 3-5-7-9 or 7-9-3-5, whichever sits nearer the
 *  middle of the left hand (around G3); shell: root low, then 3rd and 7th. */
export function voiceChord(span: ChordSpan, style: VoicingStyle): number[] {
  const f = chordFunctions(relative(span));
  const stack = (pcs: number[], lowest: number) => {
    const out: number[] = [];
    for (const rel of pcs) {
      const pc = (span.root + rel) % 12;
      let p = out.length ? out[out.length - 1] + 1 : lowest;
      while (p % 12 !== pc) p++;
      out.push(p);
    }
    return out;
  };
  if (style === 'shell') {
    const root = 40 + ((span.root - 40 + 120) % 12); // E2..D#3
    return [root, ...stack([f.third, f.seventh], root + 1)];
  }
  const a = stack([f.third, f.fifth, f.seventh, f.ninth], 50);
  const b = stack([f.seventh, f.ninth, f.third, f.fifth], 50);
  const centre = (v: number[]) => Math.abs(v[0] + v[v.length - 1] - 2 * 58);
  return centre(a) <= centre(b) ? a : b;
}

/** The parts of chord spans inside each bar (N.C. left out). */
function segments(chords: ChordSpan[], bars: Bar[]): { span: ChordSpan; start: number; end: number }[] {
  const out: { span: ChordSpan; start: number; end: number }[] = [];
  for (const bar of bars) {
    const barEnd = bar.start + Math.round(bar.beats * TICKS_PER_BEAT);
    for (const span of chords) {
      if (span.root < 0) continue;
      const start = Math.max(span.start, bar.start);
      const end = Math.min(span.end, barEnd);
      if (end > start) out.push({ span, start, end });
    }
  }
  return out;
}

/** The chord track: one voicing per chord segment, held or in a Charleston rhythm (1, and-of-2). */
export function compChords(chords: ChordSpan[], bars: Bar[], style: VoicingStyle, rhythm: CompingRhythm, velocity = 64): Note[] {
  const notes: Note[] = [];
  const beat = TICKS_PER_BEAT;
  for (const seg of segments(chords, bars)) {
    const voicing = voiceChord(seg.span, style);
    const len = seg.end - seg.start;
    const hits: [number, number][] =
      rhythm === 'charleston' && len >= 3 * beat
        ? [[seg.start, Math.round(1.5 * beat)], [seg.start + Math.round(1.5 * beat), Math.min(beat, len - Math.round(1.5 * beat) - 2)]]
        : [[seg.start, rhythm === 'charleston' ? Math.min(len - 2, Math.round(1.5 * beat)) : len - 1]];
    for (const [start, dur] of hits) {
      if (dur <= 0) continue;
      for (const pitch of voicing) notes.push({ pitch, start, dur, velocity });
    }
  }
  return notes;
}

const BASS_LOW = 28; // E1
const BASS_HIGH = 50; // D3

function nearest(pc: number, from: number): number {
  let best = -1;
  for (let p = BASS_LOW; p <= BASS_HIGH; p++) if (p % 12 === pc && (best < 0 || Math.abs(p - from) < Math.abs(best - from))) best = p;
  return best;
}

/** A walking bass in quarter notes: the root on each chord's first beat, chord tones between, and a
 *  chromatic approach into the next chord's root on the beat before it changes. */
export function walkingBass(chords: ChordSpan[], bars: Bar[], velocity = 84): Note[] {
  const notes: Note[] = [];
  const beat = TICKS_PER_BEAT;
  let last = 36;
  const chordAt = (tick: number) => chords.find((c) => c.start <= tick && tick < c.end && c.root >= 0);
  for (const bar of bars) {
    const beats = Math.floor(bar.beats);
    for (let b = 0; b < beats; b++) {
      const tick = bar.start + b * beat;
      const span = chordAt(tick);
      if (!span) continue;
      const f = chordFunctions(relative(span));
      const indexInChord = Math.round((tick - span.start) / beat);
      const next = chordAt(tick + beat);
      let pitch: number;
      if (indexInChord === 0) pitch = nearest(span.root, last);
      else if (next && next !== span && tick + beat === next.start) {
        const target = nearest(next.root, last);
        pitch = target + (last > target ? 1 : -1); // approach from the side we come from
        if (pitch < BASS_LOW || pitch > BASS_HIGH) pitch = target - (last > target ? 1 : -1);
      } else {
        const tones = [f.third, f.fifth, f.seventh, 12];
        pitch = nearest((span.root + tones[(indexInChord - 1) % tones.length]) % 12, last);
      }
      notes.push({ pitch, start: tick, dur: beat - 1, velocity });
      last = pitch;
    }
  }
  return notes;
}
