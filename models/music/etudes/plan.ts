// What the default corpus holds: every form in several keys and tempos (ii-V-I cycles already
// visit all 12 keys), 2..5 choruses each. Deterministic from one master seed.
import { FORMS } from '../forms';
import { createRng } from './rng';
import type { EtudeSpec } from './etude';
import type { Feel } from './rhythm';

export const DEFAULT_CORPUS_SEED = 20260601;

const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

const PER_FORM: Record<string, { files: number; tempo: [number, number]; feel: Feel; choruses: [number, number] }> = {
  blues: { files: 8, tempo: [120, 240], feel: 'swing', choruses: [3, 5] },
  'bird-blues': { files: 5, tempo: [140, 230], feel: 'swing', choruses: [3, 4] },
  'minor-blues': { files: 6, tempo: [110, 220], feel: 'swing', choruses: [3, 5] },
  'rhythm-changes': { files: 5, tempo: [170, 260], feel: 'swing', choruses: [2, 3] },
  'ii-v-i-cycle': { files: 4, tempo: [120, 200], feel: 'swing', choruses: [2, 2] },
  'minor-ii-v': { files: 5, tempo: [110, 200], feel: 'swing', choruses: [3, 4] },
  modal: { files: 4, tempo: [130, 230], feel: 'swing', choruses: [2, 3] },
  bossa: { files: 6, tempo: [120, 160], feel: 'straight', choruses: [3, 5] },
  'falling-leaves': { files: 4, tempo: [110, 190], feel: 'swing', choruses: [2, 3] },
  'jazz-waltz': { files: 4, tempo: [120, 180], feel: 'swing', choruses: [3, 4] },
};

export function defaultCorpusPlan(seed = DEFAULT_CORPUS_SEED): EtudeSpec[] {
  const rng = createRng(seed);
  const specs: EtudeSpec[] = [];
  for (const form of FORMS) {
    const p = PER_FORM[form.name];
    if (!p) continue;
    const start = rng.int(0, 11);
    for (let i = 0; i < p.files; i++) {
      const key = KEYS[(start + i * 5) % 12]; // walk the keys by fourths so each form covers many
      const tempo = Math.round(rng.int(p.tempo[0], p.tempo[1]) / 4) * 4;
      specs.push({
        name: `${form.name}-${String(i + 1).padStart(2, '0')}-${key}-${tempo}`,
        form: form.name,
        key,
        tempo,
        choruses: rng.int(p.choruses[0], p.choruses[1]),
        feel: p.feel,
        seed: rng.int(1, 2 ** 31 - 1),
      });
    }
  }
  return specs;
}
