// Band files for the solo-part choice, written by the project's own SMF writer: a 64-bar tune
// whose lead line (an unremarkable "Track 2", a guitar-like line with a few double stops) plays
// from bar 1 to bar 60, and a sparse "French Horn" part that enters at bar 49; a piano comping
// chords, a walking bass, drums. The old name-scored importer took the horn. Also a "film theme":
// one piano track of block chords under a melody, which is no solo line at all.
import { writeSmf, type SmfEvent } from '../../../models/music/smf-write';

export const PPQ = 480;
const BAR = 4 * PPQ;
const EIGHTH = PPQ / 2;

/** A deterministic pseudo-random sequence in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const note = (channel: number, pitch: number, tick: number, dur: number, velocity = 90): SmfEvent => ({
  tick,
  kind: 'note',
  channel,
  pitch,
  velocity,
  dur,
});

export interface BandFile {
  bytes: Uint8Array;
  leadNotes: number;
  hornNotes: number;
}

export function bandFile(): BandFile {
  const r = rng(19);
  const conductor: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'Band arrangement' },
    { tick: 0, kind: 'tempo', bpm: 120 },
    { tick: 0, kind: 'timeSignature', numerator: 4, denominator: 4 },
  ];
  const lead: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'Track 2' },
    { tick: 0, kind: 'program', channel: 0, program: 26 },
  ];
  let pitch = 67;
  for (let k = 0; k < 60 * 8; k++) {
    if (r() < 0.15) continue; // a breath
    pitch = Math.min(82, Math.max(58, pitch + Math.round((r() - 0.5) * 6)));
    lead.push(note(0, pitch, k * EIGHTH, EIGHTH - 20));
    if (k % 40 === 17) lead.push(note(0, pitch - 5, k * EIGHTH, EIGHTH - 20)); // a double stop now and then
  }
  const horn: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'French Horn' },
    { tick: 0, kind: 'program', channel: 1, program: 60 },
  ];
  for (let bar = 48; bar < 64; bar++)
    for (let beat = 0; beat < 4; beat++)
      if (r() < 0.95) horn.push(note(1, 55 + Math.floor(r() * 10), bar * BAR + beat * PPQ, PPQ - 30, 70));
  const piano: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'Piano' },
    { tick: 0, kind: 'program', channel: 2, program: 0 },
  ];
  const bass: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'Bass' },
    { tick: 0, kind: 'program', channel: 3, program: 32 },
  ];
  const drums: SmfEvent[] = [{ tick: 0, kind: 'trackName', text: 'Drums' }];
  const roots = [48, 53, 55, 48]; // C F G C, a bar each
  for (let bar = 0; bar < 64; bar++) {
    const root = roots[bar % 4];
    for (const half of [0, 2]) for (const iv of [4, 7, 10]) piano.push(note(2, root + 12 + iv, bar * BAR + half * PPQ, 2 * PPQ - 40, 60));
    for (let beat = 0; beat < 4; beat++) {
      bass.push(note(3, root - 12 + [0, 4, 7, 9][beat], bar * BAR + beat * PPQ, PPQ - 20, 80));
      drums.push(note(9, beat % 2 ? 38 : 36, bar * BAR + beat * PPQ, 60, 90));
      drums.push(note(9, 42, bar * BAR + beat * PPQ + EIGHTH, 60, 60));
    }
  }
  const count = (t: SmfEvent[]) => t.filter((e) => e.kind === 'note').length;
  return { bytes: writeSmf([conductor, lead, horn, piano, bass, drums], PPQ), leadNotes: count(lead), hornNotes: count(horn) };
}

/** One piano track: a melody on top of four-note block chords on every beat (not a solo line). */
export function filmThemeFile(): Uint8Array {
  const r = rng(7);
  const piano: SmfEvent[] = [
    { tick: 0, kind: 'trackName', text: 'Theme' },
    { tick: 0, kind: 'tempo', bpm: 80 },
    { tick: 0, kind: 'timeSignature', numerator: 4, denominator: 4 },
  ];
  const roots = [50, 55, 48, 53];
  for (let bar = 0; bar < 16; bar++) {
    const root = roots[bar % 4];
    for (let beat = 0; beat < 4; beat++) {
      const t = bar * BAR + beat * PPQ;
      for (const iv of [0, 7, 12, 16]) piano.push(note(0, root + iv, t, PPQ - 10, 64));
      piano.push(note(0, root + 24 + Math.floor(r() * 8), t, PPQ - 10, 90));
    }
  }
  return writeSmf([piano], PPQ);
}
