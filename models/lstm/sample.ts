// Generate a solo over chord changes, one stateful LSTM step per event.
//
// Sampling uses the inverse CDF over tokens sorted by the model's score (highest first). Dividing
// scores by a temperature never changes that order, so with the step's common random number u
// fixed by the seed, a lower temperature can only move the pick toward the top: T -> 0 is greedy,
// and two takes with the same seed differ only where the temperature changes the pick. The draws
// are keyed by the event's onset tick (not its count), so two takes that drift apart use the same
// draws again whenever they reach the same tick.
// The events are in the stepper's own vocabulary (v1 or v2, read from the network's shape).
import { contextAt } from '../music/encode';
import { barsEnd, type Bar, type ChordSpan, type Note } from '../music/types';
import { REST, tokenToMidi, type EncodedEvent, type EncodingVersion } from '../music/vocabulary';
import type { CopyState, NoveltyIndex } from './novelty';
import { CommonRandom } from './rng';
import type { LstmStepper } from './stepper';
import type { Vocabulary } from '../music/encodings';

/** The one temperature range, 0 < T <= MAX_TEMPERATURE: the sampler, the contract and the CLI check it here. */
export const MAX_TEMPERATURE = 2.5;

/** What is wrong with a temperature, or null when it is in range. */
export function temperatureProblem(t: unknown): string | null {
  return typeof t === 'number' && Number.isFinite(t) && t > 0 && t <= MAX_TEMPERATURE
    ? null
    : `must be above 0 and at most ${MAX_TEMPERATURE}, got ${String(t)}`;
}

export interface SamplingSettings {
  temperature: number; // 0 < T <= 2.5; near 0 = greedy
  topK?: number; // keep the k best tokens (0 / undefined = all)
  topP?: number; // keep the smallest top set whose probability reaches p, 0 < p <= 1
}

/** Throws a RangeError saying what is wrong with the settings. */
export function validateSampling(s: SamplingSettings): void {
  const hot = temperatureProblem(s.temperature);
  if (hot) throw new RangeError(`temperature ${hot}`);
  if (s.topK !== undefined && (!Number.isInteger(s.topK) || s.topK < 0))
    throw new RangeError(`top-k must be a whole number >= 0 (0 = off), got ${s.topK}`);
  if (s.topP !== undefined && (!Number.isFinite(s.topP) || s.topP <= 0 || s.topP > 1))
    throw new RangeError(`top-p must be in (0, 1], got ${s.topP}`);
}

// chooseToken's scratch, reused by every call (it runs twice per generated event): the candidate
// tokens and their weights, grown when a vocabulary is larger.
let orderBuf = new Int32Array(128);
let weightBuf = new Float64Array(128);

/** Move the best of order[from..count) to `from` (highest score; ties: the lower token index), so
 *  order[0..from] is the ranking's head. Weights follow their tokens when given. */
function selectNext(logits: ArrayLike<number>, order: Int32Array, from: number, count: number, weights?: Float64Array): void {
  let best = from;
  let bl = logits[order[from]];
  for (let i = from + 1; i < count; i++) {
    const l = logits[order[i]];
    if (l > bl || (l === bl && order[i] < order[best])) {
      best = i;
      bl = l;
    }
  }
  if (best === from) return;
  const t = order[from];
  order[from] = order[best];
  order[best] = t;
  if (weights) {
    const w = weights[from];
    weights[from] = weights[best];
    weights[best] = w;
  }
}

/** Pick a token from scores (logits) with one uniform u in [0,1); `allowed` masks tokens out
 *  (0 = not allowed; generate makes the masks once per take, TokenMasks below). Tokens are ranked by score, ties by index;
 *  the draw walks that ranking, so only the ranking's head is ever sorted (selection, a token at a
 *  time: most draws end within the first few tokens, where a full sort of ~80 tokens per call was
 *  a third of the sampler's time). */
