// Standard MIDI File bytes -> tracks of notes, tempo map and meters. The bytes are read by our own
// bounded reader (smf-read.ts); this file turns its events into notes the way @tonejs/midi did (the
// importer's results stay the same) but in linear time: tracks split by channel and program, each
// note-on paired with the first later note-off of its pitch, seconds from the tempo map.
import { checkLimit, IMPORT_LIMITS, ImportError } from './import-limits';
import type { Meter } from './meter-bars';
import { readSmf, type SmfEvent } from './smf-read';

export { ImportError } from './import-limits';
export interface RawNote {
  pitch: number;
  ticks: number; // file ticks (PPQ)
  durTicks: number;
  seconds: number; // from the file's tempo map
  durSeconds: number;
  velocity: number; // 1..127
}

export interface RawTrack {
  index: number; // position in `tracks` (after splitting by channel/program)
  name: string;
  channel: number; // 0..15
  drums: boolean;
  notes: RawNote[];
}

export interface MidiData {
  format: number;
  ppq: number;
  tempos: { ticks: number; bpm: number }[];
  meters: { ticks: number; num: number; den: number }[];
  tracks: RawTrack[];
  endTicks: number;
  warnings: string[];
}

/** One SMF track split by (program, channel) as @tonejs/midi splits it: events without a channel
 *  stay with the first part, so track indices (`--track N`) mean what they meant. */
function splitByChannel(tracks: SmfEvent[][]): SmfEvent[][] {
  const split: SmfEvent[][] = [];
  for (const events of tracks) {
    const base = split.length;
    const partOf = new Map<number, number>();
    const program = new Array<number>(16).fill(0);
    for (const e of events) {
      let target = base;
      if ('channel' in e) {
        if (e.kind === 'program') program[e.channel] = e.program;
        const key = program[e.channel] * 16 + e.channel;
        let part = partOf.get(key);
        if (part === undefined) partOf.set(key, (part = base + partOf.size));
        target = part;
      }
      while (split.length <= target) split.push([]);
      split[target].push(e);
    }
  }
  return split;
}

/** Ticks -> seconds through the tempo map (before the first tempo event: 120 bpm). */
function secondsOf(tempos: { ticks: number; bpm: number }[], ppq: number): (ticks: number) => number {
  // The same floating-point steps as @tonejs/midi, so performance-timed notes land where they did.
  const times: number[] = [];
  let lastBeats = 0;
  tempos.forEach((t, i) => {
    const beats = t.ticks / ppq - lastBeats;
    times.push((60 / tempos[Math.max(0, i - 1)].bpm) * beats + (i ? times[i - 1] : 0));
    lastBeats += beats;
  });
  return (ticks) => {
    let lo = 0;
    let hi = tempos.length; // first tempo with ticks > `ticks`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tempos[mid].ticks <= ticks) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i < 0 ? (60 / 120) * (ticks / ppq) : times[i] + (60 / tempos[i].bpm) * ((ticks - tempos[i].ticks) / ppq);
  };
}

/** Each note-on takes the first note-off of its pitch at or after it; unmatched note-ons are dropped. */
function pairNotes(events: SmfEvent[], seconds: (ticks: number) => number): RawNote[] {
  const offs = new Map<number, number[]>(); // pitch -> ticks of its note-offs, in order
  for (const e of events) {
    if (e.kind !== 'off') continue;
    const list = offs.get(e.pitch);
    if (list) list.push(e.tick);
    else offs.set(e.pitch, [e.tick]);
  }
  const next = new Map<number, number>(); // pitch -> first note-off not yet taken or passed
  const notes: RawNote[] = [];
  for (const e of events) {
    if (e.kind !== 'on') continue;
    const list = offs.get(e.pitch);
    if (!list) continue;
    let k = next.get(e.pitch) ?? 0;
    while (k < list.length && list[k] < e.tick) k++; // note-ons come in time order: passed offs stay unusable
    next.set(e.pitch, k + 1);
    if (k >= list.length) continue;
    const start = seconds(e.tick);
    notes.push({
      pitch: e.pitch,
      ticks: e.tick,
      durTicks: list[k] - e.tick,
      seconds: start,
      durSeconds: seconds(list[k]) - start,
      velocity: e.velocity,
    });
  }
  return notes;
}

