import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusTotals } from '../../../models/music/corpus';
import { importMidiBytes } from '../../../models/music/import-file';
import { DEFAULT_CORPUS_DIR, loadDefaultCorpus } from '../../../models/music/default-corpus';
import { chordAt, decodeEvents, encodeTune } from '../../../models/music/encode';
import { etudeFiles, generateEtude } from '../../../models/music/etudes/etude';
import { ARCHETYPES } from '../../../models/music/etudes/players';
import { FORMS } from '../../../models/music/forms';
import { relativeChordMask } from '../../../models/music/vocabulary';
import { defaultCorpusPlan } from '../../../models/music/etudes/plan';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-dc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 180 files: imported once (into a fresh cache) for the tests below, which get a longer timeout.
let loaded: ReturnType<typeof loadDefaultCorpus> | null = null;
const corpusOnce = () => (loaded ??= loadDefaultCorpus({ cacheDir: path.join(tmp, 'cache') }));

describe('default corpus (assets/default-corpus)', () => {
  it('plays every form in all 12 keys, ballad to up-tempo, by every player', () => {
    const plan = defaultCorpusPlan();
    for (const form of FORMS) {
      const etudes = plan.filter((s) => s.form === form.name);
      expect(new Set(etudes.map((s) => s.key)).size, form.name).toBe(12);
      expect(new Set(etudes.map((s) => s.player)).size, form.name).toBe(ARCHETYPES.length);
    }
    const tempos = plan.map((s) => s.tempo);
    expect(Math.min(...tempos)).toBeLessThan(80);
    expect(Math.max(...tempos)).toBeGreaterThan(280);
    expect(plan.filter((s) => s.feel === 'ballad').length).toBeGreaterThan(5);
    expect(new Set(plan.map((s) => s.name)).size).toBe(plan.length);
  });

  it('has >= 500 choruses as MIDI + chord chart pairs and imports completely with chart chords', async () => {
    const files = readdirSync(DEFAULT_CORPUS_DIR);
    const mids = files.filter((f) => f.endsWith('.mid'));
    expect(mids.length).toBe(defaultCorpusPlan().length);
    for (const m of mids) expect(files).toContain(m.replace(/\.mid$/, '.chords.txt'));
    const choruses = defaultCorpusPlan().reduce((a, s) => a + s.choruses, 0);
    expect(choruses).toBeGreaterThanOrEqual(500);
    const corpus = await corpusOnce();
    const totals = corpusTotals(corpus.files);
    expect(totals.skipped).toBe(0);
    expect(totals.ok).toBe(mids.length);
    for (const f of corpus.files) {
      expect(f.chordSource).toBe('chart');
      expect(f.chordCoverage).toBe(1);
      expect(f.warnings ?? []).toEqual([]);
    }
  }, 240_000);

  it('encode/decode round-trips exactly on the whole default corpus', async () => {
    const corpus = await corpusOnce();
    let events = 0;
    for (const tune of corpus.tunes) {
      const enc = encodeTune(tune);
      events += enc.events.length;
      const back = decodeEvents(enc.events, enc.startTick, tune.bars);
      expect(
        back.map((n) => [n.pitch, n.start, n.dur]),
        tune.id,
      ).toEqual(tune.notes.map((n) => [n.pitch, n.start, n.dur]));
    }
    expect(events).toBeGreaterThan(100_000);
  }, 240_000);

  it('the shipped files are exactly what the generator makes (reproducible)', () => {
    for (const spec of defaultCorpusPlan()) {
      const { midi, chart } = etudeFiles(spec);
      expect(readFileSync(path.join(DEFAULT_CORPUS_DIR, `${spec.name}.chords.txt`), 'utf8'), spec.name).toBe(chart);
      expect(Buffer.from(midi).equals(readFileSync(path.join(DEFAULT_CORPUS_DIR, `${spec.name}.mid`))), spec.name).toBe(true);
    }
  }, 120_000);
});

