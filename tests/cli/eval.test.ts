// `licklab eval` with a tiny model trained here on etudes the test writes with the project's own
// code (the shipped model and corpus are remade by other work; this test must not depend on them
// matching): the JSON contract, the figures' arithmetic, copying of the model's own training files
// against fresh lines, the stored-index fallback, the text report, and every bad input.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../cli/cli-error';
import { run } from '../../cli/commands/eval';
import { initBackend } from '../../models/lstm/backend';
import { noveltyIndexForSplit } from '../../models/lstm/generator';
import { saveModelFolder } from '../../models/lstm/model-io';
import { metaFromResult } from '../../models/lstm/model-meta';
import { train } from '../../models/lstm/train';
import { loadTrainingCorpus } from '../../models/lstm/training-corpus';
import { writeEtudes } from '../models/lstm/eval/solo-files';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-cli-eval-'));
const cache = path.join(tmp, 'cache');
const trainDir = path.join(tmp, 'train');
const modelDir = path.join(tmp, 'model');
const movedModel = path.join(tmp, 'model-without-corpus');
const fresh = path.join(tmp, 'fresh');
const own = path.join(tmp, 'own');

beforeAll(async () => {
  const backend = await initBackend();
  writeEtudes(trainDir, 6);
  writeEtudes(fresh, 3, 20);
  const corpus = await loadTrainingCorpus([trainDir], { cacheDir: cache });
  const result = await train(corpus.tunes, {
    preset: 'custom',
    hyperparameters: { units: 16, epochs: 2, window: 24, batchSize: 8 },
    devFraction: 0.34,
    seed: 1,
  });
  const meta = metaFromResult(result, backend, { dir: trainDir, filesOk: corpus.filesOk, filesSkipped: corpus.filesSkipped });
  await saveModelFolder(modelDir, result.model, meta);
  // The same model whose corpus folder is gone, with the n-gram index stored as the trainer stores it.
  const ngramIndex = noveltyIndexForSplit(corpus.tunes, result.split);
  await saveModelFolder(movedModel, result.model, { ...meta, corpus: { ...meta.corpus, dir: path.join(tmp, 'gone') }, ngramIndex });
  result.model.dispose();
  // Two of the model's own training files, with their charts.
  mkdirSync(own);
  for (const f of meta.split.train.slice(0, 2)) {
    copyFileSync(path.join(trainDir, f), path.join(own, f));
    copyFileSync(path.join(trainDir, f.replace(/\.mid$/, '.chords.txt')), path.join(own, f.replace(/\.mid$/, '.chords.txt')));
  }
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function capture(args: string[]) {
  let out = '';
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await run([...args, '--model', modelDir, '--cache-dir', cache]);
    return { code, out };
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
}

const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

describe('licklab eval', () => {
  let report: Record<string, any>;

  beforeAll(async () => {
    const { code, out } = await capture(['--corpus', fresh, '--json', '--temperature', '0.7', '--takes', '2']);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    report = JSON.parse(out);
  }, 300_000);

  it('--json prints one object with the fields scripts rely on', () => {
    for (const v of [report.natsPerNote, report.natsPerEvent, report.perplexity]) expect(isNumber(v)).toBe(true);
    for (const b of [report.baselines, report.reference]) {
      expect(isNumber(b.unigram.natsPerNote)).toBe(true);
      expect(isNumber(b.bigram.natsPerNote)).toBe(true);
    }
    const s = ['chordToneStrong', 'stepShare', 'leapShare', 'notesPerBar', 'restShare', 'pitchClassEntropy'];
    for (const k of s) {
      expect(isNumber(report.samples.real[k])).toBe(true);
      expect(isNumber(report.samples.generated[k])).toBe(true);
    }
    for (const k of ['intervalJS', 'durationJS', 'ioiJS']) {
      expect(isNumber(report.samples.generated[k])).toBe(true);
      expect(report.samples.real[k]).toBeUndefined();
    }
    for (const c of [report.copying.real, report.copying.generated]) {
      for (const k of ['longestRunMean', 'longestRunMax', 'ngram8Share']) expect(isNumber(c[k])).toBe(true);
    }
  });

  it('reports per note and per event from the same total, and measures every requested temperature', () => {
    const { notes, events, solos } = report.corpus;
    expect(solos).toBe(3);
    expect(report.natsPerNote).toBeCloseTo((report.natsPerEvent * events) / notes, 9);
    expect(report.perplexity).toBeCloseTo(Math.exp(report.natsPerEvent), 6);
    expect(report.baselines.unigram.natsPerNote).toBeCloseTo((report.baselines.unigram.natsPerEvent * events) / notes, 9);
    // Counting these very solos beats counting other data on them.
    expect(report.reference.unigram.natsPerNote).toBeLessThan(report.baselines.unigram.natsPerNote);
    expect(report.byTemperature.map((t: { temperature: number }) => t.temperature)).toEqual([1, 0.7]);
    expect(report.samples.generated).toEqual(report.byTemperature[0].samples);
    expect(report.samples.takes).toBe(2);
    expect(report.samples.real.solos).toBe(3);
    expect(report.byTemperature[1].samples.solos).toBe(2);
    expect(report.model.trainedOn.files).toBe(4);
  });

  it("finds the model's own training files copied whole, fresh lines hardly at all", async () => {
    const { out } = await capture(['--corpus', own, '--json', '--takes', '1']);
    const mine = JSON.parse(out);
    expect(mine.copying.real.ngram8Share).toBeGreaterThan(0.95);
    expect(mine.copying.real.longestRunMax).toBeGreaterThan(100);
    expect(report.copying.real.ngram8Share).toBeLessThan(0.3);
    // And the model scores lines it was trained on better than lines it never saw.
    expect(mine.natsPerNote).toBeLessThan(report.natsPerNote);
  }, 300_000);

  it('falls back to the n-gram index stored with a model whose training files are gone', async () => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((out += String(x)), true));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--corpus', own, '--json', '--takes', '1', '--model', movedModel, '--cache-dir', cache])).toBe(0);
    } finally {
      spy.mockRestore();
      quiet.mockRestore();
    }
    const moved = JSON.parse(out);
    expect(moved.model.trainedOn.unavailable).toMatch(/none of the model's 4 training files can be found/);
    expect(moved.baselines.unigram.natsPerNote).toBeNull();
    expect(moved.baselines.unavailable).toMatch(/cannot fit on the model's training files/);
    expect(moved.copying.against).toBe('the n-gram index stored with the model');
    expect(moved.copying.real.ngram8Share).toBeGreaterThan(0.95);
    expect(isNumber(moved.reference.unigram.natsPerNote)).toBe(true);
  }, 300_000);

  it('reports skipped files as licklab corpus does, in the text and in the JSON', async () => {
    const mixed = path.join(tmp, 'mixed');
    writeEtudes(mixed, 1, 30);
    writeFileSync(path.join(mixed, 'zz-broken.mid'), 'not a MIDI file at all');
    const text = await capture(['--corpus', mixed, '--takes', '1']);
    expect(text.out).toMatch(/^skip {2}.*zz-broken\.mid: not a MIDI file/m);
    expect(text.out).toMatch(/corpus: 1 ok, 1 skipped; 1 solos/);
    const json = JSON.parse((await capture(['--corpus', mixed, '--takes', '1', '--json'])).out);
    expect(json.corpus.files).toEqual({ ok: 1, skipped: 1 });
    expect(json.corpus.skipped).toEqual([{ path: path.join(mixed, 'zz-broken.mid'), reason: expect.stringMatching(/^not a MIDI file/) }]);
  }, 300_000);

  it('prints a readable report by default', async () => {
    const { code, out } = await capture(['--corpus', fresh, '--takes', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/nats\/note\s+nats\/event/);
    expect(out).toMatch(/unigram \(these solos: reference\)/);
    expect(out).toMatch(/chord tones on strong beats/);
    expect(out).toMatch(/copying from the model's \d+ training files/);
  }, 300_000);
});

describe('licklab eval: bad input gets one clear line and no output', () => {
  const fails = async (args: string[], message: RegExp, exitCode = 1) => {
    let out = '';
    const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const model = args.includes('--model') ? [] : ['--model', modelDir];
      const err = await run([...args, ...model, '--cache-dir', cache]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).message).toMatch(message);
      expect((err as CliError).message).not.toContain('\n');
      expect((err as CliError).exitCode).toBe(exitCode);
    } finally {
      spyOut.mockRestore();
      spyErr.mockRestore();
    }
    expect(out).toBe('');
  };

  it('a corpus with no MIDI file, or no usable one', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    await fails(['--corpus', empty], /no MIDI files .* found in/);
    const broken = path.join(tmp, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'a.mid'), '<!DOCTYPE html><html></html>');
    await fails(
      ['--corpus', broken],
      /no usable file in .*broken: none of its 1 MIDI files gave a solo with notes \(e\.g\. .*a\.mid: not a MIDI file/,
    );
  });

  it('a corpus with no chords at all', async () => {
    const bare = path.join(tmp, 'bare');
    writeEtudes(bare, 2, 0, { chords: false });
    await fails(['--corpus', bare], /have no chords at all: give each MIDI file a chord chart/);
  });

  it('a model folder that does not load', async () => {
    const bad = path.join(tmp, 'bad-model');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'licklab.json'), '{"format":"something else"}');
    await fails(['--corpus', fresh, '--model', bad], /cannot load the model in .*bad-model: .*not a LickLab model/);
    await fails(['--corpus', fresh, '--model', path.join(tmp, 'nowhere')], /no model folder at/);
  });

  it('missing or bad flags', async () => {
    await fails([], /--corpus DIR is required/, 2);
    await fails(['--corpus', fresh, '--temperature', '0'], /--temperature must be above 0/, 2);
    await fails(['--corpus', fresh, '--takes', '0'], /--takes must be a whole number >= 1/, 2);
    await fails(['--corpus', path.join(tmp, 'nothing-here')], /corpus not found/);
  });
});
