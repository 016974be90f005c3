// Seeded mutations of real MIDI files for `npm run fuzz`: the kinds of damage that broke the
// importer before (lying chunk and meta lengths, endless VLQs, a time signature far in the future,
// header and PPQ edits) and plain corruption (bit flips, truncation, splices, random bytes, text).
// Same seed, same mutants: a failure found once can be reproduced.

export interface Mutant {
  kind: string;
  bytes: Uint8Array;
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, list: readonly T[]): T => list[int(rand, list.length)];

/** Offsets of the track chunks ("MTrk"), whose length field follows the id. */
function trackOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 8 <= b.length; i++) if (b[i] === 0x4d && b[i + 1] === 0x54 && b[i + 2] === 0x72 && b[i + 3] === 0x6b) out.push(i);
  return out;
}

function setU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

function insert(b: Uint8Array, at: number, extra: number[]): Uint8Array {
  const out = new Uint8Array(b.length + extra.length);
  out.set(b.subarray(0, at));
  out.set(extra, at);
  out.set(b.subarray(at), at + extra.length);
  return out;
}

/** Inserts `event` at the start of the first track and fixes that track's length, so the file stays well-formed around it. */
function insertEvent(b: Uint8Array, event: number[]): Uint8Array {
  const tracks = trackOffsets(b);
  if (!tracks.length) return b;
  const at = tracks[0];
  const out = insert(b, at + 8, event);
  const len = ((b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]) >>> 0;
  setU32(out, at + 4, len + event.length);
  return out;
}

const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0x0fffffff, 0x00ffffff];
const HUGE_VLQ = [
  [0xff, 0xff, 0xff, 0x7f],
  [0x8f, 0xff, 0xff, 0xff, 0x7f],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
];

const MUTATIONS: Record<string, (b: Uint8Array, rand: Rand, other: Uint8Array) => Uint8Array> = {
  'bit flips': (b, rand) => {
    const out = b.slice();
    for (let i = 0, n = 1 + int(rand, 8); i < n; i++) out[int(rand, out.length)] ^= 1 << int(rand, 8);
    return out;
  },
  truncation: (b, rand) => b.slice(0, int(rand, b.length)),
  'huge chunk length': (b, rand) => {
    const out = b.slice();
    const tracks = trackOffsets(out);
    setU32(out, tracks.length && rand() < 0.8 ? pick(rand, tracks) + 4 : 4, pick(rand, HUGE));
    return out;
  },
  'huge meta length': (b, rand) => {
    const metas: number[] = [];
    for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xff && b[i + 1] <= 0x7f) metas.push(i);
    if (!metas.length) return insertEvent(b, [0, 0xff, 0x01, ...pick(rand, HUGE_VLQ)]);
    const at = pick(rand, metas) + 2;
    const out = b.slice();
    const vlq = pick(rand, HUGE_VLQ);
    out.set(vlq.slice(0, Math.min(vlq.length, out.length - at)), at);
    return out;
  },
  'huge VLQ': (b, rand) => insertEvent(b, [...pick(rand, HUGE_VLQ), 0xff, 0x58, 4, 1 + int(rand, 32), int(rand, 6), 24, 8]),
  'far time signature': (b, rand) =>
    insertEvent(b, [0xff, 0xff, 0xff, 0x7f, 0xff, 0x58, 4, pick(rand, [0, 1, 255]), pick(rand, [0, 5, 31, 255]), 24, 8]),
  'tempo edit': (b, rand) =>
    insertEvent(b, [
      0,
      0xff,
      0x51,
      3,
      ...pick(rand, [
        [0, 0, 0],
        [0, 0, 1],
        [0xff, 0xff, 0xff],
      ]),
    ]),
  'header edit': (b, rand) => {
    const out = b.slice();
    if (out.length < 14) return out;
    const field = pick(rand, [8, 10, 4]); // format, track count, header length
    if (field === 4) setU32(out, 4, pick(rand, [0, 2, 5, 7, 1000, 0xffffffff]));
    else {
      out[field] = int(rand, 256);
      out[field + 1] = int(rand, 256);
    }
    return out;
  },
  'PPQ edit': (b, rand) => {
    const out = b.slice();
    if (out.length < 14) return out;
    const ppq = pick(rand, [0, 1, 3, 0x7fff, 0x8000, 0xe728, int(rand, 65536)]);
    out[12] = ppq >> 8;
    out[13] = ppq & 0xff;
    return out;
  },
  splice: (b, rand, other) => {
    const cut = int(rand, b.length);
    const from = int(rand, other.length);
    const out = new Uint8Array(cut + other.length - from);
    out.set(b.subarray(0, cut));
    out.set(other.subarray(from), cut);
    return out;
  },
  'random bytes': (b, rand) => {
    const out = b.slice();
    const at = int(rand, out.length);
    for (let i = at, n = Math.min(out.length, at + 1 + int(rand, 64)); i < n; i++) out[i] = int(rand, 256);
    return out;
  },
  text: (b, rand) => {
    const texts = [
      '<!DOCTYPE html><html><body>404 Not Found</body></html>',
      'MThd',
      'MThd\0\0\0\x06\0\x01\0\x02\0\x60MTrk',
      '| C7 | F7 |\n'.repeat(20),
      '',
    ];
    const t = new TextEncoder().encode(pick(rand, texts));
    return rand() < 0.5 ? t : insert(b, int(rand, b.length), [...t]);
  },
};

export const MUTATION_KINDS = Object.keys(MUTATIONS);

/** The n-th mutant of a seeded run: a kind (round robin, so every kind is tried), applied to a random seed file, sometimes twice. */
export function mutate(files: Uint8Array[], rand: Rand, n: number): Mutant {
  const kind = MUTATION_KINDS[n % MUTATION_KINDS.length];
  const base = pick(rand, files);
  let bytes = MUTATIONS[kind](base, rand, pick(rand, files));
  let label = kind;
  if (rand() < 0.25) {
    const second = pick(rand, MUTATION_KINDS);
    bytes = MUTATIONS[second](bytes, rand, pick(rand, files));
    label = `${kind} + ${second}`;
  }
  return { kind: label, bytes };
}
