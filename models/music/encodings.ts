// The vocabulary as a value chosen by version: a model records its encoding version in
// licklab.json, and everything that builds, trains, loads or samples a network asks
// `vocabularyFor(version)` for its sizes, input layout, encoder and decoder. v1 (vocabulary.ts) is
// kept whole so every saved model and take still loads; new models train in v2 (encode-v2.ts).
import { decodeEvents, encodeTune } from './encode';
import { decodeEventsV2, encodeTuneV2, foldArticulations, unfoldToV1 } from './encode-v2';
import type { Note, Tune } from './types';
import {
  DURATIONS,
  DURATION_TOKENS,
  ENCODING_V1,
  ENCODING_V2,
  MAX_BEATS,
  PITCH_TOKENS,
  REL_HIGH,
  REL_LOW,
  REST,
  TICKS_PER_BEAT,
  inputLayout,
  layoutIndices,
  type EncodedEvent,
  type EncodedTune,
  type EncodingVersion,
} from './vocabulary';
import {
  ARTICULATIONS,
  BREATH_TICKS,
  DURATION_TOKENS_V2,
  IOI_TICKS,
  LEGATO,
  articulationOfToken,
  ioiOfToken,
  soundingTicks,
} from './vocabulary-v2';

export type { EncodingVersion } from './vocabulary';
export const ENCODING_VERSIONS: readonly EncodingVersion[] = [ENCODING_V1, ENCODING_V2];
/** What a new model trains in unless told otherwise. */
export const DEFAULT_TRAINING_ENCODING: EncodingVersion = ENCODING_V2;

/** What licklab.json records about a vocabulary (`vocabulary`), so a model folder says what it reads. */
export interface VocabularySummary {
  inputSize: number;
  pitchTokens: number;
  durationTokens: number;
  durations: number[]; // v1: the durations; v2: the IOIs (each x the articulation classes)
  relLow: number;
  relHigh: number;
  ticksPerBeat: number;
  maxBeats: number;
  articulations?: { name: string; ratio: number }[]; // v2
  breathTicks?: number; // v2
}

export interface Vocabulary {
  version: EncodingVersion;
  pitchTokens: number;
  durationTokens: number;
  inputSize: number;
  /** Ticks from an event's onset to the next event's onset. */
  spanTicks(dur: number): number;
  /** How long a note with this duration token sounds. */
  soundingTicks(dur: number): number;
  /** May a rest take this duration token? (v2 rests are always legato.) */
  restAllows(dur: number): boolean;
  /** Active input units for predicting `current`, given the event before it (null at the start). */
  inputIndices(prev: EncodedEvent | null, current: Omit<EncodedEvent, 'pitch' | 'dur'>): number[];
  encode(tune: Tune): EncodedTune & { startTick: number };
  decode(events: readonly EncodedEvent[], startTick: number, velocity?: number): Note[];
  /** This version's events of a v1 event list (exact: v2 is defined on v1's events). */
  fromV1(events: readonly EncodedEvent[]): EncodedEvent[];
  /** v1 events of the same notes, for note-level readers written for v1 (metrics, novelty). */
  toV1(events: readonly EncodedEvent[]): EncodedEvent[];
  summary(): VocabularySummary;
}

const common = { relLow: REL_LOW, relHigh: REL_HIGH, ticksPerBeat: TICKS_PER_BEAT, maxBeats: MAX_BEATS };

function v1Ticks(dur: number): number {
  const d = DURATIONS[dur];
  if (d === undefined) throw new Error(`bad duration token ${dur}`);
  return d;
}

const V1_LAYOUT = inputLayout(DURATION_TOKENS);
const V1: Vocabulary = {
  version: ENCODING_V1,
  pitchTokens: PITCH_TOKENS,
  durationTokens: DURATION_TOKENS,
  inputSize: V1_LAYOUT.inputSize,
  spanTicks: v1Ticks,
  soundingTicks: v1Ticks,
  restAllows: (dur) => dur >= 0 && dur < DURATION_TOKENS,
  inputIndices: (prev, current) => layoutIndices(V1_LAYOUT, prev, current),
  encode: (tune) => encodeTune(tune),
  decode: (events, startTick, velocity = 90) => decodeEvents([...events], startTick, [], velocity),
  fromV1: (events) => [...events],
  toV1: (events) => [...events],
  summary: () => ({
    inputSize: V1_LAYOUT.inputSize,
    pitchTokens: PITCH_TOKENS,
    durationTokens: DURATION_TOKENS,
    durations: [...DURATIONS],
    ...common,
  }),
};

