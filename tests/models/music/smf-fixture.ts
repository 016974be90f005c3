// A tiny Standard MIDI File writer for tests: exact control over format (0 or 1), channels,
// tempo and meter events, and broken files, independent of the importer under test.
export interface FixtureEvent {
  tick: number;
  kind: 'on' | 'off' | 'tempo' | 'meter' | 'name';
  channel?: number;
  pitch?: number;
  velocity?: number;
  bpm?: number;
  num?: number;
  den?: number;
  text?: string;
}

function vlq(n: number): number[] {
  const out = [n & 0x7f];
  while ((n >>= 7) > 0) out.unshift((n & 0x7f) | 0x80);
  return out;
}

function trackChunk(events: FixtureEvent[]): number[] {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || (a.kind === 'off' ? -1 : 0) - (b.kind === 'off' ? -1 : 0));
  const body: number[] = [];
  let last = 0;
  for (const e of sorted) {
    body.push(...vlq(e.tick - last));
    last = e.tick;
    const ch = e.channel ?? 0;
    if (e.kind === 'on') body.push(0x90 | ch, e.pitch!, e.velocity ?? 100);
    else if (e.kind === 'off') body.push(0x80 | ch, e.pitch!, 0);
    else if (e.kind === 'tempo') {
      const us = Math.round(60_000_000 / e.bpm!);
      body.push(0xff, 0x51, 3, (us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff);
    } else if (e.kind === 'meter') body.push(0xff, 0x58, 4, e.num!, Math.log2(e.den!), 24, 8);
    else if (e.kind === 'name') {
      const bytes = [...Buffer.from(e.text!, 'latin1')];
      body.push(0xff, 0x03, ...vlq(bytes.length), ...bytes);
    }
  }
  body.push(0, 0xff, 0x2f, 0);
  const len = body.length;
  return [0x4d, 0x54, 0x72, 0x6b, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff, ...body];
}

/** Build SMF bytes. format 0 takes exactly one track. */
export function buildSmf(format: 0 | 1, ppq: number, tracks: FixtureEvent[][]): Uint8Array {
  if (format === 0 && tracks.length !== 1) throw new Error('format 0 has one track');
  const head = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, format, 0, tracks.length, (ppq >> 8) & 0xff, ppq & 0xff];
  return Uint8Array.from([...head, ...tracks.flatMap(trackChunk)]);
}

/** Note on+off events for (pitch, startBeat, lengthBeats) triples. */
export function notes(ppq: number, list: [number, number, number][], channel = 0, velocity = 100): FixtureEvent[] {
  return list.flatMap(([pitch, start, len]) => [
    { tick: Math.round(start * ppq), kind: 'on' as const, channel, pitch, velocity },
    { tick: Math.round((start + len) * ppq), kind: 'off' as const, channel, pitch },
  ]);
}
