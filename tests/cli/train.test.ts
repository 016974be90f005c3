import { Midi } from '@tonejs/midi';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/train';
import { CliError } from '../../cli/cli-error';
import { loadModelFolder } from '../../models/lstm/model-io';
import { modelQuality, weakWarning } from '../../models/lstm/quality';
import { writeEtudes } from '../models/lstm/eval/solo-files';

let root: string;
let corpus: string;
const tiny = ['--preset', 'custom', '--units', '8', '--window', '16', '--batch', '8', '--epochs', '2', '--seed', '4'];

/** A small monophonic MIDI solo: an arpeggio pattern, different per file; with `breathEvery`, a beat's
 *  rest after every that many notes (a breath: where a one-file corpus is cut into phrases). */
async function writeSolo(file: string, seed: number, detached = false, breathEvery = 0) {
  const midi = new Midi();
  midi.header.setTempo(120);
  const track = midi.addTrack();
  const ppq = midi.header.ppq;
  for (let i = 0; i < 64; i++) {
    track.addNote({
      midi: 60 + ((i * (seed + 2)) % 12),
      ticks: (i * ppq) / 2 + (breathEvery ? Math.floor(i / breathEvery) * ppq : 0),
      durationTicks: detached ? ppq / 4 : ppq / 2 - 10,
      velocity: 0.8,
    });
  }
  await fs.writeFile(file, midi.toArray());
}

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await run(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'licklab-cli-train-'));
  corpus = path.join(root, 'corpus');
  await fs.mkdir(corpus);
  for (let i = 0; i < 6; i++) await writeSolo(path.join(corpus, `solo${i}.mid`), i);
  process.env.LICKLAB_CACHE_DIR = path.join(root, 'cache');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('licklab train', () => {
  it('--json prints one object per epoch with the exact keys, then a done line, and writes a loadable model', async () => {
    const out = path.join(root, 'm1');
    const r = await capture(['--corpus', corpus, '--out', out, '--json', '--dev-fraction', '0.34', ...tiny]);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const [i, l] of lines.slice(0, 2).entries()) {
      expect(Object.keys(l)).toEqual([
        'epoch',
        'trainLoss',
        'devLoss',
        'unigramDevLoss',
        'bigramDevLoss',
        'devAccuracy',
        'ms',
        'trainNatsPerNote',
        'devNatsPerNote',
        'unigramDevNatsPerNote',
        'bigramDevNatsPerNote',
      ]);
      expect(l.epoch).toBe(i + 1);
      expect(l.devLoss).toBeGreaterThan(0);
    }
    expect(Object.keys(lines[2])).toEqual([
      'done',
      'bestEpoch',
      'bestDevLoss',
      'out',
      'encoding',
      'bestDevNatsPerNote',
      'unigramDevNatsPerNote',
      'bigramDevNatsPerNote',
      'events',
      'notes',
      'stopOn',
      'quality',
      'splitNote',
      'bestSampleEpoch',
      'panel',
      'panelMs',
      'totalMs',
    ]);
    // These solos have no chords: no panel, and the done line says why.
    expect(lines[2]).toMatchObject({
      stopOn: 'dev-loss',
      bestSampleEpoch: null,
      panel: { unavailable: 'none of the 2 dev solos has chords to play over' },
    });
    expect(lines[2]).toMatchObject({ done: true, out, encoding: 'licklab-events-v2' });
    expect(r.err).toMatch(/backend: /);
    const { model, meta } = await loadModelFolder(out);
    expect(meta.history).toHaveLength(2);
    expect(meta.split.dev).toHaveLength(2);
    expect(meta.corpus).toMatchObject({ dir: corpus, filesOk: 6, filesSkipped: 0 });
    expect(meta.bestDevLoss).toBe(lines[2].bestDevLoss);
    expect(meta.ngramIndex).toBeTruthy();
    expect(meta.encodingVersion).toBe('licklab-events-v2');
    // Per note = the same dev total divided by the dev notes (rest events' nats included).
    const c = meta.corpus;
    for (const [i, l] of lines.slice(0, 2).entries()) {
      expect(l.devNatsPerNote).toBeCloseTo((l.devLoss * c.devEvents) / c.devNotes!, 9);
      expect(meta.history[i].devNatsPerNote).toBe(l.devNatsPerNote);
      expect(l.bigramDevNatsPerNote).toBeCloseTo((l.bigramDevLoss * c.devEvents) / c.devNotes!, 9);
    }
    expect(lines[2].bestDevNatsPerNote).toBe(lines[lines[2].bestEpoch - 1].devNatsPerNote);
    // 2 epochs of 8 units: not clearly below the bigram baseline, and the done line says so (quality.ts).
    expect(lines[2].quality).toEqual(modelQuality(meta));
    expect(lines[2].quality.weak).toBe(true);
    expect(r.err).toContain(weakWarning(modelQuality(meta)));
    model.dispose();
  });

  it('adds the sample panel to every epoch (--json object, text column) and saves it with the history', async () => {
    const withChords = path.join(root, 'etudes');
    writeEtudes(withChords, 6);
    const out = path.join(root, 'm-panel');
    const r = await capture(['--corpus', withChords, '--out', out, '--json', '--dev-fraction', '0.34', '--panel-every', '1', ...tiny]);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const l of lines.slice(0, 2)) {
      expect(Object.keys(l.sample).slice(0, 7)).toEqual([
        'score',
        'chordToneStrong',
        'stepShare',
        'notesPerBar',
        'restShare',
        'longestCopiedRun',
        'ngram8Share',
      ]);
      expect(l.sample.score).toBeGreaterThan(0);
      expect(l.sample.score).toBeLessThanOrEqual(1);
      expect(l.sample.takes).toBe(2);
      expect(l.sample.dev.notesPerBar).toBeGreaterThan(0);
    }
    expect(lines[2]).toMatchObject({ panel: { takes: 2, bars: 16, every: 1, devSolos: 2 } });
    expect(lines[2].bestSampleEpoch).toBeGreaterThanOrEqual(1);
    expect(lines[2].panelMs).toBeLessThanOrEqual(lines[2].totalMs);
    expect(r.err).toMatch(/sample panel: 2 takes x 16 bars \(every 1 epochs\), [\d.]+% of the run's time; best sample score at epoch \d/);
    const { model, meta } = await loadModelFolder(out);
    model.dispose();
    expect(meta.history.map((h) => h.sample?.score)).toEqual(lines.slice(0, 2).map((l) => l.sample.score));
    const text = await capture([
      '--corpus',
      withChords,
      '--out',
      path.join(root, 'm-panel-text'),
      '--dev-fraction',
      '0.34',
      '--panel-every',
      '1',
      ...tiny,
      '--epochs',
      '1',
    ]);
    expect(text.out).toMatch(/\| sample \d\.\d{3} {2}copy [\d.]+\/[\d.]+ notes {2}8g \d+\/\d+%/);
    await expect(run(['--corpus', withChords, '--out', path.join(root, 'x'), '--stop-on', 'loss'])).rejects.toThrow(
      /--stop-on must be one of dev-loss, sample-score, got "loss"/,
    );
    await expect(run(['--corpus', withChords, '--out', path.join(root, 'x'), '--panel-every=1.5'])).rejects.toThrow(
      /--panel-every must be an integer in \[0, 1000\]/,
    );
  });

  it('prints a readable line per epoch and the output folder; refuses an existing --out unless --force', async () => {
    const out = path.join(root, 'm2');
    const r = await capture(['--corpus', corpus, '--out', out, ...tiny]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /epoch {3}1 {2}train \d+\.\d{3} {2}dev \d+\.\d{3} \(ppl [\d.]+\) {2}acc [\d.]+% {2}\| unigram [\d.]+ {2}bigram [\d.]+/,
    );
    expect(r.out).toContain(`saved model: ${out}`);
    // The end summary says the model is weak, with its reason (2 epochs of 8 units).
    expect(r.out).toMatch(/\nWeak model: dev loss \d+\.\d{2} nats\/note is .* the two-note-pattern baseline \d+\.\d{2}: .*scattered notes/);
    expect(r.out).toContain(weakWarning(modelQuality((await loadModelFolder(out)).meta)));
    await expect(run(['--corpus', corpus, '--out', out, ...tiny])).rejects.toThrow(/already exists.*--force/);
    const again = await capture(['--corpus', corpus, '--out', out, '--force', ...tiny, '--epochs', '1']);
    expect(again.code).toBe(0);
    expect((await loadModelFolder(out)).meta.history).toHaveLength(1);
  });

  it('--encoding v1 trains the old encoding (every silence a rest): more events for the same notes, a v1 model', async () => {
    const detached = path.join(root, 'detached');
    await fs.mkdir(detached);
    for (let i = 0; i < 4; i++) await writeSolo(path.join(detached, `solo${i}.mid`), i, true);
    const v1 = path.join(root, 'enc-v1');
    const r1 = await capture(['--corpus', detached, '--out', v1, '--json', '--encoding', 'v1', ...tiny, '--epochs', '1']);
    const v2 = path.join(root, 'enc-v2');
    const r2 = await capture(['--corpus', detached, '--out', v2, '--json', '--encoding', 'licklab-events-v2', ...tiny, '--epochs', '1']);
    const [d1, d2] = [r1, r2].map((r) => JSON.parse(r.out.trim().split('\n').at(-1)!));
    expect(d1.encoding).toBe('licklab-events-v1');
    expect(d2.encoding).toBe('licklab-events-v2');
    expect(d1.notes).toBe(d2.notes);
    expect(d1.events).toBe(2 * d1.notes - 4); // v1: a rest after every detached eighth but each solo's last
    expect(d2.events).toBe(d2.notes); // v2: the silences are the notes' articulation
    const m1 = await loadModelFolder(v1);
    expect(m1.meta.encodingVersion).toBe('licklab-events-v1');
    expect(m1.model.inputs[0].shape[2]).toBe(126);
    m1.model.dispose();
    await expect(run(['--corpus', corpus, '--encoding', 'v3'])).rejects.toThrow(/--encoding must be v1 or v2, got "v3"/);
  });

  it('gives clear errors for bad flags and bad corpora', async () => {
    const bad = (args: string[]) => run(['--corpus', corpus, '--out', path.join(root, 'never'), ...args]);
    await expect(bad(['--dev-fraction', '0.7'])).rejects.toThrow(/--dev-fraction must be in \(0, 0.5\]/);
    await expect(bad(['--dev-fraction', '0'])).rejects.toThrow(/--dev-fraction/);
    await expect(bad(['--epochs', '0'])).rejects.toThrow(/--epochs must be an integer in \[1, 100000\]/);
    await expect(bad(['--epochs', 'many'])).rejects.toThrow(/--epochs must be a number/);
    await expect(bad(['--preset', 'huge'])).rejects.toThrow(/--preset must be one of coursera, default, solos, custom/);
    await expect(bad(['--lr=-1'])).rejects.toThrow(/--lr must be in \(0, 10\]/);
    await expect(bad(['--bogus'])).rejects.toThrow(CliError);
    await expect(run(['--corpus', path.join(root, 'missing')])).rejects.toThrow(/corpus not found/);
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    await expect(capture(['--corpus', empty, '--out', path.join(root, 'never'), ...tiny])).rejects.toThrow(/corpus .* is empty/);
    const one = path.join(root, 'one');
    await fs.mkdir(one);
    await writeSolo(path.join(one, 'only.mid'), 1);
    // One file splits by phrase (cut at breaths); 64 notes without a breath are one phrase: nothing to hold out.
    await expect(capture(['--corpus', one, '--out', path.join(root, 'never'), ...tiny])).rejects.toThrow(
      /^the corpus is one file with 64 notes in 1 phrase: too little to hold any out as dev/,
    );
    await expect(fs.stat(path.join(root, 'never'))).rejects.toThrow();
  });

  it('--from fine-tunes a model: its shape, a lower learning rate, the parent in licklab.json; one file splits by phrase', async () => {
    const one = path.join(root, 'one-phrased');
    await fs.mkdir(one);
    await writeSolo(path.join(one, 'mine.mid'), 3, false, 16); // 64 notes, a breath after every 16: phrases of 32 (at least 24 notes)
    const out = path.join(root, 'tuned');
    const flags = ['--preset', 'custom', '--window', '16', '--batch', '8', '--epochs', '2', '--seed', '4'];
    const r = await capture(['--corpus', one, '--out', out, '--from', 'default', '--json', ...flags]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /fine-tuning "Default model \(shipped\)" \(1 x 128, licklab-events-v2\): its weights and vocabulary, learning rate 0\.005 \(0\.5 x the preset's\)/,
    );
    expect(r.err).toMatch(
      /One file, so it is split by phrase \(cut at its breaths\), not by overlapping window: 2 phrases, 1 phrase \(32 notes\) held out as dev, 32 notes to train on/,
    );
    expect(r.err).toMatch(/the parent before fine-tuning: dev \d+\.\d{3} nats\/note/);
    expect(r.err).toMatch(/sample panel: off \(the corpus is one file, split by phrase: no held-out solo to play over\)/);
    const done = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(done.parent).toMatchObject({ id: '@default', name: 'Default model (shipped)', units: 128, layers: 1 });
    const m = await loadModelFolder(out);
    m.model.dispose();
    expect(m.meta.parent).toEqual(done.parent);
    expect(m.meta.parent!.startDevNatsPerNote).toBeGreaterThan(0);
    expect(m.meta.hyperparameters).toMatchObject({ units: 128, layers: 1, learningRate: 0.005 });
    expect(m.meta.splitNote).toMatch(/^One file, so it is split by phrase/);
    // A fine-tune of a fine-tuned model names its own parent (the folder).
    const again = await capture(['--corpus', corpus, '--out', path.join(root, 'tuned2'), '--from', out, ...flags, '--lr', '0.001']);
    expect(again.out).toMatch(
      /fine-tuning "tuned" \(1 x 128, licklab-events-v2\): its weights and vocabulary, learning rate 0\.001, early stopping/,
    );
    expect((await loadModelFolder(path.join(root, 'tuned2'))).meta.parent).toMatchObject({ id: out, name: 'tuned' });
  }, 120_000);

  it('--from refuses, with the reason and before training, a model it cannot read or a run of another shape or encoding', async () => {
    const never = path.join(root, 'never-tuned');
    const bad = (args: string[]) => capture(['--corpus', corpus, '--out', never, ...args]);
    await expect(bad(['--from', path.join(root, 'no-such-model')])).rejects.toThrow(/^cannot fine-tune "no-such-model": /);
    await expect(bad(['--from', 'default', '--units', '64'])).rejects.toThrow(
      'cannot fine-tune "Default model (shipped)": it is a 1 x 128 network (layers x units), the run asks for units = 64; a fine-tune keeps its parent\'s shape (drop --units, or train from scratch)',
    );
    await expect(bad(['--from', 'default', '--encoding', 'v1'])).rejects.toThrow(
      /^cannot fine-tune "Default model \(shipped\)": it reads and writes licklab-events-v2, the run asks for licklab-events-v1/,
    );
    await expect(fs.stat(never)).rejects.toThrow();
  });

  it('refuses an --out it cannot create before training, not after', async () => {
    const file = path.join(root, 'a-file');
    await fs.writeFile(file, 'x');
    const started = Date.now();
    await expect(run(['--corpus', corpus, '--out', path.join(file, 'deep', 'model'), ...tiny])).rejects.toThrow(
      /cannot write the model folder .*a-file is a file, not a folder/,
    );
    // procfs refuses new folders even to root (a permission check would say yes)
    if (process.platform === 'linux')
      await expect(run(['--corpus', corpus, '--out', '/proc/licklab-test/model', ...tiny])).rejects.toThrow(
        /cannot create folders in \/proc/,
      );
    expect(Date.now() - started).toBeLessThan(5000); // refused up front: no corpus import, no epoch
    expect((await fs.readdir(root)).filter((f) => f.startsWith('.licklab-write-test'))).toEqual([]);
  });
});