export function chooseToken(logits: ArrayLike<number>, u: number, s: SamplingSettings, allowed?: ArrayLike<number>): number {
  if (orderBuf.length < logits.length) {
    orderBuf = new Int32Array(logits.length);
    weightBuf = new Float64Array(logits.length);
  }
  const order = orderBuf;
  const weights = weightBuf;
  let count = 0;
  let top = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    if (allowed && !allowed[i]) continue;
    order[count++] = i;
    if (logits[i] > top) top = logits[i];
  }
  if (count === 0) throw new Error('no token is allowed at this step');
  // Top-k: the k best tokens lead; only they are weighed.
  const kept = s.topK && s.topK > 0 ? Math.min(s.topK, count) : count;
  if (kept < count) for (let i = 0; i < kept; i++) selectNext(logits, order, i, count);
  let total = 0;
  for (let i = 0; i < kept; i++) {
    weights[i] = Math.exp((logits[order[i]] - top) / s.temperature);
    total += weights[i];
  }
  // From here order[0..sorted) is in ranking order; the rest is sorted on demand.
  let sorted = kept < count ? kept : 0;
  let n = kept;
  if (s.topP !== undefined && s.topP < 1) {
    let cum = 0;
    for (n = 0; n < kept;) {
      if (n >= sorted) selectNext(logits, order, sorted++, kept, weights);
      cum += weights[n++] / total;
      if (cum >= s.topP) break;
    }
    total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
  }
  const target = u * total;
  let cum = 0;
  for (let i = 0; i < n; i++) {
    if (i >= sorted) selectNext(logits, order, sorted++, n, weights);
    cum += weights[i];
    if (target < cum) return order[i];
  }
  if (n - 1 >= sorted) for (let i = sorted; i < n; i++) selectNext(logits, order, i, n, weights);
  return order[n - 1];
}

export interface PitchRange {
  low: number; // MIDI, inclusive
  high: number;
}

export interface GenerateOptions extends SamplingSettings {
  chords: ChordSpan[];
  bars: Bar[];
  seed: number | string;
  /** Where the take starts and stops (ticks); default: the first bar's start to the end of the last bar. */
  startTick?: number;
  endTick?: number;
  /** Notes outside are never chosen (default 48..84, C3..C6). */
  pitchRange?: PitchRange;
  /** Events that warm the state before the take (a corpus phrase or a user's phrase, encoded in the
   *  model's encoding); not part of the take. */
  primer?: readonly EncodedEvent[];
  /** Resample a note that would make a run copied from training longer than this (needs `novelty`). */
  maxCopiedRun?: number;
  novelty?: NoveltyIndex | null;
  /** Resample attempts per offending note before it is kept anyway (default 8). */
  maxRetries?: number;
  velocity?: number;
}

export interface Take {
  events: EncodedEvent[]; // in `encoding`
  encoding?: EncodingVersion; // the model's (absent in takes saved before v2 = v1)
  notes: Note[];
  startTick: number;
  endTick: number;
  seed: number; // the normalized 32-bit seed actually used
  temperature: number;
  topK: number;
  topP: number;
  pitchRange: PitchRange;
  maxCopiedRun: number | null;
  /** Notes redrawn because they extended a copied run past maxCopiedRun; and those kept after maxRetries. */
  resampled: number;
  capMisses: number;
}

export const DEFAULT_RANGE: PitchRange = { low: 48, high: 84 };

export function checkPitchRange(r: PitchRange): void {
  if (!Number.isInteger(r.low) || !Number.isInteger(r.high) || r.low < 0 || r.high > 127 || r.high - r.low < 11) {
    throw new RangeError(`pitch range must be MIDI notes 0..127 spanning at least an octave, got ${r.low}..${r.high}`);
  }
}

/** A primer from a corpus tune's events: `count` events from `from` (negative = from the end). */
export function primerFromEvents(events: readonly EncodedEvent[], from = 0, count = 32): EncodedEvent[] {
  const start = from < 0 ? Math.max(0, events.length + from) : from;
  return events.slice(start, start + count);
}

/** Warm the stepper with a primer (events with their own conditions); returns the last event (or null). */
export function warmUp(stepper: LstmStepper, primer: readonly EncodedEvent[]): EncodedEvent | null {
  let prev: EncodedEvent | null = null;
  for (const e of primer) {
    stepper.step(stepper.vocabulary.inputIndices(prev, e));
    prev = e;
  }
  return prev;
}

/** Which tokens a step may choose, as masks for chooseToken (1 = allowed), made once per take: the
 *  pitches in range over each chord root (a rest always), and the durations that fit before the end
 *  (after a rest, only those a rest may have). */
class TokenMasks {
  private readonly byRoot = new Map<number, Uint8Array>();
  private readonly pitchScratch: Uint8Array;
  private readonly durMask: Uint8Array;
  private readonly spans: Float64Array;
  private readonly restOk: Uint8Array;

  constructor(
    private readonly vocab: Vocabulary,
    private readonly pitchCount: number,
    durCount: number,
    private readonly range: PitchRange,
  ) {
    this.pitchScratch = new Uint8Array(pitchCount);
    this.durMask = new Uint8Array(durCount);
    this.spans = Float64Array.from({ length: durCount }, (_, d) => vocab.spanTicks(d));
    this.restOk = Uint8Array.from({ length: durCount }, (_, d) => (vocab.restAllows(d) ? 1 : 0));
  }

