// `licklab eval --corpus ../shared/corpus/wjd --json` with the default model, run as a user runs it
// (the real command, in its own process): the loss on every WJD solo, its takes over 100 of the
// solos' changes (temperature 1 and 0.8) beside the real solos, copying from its training data.
// Prints the figures; checks what must hold for any model on real solos (the JSON contract, the
// arithmetic, and what the real solos themselves measure), then what the shipped default model must
// show on solos it never saw: a loss per note at or below the unigram count model fitted on these
// very solos, temperature-1 takes close to them (chord tones on strong beats and steps within 0.08,
// notes per bar within 15%), and no more than 3 notes copied in a row from its training etudes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wjd = path.resolve(projectRoot, '../shared/corpus/wjd');
const TAKES = 100;

const f3 = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(3) : 'n/a');

function table(r: any): string {
  const rows: string[] = [];
  rows.push(
    `eval of ${r.model.dir} (${r.model.encoding}) on ${r.corpus.solos} WJD solos, ${r.corpus.notes} notes, ${r.corpus.events} events`,
  );
  rows.push(
    `  model      ${f3(r.natsPerNote)} nats/note  ${f3(r.natsPerEvent)} nats/event  perplexity ${r.perplexity.toFixed(0)}  accuracy pitch ${f3(r.accuracy.pitch)} dur ${f3(r.accuracy.duration)} both ${f3(r.accuracy.both)}`,
  );
  for (const [name, b] of [
    ['baseline (model data)', r.baselines],
    ['reference (these solos)', r.reference],
  ] as const) {
    rows.push(
      `  ${name}: unigram ${f3(b.unigram.natsPerNote)}/note ${f3(b.unigram.natsPerEvent)}/event, bigram ${f3(b.bigram.natsPerNote)}/note ${f3(b.bigram.natsPerEvent)}/event`,
    );
  }
  const keys = [
    'chordToneStrong',
    'chordToneShare',
    'stepShare',
    'leapShare',
    'pitchClassEntropy',
    'notesPerBar',
    'restShare',
    'shortRestShare',
    'shortNoteShare',
    'offBeatShare',
    'rangeMean',
    'intervalJS',
    'durationJS',
    'ioiJS',
  ];
  rows.push(`  ${'figure'.padEnd(20)}${'real'.padStart(9)}${r.byTemperature.map((t: any) => `T=${t.temperature}`.padStart(9)).join('')}`);
  for (const k of keys)
    rows.push(
      `  ${k.padEnd(20)}${f3(r.samples.real[k]).padStart(9)}${r.byTemperature.map((t: any) => f3(t.samples[k]).padStart(9)).join('')}`,
    );
  const c = (x: any) => `run mean ${f3(x.longestRunMean)} max ${x.longestRunMax}, 8-grams ${f3(x.ngram8Share)}`;
  rows.push(
    `  copying from ${r.copying.against}: real ${c(r.copying.real)}; ${r.byTemperature.map((t: any) => `T=${t.temperature} ${c(t.copying)}`).join('; ')}`,
  );
  rows.push(
    `  time ${(r.timings.totalMs / 1000).toFixed(1)} s (import ${(r.timings.loadMs / 1000).toFixed(1)}, loss ${(r.timings.scoreMs / 1000).toFixed(1)}, takes ${(r.timings.takesMs / 1000).toFixed(1)})`,
  );
  return rows.join('\n');
}

describe.skipIf(!existsSync(wjd))('licklab eval on the WJD solos (default model)', () => {
  it('scores every solo, sets its takes beside them and measures copying', async () => {
    const started = performance.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(projectRoot, 'bin/licklab.js'), 'eval', '--corpus', wjd, '--json', '--takes', String(TAKES), '--temperature', '0.8'],
      { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 },
    );
    const wall = (performance.now() - started) / 1000;
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(stdout);
    console.log(`${table(r)}\n  wall clock ${wall.toFixed(1)} s`);

    expect(r.corpus.solos).toBeGreaterThanOrEqual(380);
    expect(r.corpus.solosWithChords).toBeGreaterThanOrEqual(370);
    for (const v of [r.natsPerNote, r.natsPerEvent, r.perplexity, r.reference.unigram.natsPerNote, r.reference.bigram.natsPerNote])
      expect(Number.isFinite(v)).toBe(true);
    // The shipped model's training files ship beside it (npm run corpus:make, then model:make).
    expect(r.model.trainedOn.unavailable, "the default model's training files are not in the default corpus").toBeUndefined();
    for (const v of [r.baselines.unigram.natsPerNote, r.baselines.bigram.natsPerNote]) expect(Number.isFinite(v)).toBe(true);
    // Rest events add nats to a solo but no notes: per note is always the larger figure.
    expect(r.natsPerNote).toBeGreaterThan(r.natsPerEvent);
    expect(r.natsPerNote).toBeCloseTo((r.natsPerEvent * r.corpus.events) / r.corpus.notes, 6);
    expect(r.reference.bigram.natsPerNote).toBeLessThan(r.reference.unigram.natsPerNote);
    // What real jazz solos measure (any sane import and statistics): about half of the strong-beat
    // notes are chord tones, about six notes a bar, mostly steps, many off-beat onsets.
    expect(r.samples.real.chordToneStrong).toBeGreaterThan(0.35);
    expect(r.samples.real.chordToneStrong).toBeLessThan(0.65);
    expect(r.samples.real.notesPerBar).toBeGreaterThan(4.5);
    expect(r.samples.real.notesPerBar).toBeLessThan(7.5);
    expect(r.samples.real.stepShare).toBeGreaterThan(0.45);
    expect(r.samples.real.offBeatShare).toBeGreaterThan(0.5);
    expect(r.samples.takes).toBe(TAKES);
    expect(r.byTemperature.map((t: any) => t.temperature)).toEqual([1, 0.8]);
    for (const k of ['intervalJS', 'durationJS', 'ioiJS']) expect(r.samples.generated[k]).toBeGreaterThanOrEqual(0);
    // Players who never saw LickLab's etudes share short runs with them (5-note bebop cells) but
    // hardly any 8-note n-gram.
    expect(r.copying.real.ngram8Share).toBeLessThan(0.02);

    // What the shipped default model must show (issue 14's bar; remake the model, never the bar).
    expect(r.model.encoding).toBe('licklab-events-v2');
    const real = r.samples.real;
    const takes = r.samples.generated; // temperature 1
    expect(r.natsPerNote, 'nats per note vs the unigram fitted on the WJD solos themselves').toBeLessThanOrEqual(
      r.reference.unigram.natsPerNote,
    );
    expect(Math.abs(takes.chordToneStrong - real.chordToneStrong), 'chord tones on strong beats, takes vs real').toBeLessThanOrEqual(0.08);
    expect(Math.abs(takes.stepShare - real.stepShare), 'steps <= 2 semitones, takes vs real').toBeLessThanOrEqual(0.08);
    expect(Math.abs(takes.notesPerBar / real.notesPerBar - 1), 'notes per bar, takes vs real (relative)').toBeLessThanOrEqual(0.15);
    expect(r.copying.generated.longestRunMean, 'mean longest run copied from the training etudes').toBeLessThanOrEqual(3);
  }, 600_000);
});
