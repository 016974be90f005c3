// `npm run corpus:make`: writes assets/default-corpus (MIDI + .chords.txt per etude + README)
// from LickLab's own seeded etude generator. Same seed => byte-identical files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../models/music/default-corpus';
import { etudeFiles } from '../models/music/etudes/etude';
import { DEFAULT_CORPUS_SEED, defaultCorpusPlan } from '../models/music/etudes/plan';
import { ARCHETYPES } from '../models/music/etudes/players';

const outDir = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_CORPUS_DIR;
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (/\.(mid|chords\.txt)$/.test(f)) rmSync(path.join(outDir, f));

const plan = defaultCorpusPlan();
let choruses = 0;
let notes = 0;
let bytes = 0;
for (const spec of plan) {
  const { midi, etude } = etudeFiles(spec);
  writeFileSync(path.join(outDir, `${spec.name}.mid`), midi);
  writeFileSync(path.join(outDir, `${spec.name}.chords.txt`), etude.chart);
  choruses += spec.choruses;
  notes += etude.notes.length;
  bytes += midi.length + etude.chart.length;
}
const forms = [...new Set(plan.map((s) => s.form))];
const tempos = plan.map((s) => s.tempo);
writeFileSync(
  path.join(outDir, 'README.md'),
  `# LickLab default corpus

${plan.length} etudes (${choruses} choruses, ${notes} notes, ${(bytes / 1024).toFixed(0)} KiB of MIDI and charts) written by
LickLab's own seeded etude generator (\`models/music/etudes/\`), the way a teacher writes etudes
from jazz pedagogy. Nothing here comes from any recording or transcription.

- **Changes**: every form of the form library (${forms.join(', ')}), each in all 12 keys
  (${plan.length / forms.length} etudes a form), at ${Math.min(...tempos)} to ${Math.max(...tempos)} bpm (ballads get more double time,
  fast tunes more space), swing eighths, straight eighths for the bossa, a jazz waltz in 3/4.
- **Players**: each etude is played by one of ${ARCHETYPES.length} seeded players (${ARCHETYPES.map((a) => a.name).join(', ')}),
  varied per etude: register, density, phrase lengths, appetite for chromaticism and tension,
  where the swung upbeat falls, playing behind the beat, legato or detached, double time,
  triplets, blues inflections, motifs, leaps, loudness.
- **Lines**: chord tones on strong beats about half the time, tensions (9, 11, 13; b9, #9, #11,
  b13 on dominants) that resolve by step; bebop scales (chord tones kept on the beats, or
  displaced onto the upbeats); chromatic approaches and enclosures into targets; guide-tone lines
  (3rds and 7ths by step across the changes) as the landing notes at chord changes; arpeggios and
  upper structures in inversions, digital patterns, broken thirds, stacked fourths, scale runs
  with skips and octave displacement, sixteenth-note turns; late and early resolution, tritone
  substitutes and side-slipping; blues-scale licks, the b3 bent into the 3rd, grace notes.
- **Rhythm and shape**: phrases of 1-8 bars with breaths between them, pickups, anticipations
  across the bar line; swung and even eighths, triplets, sixteenths and sextuplets; detached notes
  with small gaps, legato notes, short notes; register arcs (arch, fall, rise, wave), motifs
  stated and developed (sequenced over the next chord, displaced, inverted, fragmented, augmented)
  and answered in the next phrase; later choruses build.
- **Dynamics**: velocities follow the phrase arc and the line's contour, with accents on targets,
  tensions and syncopated upbeats, and ghosted passing notes.

Each etude is a type-1 MIDI file (PPQ 480, tempo, meter, one track named "Solo") and a chord
chart \`<name>.chords.txt\` (format: docs/chord-charts.md; one chart = one chorus, repeated; its
header names the seed and the player).

Regenerate (byte-identical, seed ${DEFAULT_CORPUS_SEED}): \`npm run corpus:make\`
`,
);
console.log(`wrote ${plan.length} etudes, ${choruses} choruses, ${notes} notes, ${(bytes / 1024).toFixed(0)} KiB to ${outDir}`);
