// `npm run corpus:make`: writes assets/default-corpus (MIDI + .chords.txt per etude + README)
// from LickLab's own seeded etude generator. Same seed => byte-identical files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../models/music/default-corpus';
import { etudeFiles } from '../models/music/etudes/etude';
import { DEFAULT_CORPUS_SEED, defaultCorpusPlan } from '../models/music/etudes/plan';

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
writeFileSync(
  path.join(outDir, 'README.md'),
  `# LickLab default corpus

${plan.length} etudes (${choruses} choruses, ${notes} notes) written by LickLab's own seeded etude
generator (\`models/music/etudes/\`): idiomatic swing and bossa lines over standard jazz forms
(12-bar blues major and minor, bebop blues, rhythm changes, ii-V-I in all keys, minor ii-V-i,
a modal AABA form, a minor bossa, a descending-fifths AABC form, a jazz waltz) — chord tones on
the beats, approach notes and enclosures, scale runs and arpeggios, phrases with breaths, swing
eighths and triplets, range G3..C6.

Each etude is a type-1 MIDI file (PPQ 480, tempo, meter, one track named "Solo") and a chord
chart \`<name>.chords.txt\` (format: docs/chord-charts.md; one chart = one chorus, repeated).
Nothing here comes from any recording or transcription.

Regenerate (byte-identical, seed ${DEFAULT_CORPUS_SEED}): \`npm run corpus:make\`
`,
);
console.log(`wrote ${plan.length} etudes, ${choruses} choruses, ${notes} notes, ${(bytes / 1024).toFixed(0)} KiB to ${outDir}`);
