// The LSTM's vocabulary, version licklab-events-v1: the module constants below (PITCH_TOKENS,
// DURATION_TOKENS, INPUT_SIZE, DURATIONS, inputIndices) are v1's, as every caller written before
// v2 assumes. Every model records its version (licklab.json `encodingVersion`); the vocabulary of
// a version is a value: `vocabularyFor(version)` (models/music/encodings.ts) gives its sizes,
// input layout, encoder and decoder. Change anything here => a new version, never an edit of v1.
//   licklab-events-v1 (this file): every silence is a rest event, so an articulation gap of a tick
//     (a detached eighth) costs a rest event. 41% of the events of the WJD solos are rests.
//   licklab-events-v2 (vocabulary-v2.ts, docs/encoding.md): a silence shorter than half a beat
//     folds into the note before it (duration token = onset-to-onset interval x articulation
//     class); only breaths stay rest events (12% of the events on WJD).
//
// A solo is a sequence of events. Each event is a note or a rest, with a duration, and it is
// heard over the chord sounding at its onset and at a metric position:
//   - time grid: 12 ticks per beat, so sixteenths (3 ticks) and eighth-note triplets (4 ticks)
//     are both exact.
//   - pitch: key-invariant, relative to the current chord's root. token 0 = rest; tokens 1..N are
//     `midi - rootPc` for midi - rootPc in [REL_LOW, REL_HIGH] (notes outside are moved by octaves).
//     N.C. uses root 0 (C). Decoding: midi = REL_LOW + token - 1 + rootPc, exact.
//   - duration: one of DURATIONS (ticks). A gap that is not a single duration becomes rests
//     (greedy, longest first), so onsets always decode exactly.
//   - condition (known before the event is chosen, so generation can use it): the chord's pitch
//     classes relative to its root (12 bits) or N.C., the beat in the bar, the tick in the beat.

//
// The vocabulary in numbers (licklab-events-v1):
//   PITCH_TOKENS = 74: token 0 = rest, tokens 1..73 = 24..96 semitones above the chord root
//     (over C: C1..C7; over B: B1..B7). A line is key-invariant: the same lick over Dm7 and over
//     Em7 gives the same tokens.
//   DURATION_TOKENS = 17: 1, 2, 3, 4, 6, 8, 9, 12, 16, 18, 24, 30, 36, 48, 60, 72, 96 ticks
//     (a 16th = 3, triplet 8th = 4, swung long 8th = 8, 8th = 6, quarter = 12, ..., two bars of 4/4 = 96).
//   INPUT_SIZE = 126 units: previous pitch (74 + BOS), previous duration (17 + BOS), chord pitch
//     classes relative to the root (12) + an N.C. flag, beat in bar (8), tick in beat (12).
// Conventions of models/music/encode.ts (encodeTune/decodeEvents):
//   - a tune is encoded from its first note's onset (EncodedTune.startTick); leading silence is dropped;
//   - notes are one line in time order: a note is cut at the next onset and floored to a DURATIONS
//     value; the rest of the gap becomes rests (decomposeTicks), so onsets are always exact and
//     decoding the events of an imported (quantized) tune gives back exactly its notes;
//   - each event's condition (root, chordMask, beat, sub) is taken at the event's own onset
//     (contextAt): the chord sounding there (N.C. if none), the beat of the bar it falls in
//     (bars longer than MAX_BEATS share the last position), the tick within that beat.
export const ENCODING_V1 = 'licklab-events-v1';
export const ENCODING_V2 = 'licklab-events-v2';
export type EncodingVersion = typeof ENCODING_V1 | typeof ENCODING_V2;
/** The version of this module's constants (v1). New models train in DEFAULT_TRAINING_ENCODING (encodings.ts). */
export const ENCODING_VERSION: EncodingVersion = ENCODING_V1;
export const TICKS_PER_BEAT = 12;

export const REL_LOW = 24; // with root C: C1
export const REL_HIGH = 96; // with root C: C7
export const REST = 0;
export const PITCH_TOKENS = REL_HIGH - REL_LOW + 2; // rest + 73 relative pitches

export const DURATIONS: readonly number[] = [1, 2, 3, 4, 6, 8, 9, 12, 16, 18, 24, 30, 36, 48, 60, 72, 96];
export const DURATION_TOKENS = DURATIONS.length;

export const MAX_BEATS = 8; // beats in a bar beyond the 8th share the last position

/** One encoded event: what the model predicts (pitch, dur) and the condition it is heard over. */
export interface EncodedEvent {
  pitch: number; // pitch token (0 = rest)
  dur: number; // duration token (index into DURATIONS)
  root: number; // chord root pitch class 0..11, or -1 for N.C.
  chordMask: number; // 12-bit mask of the chord's pitch classes RELATIVE to its root (bit 0 = root); 0 for N.C.
  beat: number; // beat index within the bar, clamped to MAX_BEATS - 1
  sub: number; // tick within the beat, 0..TICKS_PER_BEAT-1
}