const V2_LAYOUT = inputLayout(DURATION_TOKENS_V2);
const V2: Vocabulary = {
  version: ENCODING_V2,
  pitchTokens: PITCH_TOKENS,
  durationTokens: DURATION_TOKENS_V2,
  inputSize: V2_LAYOUT.inputSize,
  spanTicks: ioiOfToken,
  soundingTicks: (dur) => soundingTicks(ioiOfToken(dur), articulationOfToken(dur)),
  restAllows: (dur) => dur >= 0 && dur < DURATION_TOKENS_V2 && articulationOfToken(dur) === LEGATO,
  inputIndices: (prev, current) => layoutIndices(V2_LAYOUT, prev, current),
  encode: encodeTuneV2,
  decode: decodeEventsV2,
  fromV1: foldArticulations,
  toV1: unfoldToV1,
  summary: () => ({
    inputSize: V2_LAYOUT.inputSize,
    pitchTokens: PITCH_TOKENS,
    durationTokens: DURATION_TOKENS_V2,
    durations: [...IOI_TICKS],
    ...common,
    articulations: ARTICULATIONS.map((a) => ({ ...a })),
    breathTicks: BREATH_TICKS,
  }),
};

const BY_VERSION: Record<EncodingVersion, Vocabulary> = { [ENCODING_V1]: V1, [ENCODING_V2]: V2 };

export function isEncodingVersion(v: unknown): v is EncodingVersion {
  return typeof v === 'string' && (ENCODING_VERSIONS as readonly string[]).includes(v);
}

/** The vocabulary of a version; a clear error for a version this build does not know. */
export function vocabularyFor(version: string): Vocabulary {
  if (!isEncodingVersion(version)) {
    throw new Error(`unknown encoding ${JSON.stringify(version)}: this LickLab knows ${ENCODING_VERSIONS.map((v) => `"${v}"`).join(', ')}`);
  }
  return BY_VERSION[version];
}

/** The version a short or full name means: "v1", "v2", "licklab-events-v2". */
export function parseEncodingName(name: string): EncodingVersion {
  const full = /^v\d+$/i.test(name) ? `licklab-events-${name.toLowerCase()}` : name;
  return vocabularyFor(full).version;
}

/** The vocabulary whose network has these sizes, or null (a network says its vocabulary by its shape). */
export function vocabularyForSizes(inputSize: number, pitchTokens: number, durationTokens: number): Vocabulary | null {
  return (
    ENCODING_VERSIONS.map((v) => BY_VERSION[v]).find(
      (v) => v.inputSize === inputSize && v.pitchTokens === pitchTokens && v.durationTokens === durationTokens,
    ) ?? null
  );
}

/** The encoding of a tune's events (untagged = v1, what encodeTune makes). */
export function encodingOfTune(tune: EncodedTune): EncodingVersion {
  return tune.encoding ?? ENCODING_V1;
}

/** A tune's events in `version`: as they are, or folded from v1 (exact). v2 -> v1 would lose the
 *  exact note lengths and rest conditions, so it is refused: encode the notes in v1 instead. */
export function tuneIn(tune: EncodedTune, version: EncodingVersion): EncodedTune {
  const from = encodingOfTune(tune);
  if (from === version) return tune;
  if (from !== ENCODING_V1)
    throw new Error(`tune ${tune.id} is encoded in ${from} and cannot be turned into ${version}: encode its notes in ${version}`);
  return { id: tune.id, source: tune.source, events: vocabularyFor(version).fromV1(tune.events), encoding: version };
}

/** Notes in a list of events (rest events, and any other non-note event, excluded). */
export function countNotes(events: readonly EncodedEvent[]): number {
  let n = 0;
  for (const e of events) if (e.pitch !== REST) n++;
  return n;
}
