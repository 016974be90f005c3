import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import midiPkg from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { DEFAULT_MODEL_DIR } from '../../models/lstm/default-model';
import { initBackend } from '../../models/lstm/backend';
import { referenceHistograms } from '../../models/lstm/metrics';
import { saveModelFolder } from '../../models/lstm/model-io';
import { metaFromResult } from '../../models/lstm/model-meta';
import { buildNgramIndex } from '../../models/lstm/novelty';
import { train } from '../../models/lstm/train';
import { fixtureCorpus } from '../models/lstm/helpers/fixture-corpus';
import { formChart } from '../../models/music/forms';
import { chartBars, readBack } from '../models/music/midi-readback';

const { Midi } = midiPkg;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-sample-cli-'));
const modelDir = path.join(tmp, 'model');
const bareModelDir = path.join(tmp, 'model-without-index');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(['sample', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  const backend = await initBackend();
  const tunes = fixtureCorpus(6);
  const result = await train(tunes, {
    preset: 'custom',
    hyperparameters: { units: 16, layers: 1, epochs: 1, window: 32, batchSize: 16 },
    devFraction: 0.2,
    seed: 2,
  });
  const meta = metaFromResult(result, backend);
  await saveModelFolder(bareModelDir, result.model, meta);
  const trainSet = new Set(meta.split.train);
  const dev = referenceHistograms(tunes.filter((t) => !trainSet.has(t.source)));
  await saveModelFolder(modelDir, result.model, {
    ...meta,
    ngramIndex: buildNgramIndex(
      tunes.filter((t) => trainSet.has(t.source)),
      dev,
    ),
  });
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('licklab sample', () => {
  it('same model, seed and settings: byte-identical MIDI; another seed: another take', async () => {
    const a = path.join(tmp, 'a.mid');
    const b = path.join(tmp, 'b.mid');
    const c = path.join(tmp, 'c.mid');
    const common = [
      '--model',
      modelDir,
      '--chords',
      '| Dm7 G7 | Cmaj7 | Em7b5 A7 | Dm7 |',
      '--bars',
      '8',
      '--temperature',
      '1.1',
      '--top-p',
      '0.95',
    ];
    expect((await cli(...common, '--seed', '5', '--out', a)).code).toBe(0);
    expect((await cli(...common, '--seed', '5', '--out', b)).code).toBe(0);
    expect((await cli(...common, '--seed', '6', '--out', c)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    const midi = new Midi(readFileSync(a));
    expect(midi.tracks.filter((t) => t.notes.length).map((t) => t.name)).toEqual(['Solo', 'Chords', 'Bass']);
    expect(midi.header.tempos[0].bpm).toBeCloseTo(160, 3);
  });

  it('--json prints the take summary and its metrics', async () => {
    const r = await cli(
      '--model',
      modelDir,
      '--form',
      'blues',
      '--key',
      'Bb',
      '--seed',
      '9',
      '--temperature',
      '0.8',
      '--tempo',
      '200',
      '--out',
      path.join(tmp, 'j.mid'),
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['notes', 'bars', 'seed', 'temperature', 'instrument', 'humanize', 'name', 'metrics', 'encoding']);
    expect([json.instrument, json.humanize, json.name]).toEqual(['piano', 0, 'LickLab solo over 12-bar blues in Bb']);
    expect(json.encoding).toBe('licklab-events-v2'); // new models train in v2
    expect(json.bars).toBe(12);
    expect(json.seed).toBe(9);
    expect(json.temperature).toBe(0.8);
    expect(json.notes).toBe(new Midi(readFileSync(path.join(tmp, 'j.mid'))).tracks.find((t) => t.name === 'Solo')!.notes.length);
    for (const k of [
      'chordToneRatio',
      'pitchEntropy',
      'longestCopiedRun',
      'copiedNgramShare',
      'scaleToneRatio',
      'intervalDistance',
      'durationDistance',
    ]) {
      expect(json.metrics, k).toHaveProperty(k);
    }
    expect(typeof json.metrics.longestCopiedRun).toBe('number');
    expect(typeof json.metrics.intervalDistance).toBe('number');
  });

  it('reports novelty as unavailable for a model without an index whose corpus is gone', async () => {
    const r = await cli('--model', bareModelDir, '--seed', '1', '--out', path.join(tmp, 'bare.mid'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.metrics.longestCopiedRun).toBeNull();
    expect(json.metrics.unavailable.join(' ')).toMatch(/no n-gram index/);
  });

  it('runs as a real command (bin/licklab.js), exit code and JSON on stdout', () => {
    const out = path.join(tmp, 'spawned.mid');
    const r = spawnSync(
      process.execPath,
      ['bin/licklab.js', 'sample', '--model', modelDir, '--seed', '5', '--bars', '4', '--out', out, '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!).bars).toBe(4);
    const bad = spawnSync(process.execPath, ['bin/licklab.js', 'sample', '--model', modelDir, '--top-p', '2', '--out', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/licklab sample: --top-p must be in \(0, 1\]/);
  });

  it('--instrument tenor --name "F blues — keeper": a DAW-ready file read back (name, markers, key, programs, dynamics)', () => {
    const out = path.join(tmp, 'keeper.mid');
    const r = spawnSync(
      process.execPath,
      [
        'bin/licklab.js',
        'sample',
        '--model',
        modelDir,
        '--form',
        'blues',
        '--key',
        'F',
        '--seed',
        '11',
        '--instrument',
        'tenor',
        '--humanize',
        '0.5',
        '--name',
        'F blues — keeper',
        '--out',
        out,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).not.toMatch(/Error|licklab sample/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}: "F blues — keeper"`);
    expect(r.stdout).toContain('on tenor sax');
    const back = readBack(readFileSync(out));
    expect(back.name).toBe('F blues — keeper');
    expect(back.description).toMatch(/^LickLab solo over 12-bar blues in F · temperature 1, seed 11$/);
    const barTicks = 4 * back.ppq;
    const expected = chartBars(formChart('blues', 'F'));
    expect(expected.map((_, i) => back.markers.filter((m) => Math.floor(m.tick / barTicks) === i).map((m) => m.text))).toEqual(expected);
    expect(back.keySignature).toEqual({ sharps: -1, minor: false });
    expect(back.tracks.map((t) => [t.name, t.program])).toEqual([
      ['Solo', 66],
      ['Chords', 0],
      ['Bass', 32],
    ]);
    const solo = back.tracks[0].notes;
    expect(solo.length).toBeGreaterThan(8);
    expect(new Set(solo.map((n) => n.velocity)).size).toBeGreaterThan(1);
    // played in a tenor's range (Ab2..Eb5)
    for (const n of solo) expect(n.pitch >= 44 && n.pitch <= 75, `pitch ${n.pitch}`).toBe(true);
  });

  it('uses the shipped default model when --model is not given', async () => {
    expect(existsSync(path.join(DEFAULT_MODEL_DIR, 'licklab.json')), 'assets/default-model ships with LickLab').toBe(true);
    const out = path.join(tmp, 'default.mid');
    const r = await cli('--form', 'bird-blues', '--seed', '3', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).bars).toBe(12);
    expect(existsSync(out)).toBe(true);
  });

  it('says how to get a model when the default model is missing', async () => {
    const out = path.join(tmp, 'none.mid');
    // A separate process: the default model's folder is resolved when the module loads.
    const r = spawnSync(process.execPath, ['bin/licklab.js', 'sample', '--form', 'bird-blues', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, LICKLAB_DEFAULT_MODEL: path.join(tmp, 'no-such-model') },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/the default model is missing .*licklab train/);
    expect(existsSync(out)).toBe(false);
  });

  describe('bad input: clear error, non-zero exit, nothing overwritten', () => {
    const keep = path.join(tmp, 'keep.mid');
    beforeAll(() => writeFileSync(keep, 'precious'));
    const cases: [string, string[], RegExp][] = [
      ['an unknown chord symbol', ['--chords', '| Dm7 G7 | Cmaj7 | Xq9 |'], /unknown chord symbol "Xq9" in bar 3/],
      ['temperature 0', ['--temperature', '0'], /--temperature must be above 0/],
      ['temperature above 2.5', ['--temperature', '2.6'], /at most 2.5/],
      ['top-p 0', ['--top-p', '0'], /--top-p must be in \(0, 1\]/],
      ['top-p above 1', ['--top-p', '1.5'], /--top-p must be in \(0, 1\]/],
      ['bars 0', ['--bars', '0'], /--bars must be a whole number above 0/],
      ['bars negative', ['--bars=-4'], /--bars must be a whole number above 0/],
      ['an unknown form', ['--form', 'polka'], /unknown form "polka"/],
      ['a bad key', ['--form', 'blues', '--key', 'H'], /bad key "H"/],
      [
        'an unknown instrument',
        ['--instrument', 'banjo'],
        /--instrument must be one of piano, tenor, alto, trumpet, vibes, guitar, got "banjo"/,
      ],
      ['humanize above 1', ['--humanize', '1.5'], /--humanize must be between 0 and 1/],
      ['an empty name', ['--name', ' '], /--name needs some text/],
      ['a mistyped flag', ['--temprature', '0.5'], /unknown option --temprature; did you mean --temperature\?/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const r = await cli('--model', modelDir, ...args, '--out', keep);
        expect(r.code).not.toBe(0);
        expect(r.err).toMatch(message);
        expect(readFileSync(keep, 'utf8')).toBe('precious');
      });
    }

    it('a missing or incompatible model', async () => {
      const missing = await cli('--model', path.join(tmp, 'nope'), '--out', keep);
      expect(missing.code).not.toBe(0);
      expect(missing.err).toMatch(/no model folder/);
      const wrong = path.join(tmp, 'wrong-model');
      mkdirSync(wrong);
      for (const f of readdirSync(modelDir)) writeFileSync(path.join(wrong, f), readFileSync(path.join(modelDir, f)));
      const meta = JSON.parse(readFileSync(path.join(wrong, 'licklab.json'), 'utf8'));
      writeFileSync(path.join(wrong, 'licklab.json'), JSON.stringify({ ...meta, encodingVersion: 'licklab-events-v0' }));
      const incompatible = await cli('--model', wrong, '--out', keep);
      expect(incompatible.code).not.toBe(0);
      expect(incompatible.err).toMatch(/encoding/);
      expect(readFileSync(keep, 'utf8')).toBe('precious');
    });

    it('an unwritable output path', async () => {
      const noDir = await cli('--model', modelDir, '--out', path.join(tmp, 'no-such-dir', 'x.mid'));
      expect(noDir.code).not.toBe(0);
      expect(noDir.err).toMatch(/does not exist/);
      const isDir = await cli('--model', modelDir, '--out', tmp);
      expect(isDir.code).not.toBe(0);
      expect(isDir.err).toMatch(/is a folder/);
      expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
    });
  });
});