/** One tune (a file, or one chorus of it) ready for training; `source` is the file it came from,
 *  so the train/dev split can be made by file. */
export interface EncodedTune {
  id: string;
  source: string;
  events: EncodedEvent[];
  /** The encoding of `events`; absent = licklab-events-v1 (what encodeTune makes). */
  encoding?: EncodingVersion;
}

export function rootOrC(root: number): number {
  return root < 0 ? 0 : root;
}

/** Pitch token of a MIDI note over a chord root (-1 = N.C.). Out-of-range notes move by octaves. */
export function pitchToken(midi: number, root: number): number {
  let rel = midi - rootOrC(root);
  while (rel < REL_LOW) rel += 12;
  while (rel > REL_HIGH) rel -= 12;
  return rel - REL_LOW + 1;
}

/** MIDI pitch of a pitch token over a chord root, or null for a rest. */
export function tokenToMidi(token: number, root: number): number | null {
  if (token === REST) return null;
  return token - 1 + REL_LOW + rootOrC(root);
}

/** The duration token of exactly `ticks`, or -1 if the vocabulary has no such duration. */
export function durationToken(ticks: number): number {
  return DURATIONS.indexOf(ticks);
}

/** The longest vocabulary duration that is <= ticks (ticks >= 1). */
export function floorDuration(ticks: number): number {
  let best = DURATIONS[0];
  for (const d of DURATIONS) if (d <= ticks) best = d;
  return best;
}

/** Split a gap into vocabulary durations, longest first; the parts sum exactly to `ticks`. */
export function decomposeTicks(ticks: number): number[] {
  const parts: number[] = [];
  let left = ticks;
  while (left > 0) {
    const d = floorDuration(left);
    parts.push(d);
    left -= d;
  }
  return parts;
}

/** Rotate an absolute 12-bit pitch-class mask so that bit 0 is the root. */
export function relativeChordMask(absoluteMask: number, root: number): number {
  if (root < 0) return 0;
  let rel = 0;
  for (let pc = 0; pc < 12; pc++) if (absoluteMask & (1 << pc)) rel |= 1 << ((pc - root + 12) % 12);
  return rel;
}

// ---- Network input layout (one-hot/multi-hot, as sparse index lists) ----
// [prev pitch (PITCH_TOKENS + BOS) | prev dur (duration tokens + BOS) | chord bits 12 + N.C. flag |
//  beat one-hot MAX_BEATS | sub-beat one-hot TICKS_PER_BEAT]; every version shares it, only the
// number of duration tokens differs.
// The previous note's pitch is re-expressed over the CURRENT root, so a held line across a chord
// change stays the same absolute pitch to the network.
export const BOS_PITCH = PITCH_TOKENS;
export const BOS_DUR = DURATION_TOKENS;

/** Offsets of the input blocks for a vocabulary of `durationTokens` duration tokens. */
export interface InputLayout {
  durationTokens: number; // the prev-dur block has durationTokens + 1 units (the last = BOS)
  offDur: number;
  offChord: number;
  offBeat: number;
  offSub: number;
  inputSize: number;
}

export function inputLayout(durationTokens: number): InputLayout {
  const offDur = PITCH_TOKENS + 1;
  const offChord = offDur + durationTokens + 1;
  const offBeat = offChord + 13;
  const offSub = offBeat + MAX_BEATS;
  return { durationTokens, offDur, offChord, offBeat, offSub, inputSize: offSub + TICKS_PER_BEAT };
}

const V1_LAYOUT = inputLayout(DURATION_TOKENS);
export const INPUT_SIZE = V1_LAYOUT.inputSize;

/** Re-express the previous event's pitch token over the current chord root. */
export function reexpressPitch(prevToken: number, prevRoot: number, root: number): number {
  if (prevToken === REST || prevToken === BOS_PITCH) return prevToken;
  return pitchToken(tokenToMidi(prevToken, prevRoot)!, root);
}

/** Active input units of `layout` for predicting `current`, given the event before it (null at the start). */
export function layoutIndices(layout: InputLayout, prev: EncodedEvent | null, current: Omit<EncodedEvent, 'pitch' | 'dur'>): number[] {
  const idx: number[] = [];
  idx.push(prev ? reexpressPitch(prev.pitch, prev.root, current.root) : BOS_PITCH);
  idx.push(layout.offDur + (prev ? prev.dur : layout.durationTokens));
  if (current.root < 0) idx.push(layout.offChord + 12);
  else for (let b = 0; b < 12; b++) if (current.chordMask & (1 << b)) idx.push(layout.offChord + b);
  idx.push(layout.offBeat + Math.min(current.beat, MAX_BEATS - 1));
  idx.push(layout.offSub + current.sub);
  return idx;
}

/** Active input units (v1 layout) for predicting `current`, given the event before it (null at the start). */
export function inputIndices(prev: EncodedEvent | null, current: Omit<EncodedEvent, 'pitch' | 'dur'>): number[] {
  return layoutIndices(V1_LAYOUT, prev, current);
}