export function readMidi(bytes: Uint8Array): MidiData {
  const smf = readSmf(bytes);
  const warnings = [...smf.warnings];
  const ppq = smf.division;
  const byTick = <T extends { ticks: number }>(list: T[]) => list.sort((a, b) => a.ticks - b.ticks);
  let tempos: { ticks: number; bpm: number }[] = [];
  const declaredMeters: Meter[] = [];
  for (const tr of smf.tracks) {
    for (const e of tr) {
      if (e.kind === 'tempo') tempos.push({ ticks: e.tick, bpm: 60_000_000 / e.usPerBeat });
      else if (e.kind === 'meter') declaredMeters.push({ ticks: e.tick, num: e.num, den: e.den });
    }
  }
  byTick(tempos);
  const absurd = tempos.filter((t) => !Number.isFinite(t.bpm) || t.bpm < 10 || t.bpm > 1000);
  if (tempos.length > 0 && absurd.length === tempos.length) {
    throw new ImportError(
      `absurd tempo: ${absurd
        .slice(0, 5)
        .map((t) => `${+t.bpm.toFixed(3)} bpm`)
        .join(', ')} (expected 10..1000 bpm)`,
    );
  }
  if (absurd.length) {
    warnings.push(`ignored ${absurd.length} absurd tempo event(s) (${+absurd[0].bpm.toFixed(3)} bpm)`);
    tempos = tempos.filter((t) => !absurd.includes(t));
  }
  const seconds = secondsOf(tempos, ppq);
  if (tempos.length === 0) {
    warnings.push('no tempo event: assuming 120 bpm');
    tempos = [{ ticks: 0, bpm: 120 }];
  }
  let late = 0;
  const meters = byTick(declaredMeters).filter((m) => {
    const good = m.num >= 1 && m.num <= 32 && [1, 2, 4, 8, 16, 32].includes(m.den);
    if (!good) warnings.push(`ignored bad time signature ${m.num}/${m.den}`);
    if (good && m.ticks / ppq > IMPORT_LIMITS.beats) late++;
    return good && m.ticks / ppq <= IMPORT_LIMITS.beats;
  });
  if (late)
    warnings.push(
      `ignored ${late} time signature(s) after beat ${IMPORT_LIMITS.beats.toLocaleString('en-US')} (the longest music imported)`,
    );
  let endTicks = 0;
  let tracks: RawTrack[] = splitByChannel(smf.tracks).map((events, index) => {
    const notes = pairNotes(events, seconds);
    for (const n of notes) endTicks = Math.max(endTicks, n.ticks + n.durTicks);
    notes.sort((a, b) => a.ticks - b.ticks || b.pitch - a.pitch);
    let channel = 0;
    for (const e of events) if (e.kind === 'on') channel = e.channel;
    const name = events.find((e) => e.kind === 'name');
    return { index, name: name?.kind === 'name' ? name.text.replace(/\p{Cc}/gu, '').trim() : '', channel, drums: channel === 9, notes };
  });
  // A format-1 file's first track is its tempo map: dropped when it holds no sounding note.
  if (smf.format === 1 && tracks.length && !tracks[0].notes.some((n) => n.seconds + n.durSeconds > 0)) {
    tracks = tracks.slice(1).map((t, index) => ({ ...t, index }));
  }
  checkLimit('music too long (beats)', Math.round(endTicks / ppq), IMPORT_LIMITS.beats);
  return { format: smf.format, ppq, tempos, meters, tracks, endTicks, warnings };
}