  pitches(root: number, banned: readonly number[]): Uint8Array {
    let mask = this.byRoot.get(root);
    if (!mask) {
      mask = new Uint8Array(this.pitchCount);
      for (let t = 0; t < this.pitchCount; t++) {
        if (t === REST) mask[t] = 1;
        else if (t < this.vocab.pitchTokens) {
          const midi = tokenToMidi(t, root)!;
          mask[t] = midi >= this.range.low && midi <= this.range.high ? 1 : 0;
        }
      }
      this.byRoot.set(root, mask);
    }
    if (!banned.length) return mask;
    this.pitchScratch.set(mask);
    for (const t of banned) this.pitchScratch[t] = 0;
    return this.pitchScratch;
  }

  durations(remaining: number, rest: boolean): Uint8Array {
    const m = this.durMask;
    for (let d = 0; d < m.length; d++) m[d] = this.spans[d] <= remaining && (!rest || this.restOk[d]) ? 1 : 0;
    return m;
  }
}

export function generate(stepper: LstmStepper, options: GenerateOptions): Take {
  validateSampling(options);
  const range = options.pitchRange ?? DEFAULT_RANGE;
  checkPitchRange(range);
  const { chords, bars } = options;
  const startTick = options.startTick ?? (bars.length ? bars[0].start : 0);
  const endTick = options.endTick ?? barsEnd(bars);
  if (!(endTick > startTick))
    throw new RangeError(`nothing to generate: the form ends at tick ${endTick}, before it starts (${startTick})`);
  const cap = options.maxCopiedRun ?? null;
  if (cap !== null && (!Number.isInteger(cap) || cap < 1))
    throw new RangeError(`the copied-run cap must be a whole number of notes >= 1, got ${cap}`);
  if (cap !== null && !options.novelty) throw new Error('a copied-run cap needs the n-gram index of the training set');
  const maxRetries = options.maxRetries ?? 8;
  const rng = new CommonRandom(options.seed);
  const settings: SamplingSettings = { temperature: options.temperature, topK: options.topK ?? 0, topP: options.topP ?? 1 };
  const vocab = stepper.vocabulary;

  stepper.reset();
  let prev = warmUp(stepper, options.primer ?? []);
  const masks = new TokenMasks(vocab, stepper.weights.pitch.units, stepper.weights.dur.units, range);
  const events: EncodedEvent[] = [];
  let copy: CopyState | null = options.novelty ? options.novelty.emptyState() : null;
  let resampled = 0;
  let capMisses = 0;
  let tick = startTick;
  while (tick < endTick) {
    const ctx = contextAt(tick, chords, bars);
    const remaining = endTick - tick;
    // Only a copied-run cap ever steps again from the same state.
    const before = cap !== null ? stepper.snapshot() : null;
    const banned: number[] = [];
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) stepper.restore(before!);
      const out = stepper.step(vocab.inputIndices(prev, ctx));
      const pitch = chooseToken(out.pitchLogits, rng.uniform(tick - startTick, 0, attempt), settings, masks.pitches(ctx.root, banned));
      const dur = chooseToken(
        out.durLogits,
        rng.uniform(tick - startTick, 1, attempt),
        settings,
        masks.durations(remaining, pitch === REST),
      );
      const event: EncodedEvent = { pitch, dur, ...ctx };
      let nextCopy = copy;
      if (copy && pitch !== REST)
        nextCopy = options.novelty!.push(copy, { pitch: tokenToMidi(pitch, ctx.root)!, start: tick, dur: vocab.soundingTicks(dur) });
      if (cap !== null && nextCopy && nextCopy.run > cap) {
        if (attempt < maxRetries) {
          banned.push(pitch); // a different next note breaks the copied run
          resampled++;
          continue;
        }
        capMisses++;
      }
      copy = nextCopy;
      events.push(event);
      prev = event;
      tick += vocab.spanTicks(dur);
      break;
    }
  }
  return {
    events,
    encoding: vocab.version,
    notes: vocab.decode(events, startTick, options.velocity ?? 90),
    startTick,
    endTick,
    seed: rng.seed,
    temperature: settings.temperature,
    topK: settings.topK!,
    topP: settings.topP!,
    pitchRange: range,
    maxCopiedRun: cap,
    resampled,
    capMisses,
  };
}
