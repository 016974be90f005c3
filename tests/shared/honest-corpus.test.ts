// Issue 19, "Must show" 3: notes dropped on import over the 386 WJD solos, before and after the
// honest import (pickup notes kept in pickup bars instead of dropped), and how many files are flagged.
//
// BEFORE, measured once by running the old importer itself (a checkout of 9412c4a, every WJD file
// imported with no cache): 1,410 notes dropped = 308 notes starting earlier than -0.25 beats before
// the grid's first beat + 1,102 notes dropped to make one line. The same 1,410 is the sum over the
// files of (notes of the solo track - notes imported). This test replays that old rule on the same
// files (below) and checks it still gives exactly 1,410.
//
// The figure cannot be read back from today's reports alone: the pickup warning counts the notes
// before -1/8 beat (320: 12 of them, between -1/4 and -1/8, the old importer snapped onto the first
// beat), and kept pickup notes can now collide on the grid (1,107 line drops instead of 1,102), so
// droppedNotes + the pickup count is 1,427. The test prints that figure too, beside the replay.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/corpus';
import type { FileReport } from '../../models/music/corpus';
import { sidecarPaths } from '../../models/music/corpus';
import { parseBeatGrid, secondsToBeats } from '../../models/music/beat-grid';
import { readMidi } from '../../models/music/midi-read';
import { quantizeLine, type TimedNote } from '../../models/music/quantize';
import { chooseSoloTrack } from '../../models/music/solo-track';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WJD = path.resolve(projectRoot, '../shared/corpus/wjd');
const cache = mkdtempSync(path.join(os.tmpdir(), 'licklab-honest-corpus-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** Measured with the old importer (9412c4a) over the 386 WJD solos, see the header. */
const MEASURED_BEFORE = 1410;

beforeAll(() => {
  if (!existsSync(path.join(WJD, 'midi')))
    throw new Error(`team corpus not found at ${WJD}: this suite needs ../shared/corpus beside the project`);
});

/** The old importer's drops for one file: notes earlier than -0.25 beats before the grid's first
 *  beat were dropped (later ones snapped to it), then the line dropped its collisions. */
function oldDropped(file: string): { pickup: number; line: number } {
  const solo = chooseSoloTrack(readMidi(new Uint8Array(readFileSync(file))).tracks).solo;
  const csvPath = sidecarPaths(file).csv.find((p) => existsSync(p));
  let timed: TimedNote[];
  let pickup = 0;
  if (csvPath) {
    const grid = parseBeatGrid(readFileSync(csvPath, 'utf8'));
    timed = [];
    for (const n of solo.notes) {
      const startBeat = secondsToBeats(grid, n.seconds);
      if (startBeat < -0.25) {
        pickup++;
        continue;
      }
      timed.push({
        pitch: n.pitch,
        startBeat: Math.max(0, startBeat),
        endBeat: secondsToBeats(grid, n.seconds + n.durSeconds),
        velocity: n.velocity,
      });
    }
  } else {
    const ppq = readMidi(new Uint8Array(readFileSync(file))).ppq;
    timed = solo.notes.map((n) => ({
      pitch: n.pitch,
      startBeat: n.ticks / ppq,
      endBeat: (n.ticks + n.durTicks) / ppq,
      velocity: n.velocity,
    }));
  }
  return { pickup, line: quantizeLine(timed).dropped };
}

async function corpusJson(dir: string): Promise<{ files: FileReport[] }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    await run([dir, '--json', '--cache-dir', cache]);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

describe('notes dropped on import over the 386 WJD solos, before and after', () => {
  it('after < before; the old rule replayed gives the measured figure; flagged files by kind', async () => {
    const { files } = await corpusJson(path.join(WJD, 'midi'));
    expect(files.length).toBe(386);
    const ok = files.filter((f) => f.status === 'ok');

    let before = 0;
    let beforePickup = 0;
    for (const f of ok) {
      const d = oldDropped(f.path);
      before += d.pickup + d.line;
      beforePickup += d.pickup;
    }
    let after = 0;
    let pickupKept = 0;
    for (const f of ok) {
      expect(f.sourceNotes! - f.droppedNotes!, f.path).toBe(f.notes);
      after += f.droppedNotes!;
      for (const w of f.warnings ?? []) {
        const m = /^(\d+) note\(s\) before the grid's first beat kept/.exec(w);
        if (m) pickupKept += Number(m[1]);
      }
    }
    const fromReports = after + pickupKept;
    const byKind: Record<string, number> = {};
    for (const f of ok) for (const flag of f.flags ?? []) byKind[flag.kind] = (byKind[flag.kind] ?? 0) + 1;
    const flagged = ok.filter((f) => f.flags?.length).length;

    console.log(
      [
        `WJD, ${ok.length} of ${files.length} files imported:`,
        `  before: ${before} notes dropped (${beforePickup} before the grid's first beat + ${before - beforePickup} to make one line); measured with the old importer: ${MEASURED_BEFORE}`,
        `  after:  ${after} notes dropped (all to make one line); ${pickupKept} notes kept in pickup bars`,
        `  from today's reports (droppedNotes + pickup notes kept): ${fromReports}`,
        `  flagged: ${flagged} files (${
          Object.entries(byKind)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ') || 'none'
        })`,
      ].join('\n'),
    );

    expect(before).toBe(MEASURED_BEFORE);
    expect(after).toBeLessThan(before);
    expect(beforePickup).toBeGreaterThan(0);
    expect(pickupKept).toBeGreaterThanOrEqual(beforePickup); // every note the old rule dropped there is kept
    // Solo transcriptions are one line: nothing in WJD plays chords or only a corner of its tune.
    expect(byKind['not-a-solo'] ?? 0).toBe(0);
    expect(byKind['part-of-tune'] ?? 0).toBe(0);
    for (const f of ok.filter((x) => x.flags?.some((k) => k.kind === 'lost-notes')))
      expect(f.droppedNotes! / f.sourceNotes!, f.path).toBeGreaterThan(0.03);
  });
});