describe('etude generator', () => {
  const spec = { name: 't', form: 'blues', key: 'F', tempo: 180, choruses: 3, feel: 'swing' as const, seed: 7, player: 0 };
  const strongChordTones = (e: ReturnType<typeof generateEtude>) => {
    const strong = e.notes.filter((n) => n.start % 24 === 0);
    const tones = strong.filter((n) => {
      const c = chordAt(n.start, e.chords);
      return (relativeChordMask(c.mask, c.root) >> ((n.pitch - c.root + 120) % 12)) & 1;
    });
    return { ratio: tones.length / strong.length, strong: strong.length };
  };

  it('is deterministic per seed (same bytes) and differs across seeds', () => {
    const a = etudeFiles(spec);
    const b = etudeFiles(spec);
    expect(Buffer.from(a.midi).equals(Buffer.from(b.midi))).toBe(true);
    expect(a.chart).toBe(b.chart);
    expect(generateEtude({ ...spec, seed: 8 }).notes).not.toEqual(a.etude.notes);
  });

  it("mixes chord tones and tensions on strong beats (not only chord tones), in the player's range", () => {
    let tones = 0;
    let strong = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const e = generateEtude({ ...spec, seed, player: seed % ARCHETYPES.length, form: FORMS[seed % FORMS.length].name });
      const r = strongChordTones(e);
      tones += r.ratio * r.strong;
      strong += r.strong;
      expect(Math.min(...e.notes.map((n) => n.pitch))).toBeGreaterThanOrEqual(e.player.lo);
      expect(Math.max(...e.notes.map((n) => n.pitch))).toBeLessThanOrEqual(e.player.hi);
    }
    expect(tones / strong).toBeGreaterThan(0.35);
    expect(tones / strong).toBeLessThan(0.7);
  });

  it('swings with real articulation: swung and even upbeats, triplets, sixteenths, detached notes, breaths', () => {
    const e = generateEtude(spec);
    const at = (sub: number) => e.notes.filter((n) => n.start % 12 === sub).length;
    expect(at(8) + at(6) + at(9)).toBeGreaterThan(e.notes.length / 4);
    expect(at(4)).toBeGreaterThan(0); // triplets
    expect(at(3)).toBeGreaterThan(0); // sixteenths (and notes behind the beat)
    const gaps = e.notes.slice(1).map((n, i) => n.start - (e.notes[i].start + e.notes[i].dur));
    expect(gaps.every((g) => g >= 0)).toBe(true); // one line, never overlapping
    expect(gaps.filter((g) => g >= 1 && g <= 3).length / gaps.length).toBeGreaterThan(0.25); // detached notes
    expect(gaps.filter((g) => g === 0).length / gaps.length).toBeGreaterThan(0.15); // legato notes
    expect(gaps.filter((g) => g >= 12).length).toBeGreaterThanOrEqual(2 * 3); // breaths between phrases
  });

  it('velocities move musically: ghosted notes, accents, no flat line', () => {
    let ghosts = 0;
    let accents = 0;
    let total = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const e = generateEtude({ ...spec, seed, player: seed });
      const v = e.notes.map((n) => n.velocity).sort((a, b) => a - b);
      const median = v[Math.floor(v.length / 2)];
      expect(v.every((x) => x >= 1 && x <= 127)).toBe(true);
      ghosts += v.filter((x) => x <= median - 15).length;
      accents += v.filter((x) => x >= median + 10).length;
      total += v.length;
    }
    expect(ghosts / total).toBeGreaterThan(0.02);
    expect(accents / total).toBeGreaterThan(0.05);
  });

  it('bossa is straight (sixteenth lattice), the waltz is in 3/4, a ballad fills its bars', () => {
    const bossa = generateEtude({ ...spec, form: 'bossa', feel: 'straight', tempo: 140 });
    expect(bossa.notes.filter((n) => n.start % 12 === 6).length).toBeGreaterThan(bossa.notes.filter((n) => n.start % 12 === 8).length * 3);
    const waltz = generateEtude({ ...spec, form: 'jazz-waltz' });
    expect(waltz.meter).toEqual([3, 4]);
    expect(waltz.bars[1].start).toBe(36);
    const perBar = (x: ReturnType<typeof generateEtude>) => x.notes.length / x.bars.length;
    const ballad = generateEtude({ ...spec, tempo: 70, feel: 'ballad', player: 3 });
    const burner = generateEtude({ ...spec, tempo: 290, player: 3 });
    expect(perBar(ballad)).toBeGreaterThan(perBar(burner));
  });

  it("an etude's MIDI and chart import back to exactly its notes (each beat on one grid)", () => {
    for (const name of ['bossa', 'jazz-waltz', 'blues', 'falling-leaves']) {
      const { midi, chart, etude } = etudeFiles({ ...spec, form: name, tempo: name === 'falling-leaves' ? 72 : 200, player: 1 });
      const r = importMidiBytes(`${name}.mid`, name, midi, { chart });
      expect(r.report.warnings ?? [], name).toEqual([]);
      expect(
        r.tune!.notes.map((n) => [n.pitch, n.start, n.dur]),
        name,
      ).toEqual(etude.notes.map((n) => [n.pitch, n.start, n.dur]));
    }
  });

  it('refuses a spec it cannot write, saying why', () => {
    expect(() => generateEtude({ ...spec, form: 'polka' })).toThrow(/unknown form "polka"/);
    expect(() => generateEtude({ ...spec, choruses: 0 })).toThrow(/choruses must be a whole number >= 1/);
    expect(() => generateEtude({ ...spec, tempo: 1000 })).toThrow(/tempo must be 40..400 bpm/);
  });
});
