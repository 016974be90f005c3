// Synthetic encoded tunes for fast unit tests: a learnable pattern (arpeggios over a ii-V-I with a
// fixed rhythm) and a random one (what a model trained on the pattern cannot predict).
import type { EncodedEvent, EncodedTune } from '../../../models/music/vocabulary';
import { seededRandom } from '../../../models/lstm/split';

const CHORDS = [
  { root: 2, chordMask: 0b10010001001 }, // minor seventh: 0, 3, 7, 10
  { root: 7, chordMask: 0b10010010001 }, // dominant seventh: 0, 4, 7, 10
  { root: 0, chordMask: 0b100010010001 }, // major seventh: 0, 4, 7, 11
];

/** `events` events of a pattern: chord tones up, two eighths then a quarter (dur tokens 5, 5, 7). */
export function patternTune(source: string, events: number, offset = 0): EncodedTune {
  const out: EncodedEvent[] = [];
  for (let i = 0; i < events; i++) {
    const chord = CHORDS[Math.floor((i + offset) / 4) % CHORDS.length];
    const tones = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((b) => chord.chordMask & (1 << b));
    const rel = 36 + tones[(i + offset) % tones.length]; // above C3-ish relative range
    out.push({ pitch: rel - 24 + 1, dur: [5, 5, 7][i % 3], root: chord.root, chordMask: chord.chordMask, beat: i % 4, sub: 0 });
  }
  return { id: `${source}#1`, source, events: out };
}

export function randomTune(source: string, events: number, seed: number): EncodedTune {
  const rand = seededRandom(seed);
  const out: EncodedEvent[] = [];
  for (let i = 0; i < events; i++) {
    const chord = CHORDS[Math.floor(rand() * 3)];
    out.push({
      pitch: Math.floor(rand() * 74),
      dur: Math.floor(rand() * 17),
      root: chord.root,
      chordMask: chord.chordMask,
      beat: Math.floor(rand() * 4),
      sub: Math.floor(rand() * 12),
    });
  }
  return { id: `${source}#1`, source, events: out };
}

export function patternCorpus(files: number, eventsPerFile: number): EncodedTune[] {
  return Array.from({ length: files }, (_, i) => patternTune(`file${i}.mid`, eventsPerFile, i));
}
