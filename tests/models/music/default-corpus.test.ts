import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusTotals } from '../../../models/music/corpus';
import { DEFAULT_CORPUS_DIR, loadDefaultCorpus } from '../../../models/music/default-corpus';
import { chordAt, decodeEvents, encodeTune } from '../../../models/music/encode';
import { etudeFiles, generateEtude } from '../../../models/music/etudes/etude';
import { chordTonePcs } from '../../../models/music/etudes/harmony';
import { defaultCorpusPlan } from '../../../models/music/etudes/plan';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-dc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('default corpus (assets/default-corpus)', () => {
  it('has >= 150 choruses as MIDI + chord chart pairs and imports completely with chart chords', async () => {
    const files = readdirSync(DEFAULT_CORPUS_DIR);
    const mids = files.filter((f) => f.endsWith('.mid'));
    expect(mids.length).toBeGreaterThanOrEqual(40);
    for (const m of mids) expect(files).toContain(m.replace(/\.mid$/, '.chords.txt'));
    const choruses = defaultCorpusPlan().reduce((a, s) => a + s.choruses, 0);
    expect(choruses).toBeGreaterThanOrEqual(150);
    const corpus = await loadDefaultCorpus({ cacheDir: path.join(tmp, 'cache') });
    const totals = corpusTotals(corpus.files);
    expect(totals.skipped).toBe(0);
    expect(totals.ok).toBe(mids.length);
    for (const f of corpus.files) {
      expect(f.chordSource).toBe('chart');
      expect(f.chordCoverage).toBe(1);
      expect(f.warnings ?? []).toEqual([]);
    }
  });

  it('encode/decode round-trips exactly on the whole default corpus', async () => {
    const corpus = await loadDefaultCorpus({ cacheDir: path.join(tmp, 'cache') });
    let events = 0;
    for (const tune of corpus.tunes) {
      const enc = encodeTune(tune);
      events += enc.events.length;
      const back = decodeEvents(enc.events, enc.startTick, tune.bars);
      expect(back.map((n) => [n.pitch, n.start, n.dur]), tune.id).toEqual(tune.notes.map((n) => [n.pitch, n.start, n.dur]));
    }
    expect(events).toBeGreaterThan(10_000);
  });

  it('the shipped files are exactly what the generator makes (reproducible)', () => {
    for (const spec of defaultCorpusPlan()) {
      const { midi, chart } = etudeFiles(spec);
      expect(readFileSync(path.join(DEFAULT_CORPUS_DIR, `${spec.name}.chords.txt`), 'utf8'), spec.name).toBe(chart);
      expect(Buffer.from(midi).equals(readFileSync(path.join(DEFAULT_CORPUS_DIR, `${spec.name}.mid`))), spec.name).toBe(true);
    }
  });
});

describe('etude generator', () => {
  const spec = { name: 't', form: 'blues', key: 'F', tempo: 180, choruses: 3, feel: 'swing' as const, seed: 7 };

  it('is deterministic per seed and differs across seeds', () => {
    expect(generateEtude(spec).notes).toEqual(generateEtude(spec).notes);
    expect(generateEtude({ ...spec, seed: 8 }).notes).not.toEqual(generateEtude(spec).notes);
  });

  it('plays chord tones on the beats, stays in range, breathes, and swings', () => {
    const e = generateEtude(spec);
    const onBeat = e.notes.filter((n) => n.start % 12 === 0);
    const chordTones = onBeat.filter((n) => chordTonePcs(chordAt(n.start, e.chords)).includes(n.pitch % 12));
    expect(chordTones.length / onBeat.length).toBeGreaterThan(0.95);
    expect(Math.min(...e.notes.map((n) => n.pitch))).toBeGreaterThanOrEqual(55);
    expect(Math.max(...e.notes.map((n) => n.pitch))).toBeLessThanOrEqual(84);
    const swungOffbeats = e.notes.filter((n) => n.start % 12 === 8).length;
    const triplets = e.notes.filter((n) => n.start % 12 === 4).length;
    expect(swungOffbeats).toBeGreaterThan(e.notes.length / 4);
    expect(triplets).toBeGreaterThan(0);
    // breaths: gaps of at least a beat between phrases, several per chorus
    const gaps = e.notes.slice(1).filter((n, i) => n.start - (e.notes[i].start + e.notes[i].dur) >= 12).length;
    expect(gaps).toBeGreaterThanOrEqual(6);
    // passing tones are mostly steps: a line, not random leaps
    const steps = e.notes.slice(1).filter((n, i) => Math.abs(n.pitch - e.notes[i].pitch) <= 4).length;
    expect(steps / (e.notes.length - 1)).toBeGreaterThan(0.7);
  });

  it('bossa is straight (sixteenth lattice), the waltz is in 3/4', () => {
    const bossa = generateEtude({ ...spec, form: 'bossa', feel: 'straight', tempo: 140 });
    expect(bossa.notes.filter((n) => n.start % 12 === 6).length).toBeGreaterThan(bossa.notes.length / 4);
    const waltz = generateEtude({ ...spec, form: 'jazz-waltz' });
    expect(waltz.meter).toEqual([3, 4]);
    expect(waltz.bars[1].start).toBe(36);
  });
});
