// A small self-made corpus for generation tests: bebop-ish etudes over the library's forms, chord
// tones on the beats and chord-scale steps between, so a model trained a little on it learns
// that harmony matters (and a hotter temperature can be measured to forget it).
import { chordScaleMask } from '../../../../models/lstm/metrics';
import { progressionFromForm } from '../../../../models/music/progression';
import { encodeTune } from '../../../../models/music/encode';
import { barsEnd, type Note, type Tune } from '../../../../models/music/types';
import { relativeChordMask, type EncodedTune } from '../../../../models/music/vocabulary';
import { chordAt } from '../../../../models/music/encode';

const FORM_NAMES = ['blues', 'ii-v-i-cycle', 'minor-blues', 'bird-blues', 'rhythm-changes', 'bossa'];
const KEYS = ['C', 'F', 'Bb', 'Eb', 'G', 'D', 'Ab'];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export function makeEtude(index: number): Tune {
  const rand = lcg(1000 + index * 7919);
  const form = FORM_NAMES[index % FORM_NAMES.length];
  const prog = progressionFromForm(form, KEYS[index % KEYS.length], { choruses: 2 });
  const notes: Note[] = [];
  const end = barsEnd(prog.bars);
  let pitch = 62 + Math.floor(rand() * 10);
  let dir = rand() < 0.5 ? 1 : -1;
  for (let t = 0; t < end;) {
    const chord = chordAt(t, prog.chords);
    const onBeat = t % 12 === 0;
    const phraseRest = onBeat && t % 96 === 0 && rand() < 0.35;
    const r = rand();
    const dur = phraseRest ? 12 : t % 6 !== 0 ? 6 - (t % 6) : r < 0.7 ? 6 : r < 0.85 ? 12 : r < 0.93 ? 4 : 18;
    if (!phraseRest && chord.root >= 0 && rand() > 0.04) {
      const rel = relativeChordMask(chord.mask, chord.root);
      // Mostly chord tones on the beat and scale steps between, with leaps and chromatic colour.
      const pick = rand();
      const allowed = onBeat
        ? pick < 0.75
          ? rel
          : pick < 0.95
            ? chordScaleMask(rel)
            : 0xfff
        : pick < 0.6
          ? chordScaleMask(rel)
          : pick < 0.85
            ? rel
            : 0xfff;
      if (rand() < 0.2 || pitch > 79 || pitch < 57) dir = pitch > 79 ? -1 : pitch < 57 ? 1 : -dir;
      let p = pitch + dir * (rand() < 0.2 ? 3 : 1);
      while (!(allowed & (1 << ((((p - chord.root) % 12) + 12) % 12)))) p += dir;
      pitch = p;
      notes.push({ pitch, start: t, dur, velocity: 90 });
    }
    t += Math.min(dur, end - t);
  }
  return {
    id: `etude-${index}`,
    source: `etude-${index}.mid`,
    title: `Etude ${index}`,
    notes,
    chords: prog.chords,
    bars: prog.bars,
    tempo: 160,
    chordSource: 'chart',
  };
}

export function fixtureCorpus(count: number): EncodedTune[] {
  return Array.from({ length: count }, (_, i) => {
    const { id, source, events } = encodeTune(makeEtude(i));
    return { id, source, events };
  });
}
