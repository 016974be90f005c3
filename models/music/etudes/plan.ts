// What the default corpus holds: every form of forms.ts in all 12 keys (and some twice), at
// tempos from ballad to up-tempo suited to the form, each etude played by one of the seeded
// players (taken in turn, so every form meets every player), 1..6 choruses for about 50-100 bars
// an etude. Deterministic from one master seed.
import { FORMS } from '../forms';
import { ARCHETYPES } from './players';
import { createRng } from '../../random';
import type { EtudeSpec } from './etude';
import type { Feel } from './rhythm';

export const DEFAULT_CORPUS_SEED = 20260601;

const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

/** Etudes per form: all 12 keys, then some keys again at other tempos. */
export const ETUDES_PER_FORM = 18;

interface FormPlan {
  tempo: [number, number]; // bpm range
  choruses: [number, number];
  straight?: boolean; // straight eighths (bossa)
}

const PER_FORM: Record<string, FormPlan> = {
  blues: { tempo: [70, 300], choruses: [4, 7] },
  'bird-blues': { tempo: [110, 300], choruses: [4, 6] },
  'minor-blues': { tempo: [70, 260], choruses: [4, 7] },
  'rhythm-changes': { tempo: [150, 320], choruses: [2, 3] },
  'ii-v-i-cycle': { tempo: [80, 260], choruses: [1, 2] },
  'minor-ii-v': { tempo: [70, 240], choruses: [3, 5] },
  modal: { tempo: [120, 300], choruses: [2, 3] },
  bossa: { tempo: [110, 170], choruses: [3, 5], straight: true },
  'falling-leaves': { tempo: [60, 200], choruses: [2, 3] },
  'jazz-waltz': { tempo: [100, 200], choruses: [4, 6] },
};

/** Ballads (below 90 bpm) get their own feel: more double time, longer notes. */
export function feelFor(tempo: number, straight = false): Feel {
  if (straight) return 'straight';
  return tempo < 90 ? 'ballad' : 'swing';
}

export function defaultCorpusPlan(seed = DEFAULT_CORPUS_SEED): EtudeSpec[] {
  const rng = createRng(seed);
  const specs: EtudeSpec[] = [];
  let turn = 0;
  for (const form of FORMS) {
    const p = PER_FORM[form.name];
    if (!p) throw new Error(`the default corpus plan has no entry for the form "${form.name}"`);
    const start = rng.int(0, 11);
    for (let i = 0; i < ETUDES_PER_FORM; i++) {
      const key = KEYS[(start + i * 7) % 12]; // round the circle of fifths: every key once, then again
      // tempos spread evenly over the form's range (one per slice), so ballads and burners both appear
      const slice = (p.tempo[1] - p.tempo[0]) / ETUDES_PER_FORM;
      const tempo = Math.round((p.tempo[0] + slice * ((i * 7) % ETUDES_PER_FORM) + rng.next() * slice) / 2) * 2;
      specs.push({
        name: `${form.name}-${String(i + 1).padStart(2, '0')}-${key}-${tempo}`,
        form: form.name,
        key,
        tempo,
        choruses: rng.int(p.choruses[0], p.choruses[1]),
        feel: feelFor(tempo, p.straight),
        seed: rng.int(1, 2 ** 31 - 1),
        player: turn++ % ARCHETYPES.length,
      });
    }
  }
  return specs;
}
