// licklab-events-v2 <-> v1 events and notes (the tokens: vocabulary-v2.ts; why: docs/encoding.md).
// v2 is defined on v1's events, so it has one rule and every event keeps v1's exact condition:
//   - a note and the silence after it become ONE note event when the silence is shorter than a
//     breath (BREATH_TICKS) and the onset-to-onset interval is in IOI_TICKS; its articulation class
//     is the one whose sounding length is nearest the note's;
//   - otherwise the note keeps its own length (legato class) and the silence stays rest events;
//     a run of rests becomes one rest when its total is in IOI_TICKS.
// Decoding is exact for what v2 represents: onsets exactly, sounding lengths per class.
import { encodeTune } from './encode';
import type { Note, Tune } from './types';
import {
  DURATIONS,
  ENCODING_V2,
  MAX_BEATS,
  REST,
  TICKS_PER_BEAT,
  decomposeTicks,
  durationToken,
  tokenToMidi,
  type EncodedEvent,
  type EncodedTune,
} from './vocabulary';
import {
  BREATH_TICKS,
  IOI_TICKS,
  LEGATO,
  articulationOfToken,
  durationTokenV2,
  ioiOfToken,
  nearestArticulation,
  soundingTicks,
} from './vocabulary-v2';

function v1Ticks(e: EncodedEvent, i: number): number {
  const d = DURATIONS[e.dur];
  if (d === undefined) throw new Error(`event ${i}: bad v1 duration token ${e.dur}`);
  return d;
}

/** v1 events -> v2 events (the v2 rule, above). */
export function foldArticulations(v1: readonly EncodedEvent[]): EncodedEvent[] {
  const out: EncodedEvent[] = [];
  let i = 0;
  while (i < v1.length) {
    const e = v1[i];
    let j = i + 1;
    let silence = 0;
    while (j < v1.length && v1[j].pitch === REST) silence += v1Ticks(v1[j], j++);
    if (e.pitch === REST) {
      silence += v1Ticks(e, i);
      if (IOI_TICKS.includes(silence)) out.push({ ...e, dur: durationTokenV2(silence, LEGATO) });
      else for (let k = i; k < j; k++) out.push({ ...v1[k], dur: durationTokenV2(DURATIONS[v1[k].dur], LEGATO) });
      i = j;
      continue;
    }
    const sounding = v1Ticks(e, i);
    const ioi = sounding + silence;
    if (silence > 0 && silence < BREATH_TICKS && IOI_TICKS.includes(ioi)) {
      out.push({ ...e, dur: durationTokenV2(ioi, nearestArticulation(ioi, sounding)) });
      i = j;
    } else {
      out.push({ ...e, dur: durationTokenV2(sounding, LEGATO) });
      i++; // the rests after it, if any, are a breath: the next turn handles them
    }
  }
  return out;
}

/** A tune in v2: its v1 events folded (startTick = the first note's onset, as in v1). */
export function encodeTuneV2(tune: Tune): EncodedTune & { startTick: number } {
  const v1 = encodeTune(tune);
  return { id: v1.id, source: v1.source, events: foldArticulations(v1.events), startTick: v1.startTick, encoding: ENCODING_V2 };
}

/** Notes of v2 events starting at `startTick`: onsets exact, each note sounding its class's share of its IOI. */
export function decodeEventsV2(events: readonly EncodedEvent[], startTick: number, velocity = 90): Note[] {
  const notes: Note[] = [];
  let cursor = startTick;
  for (const e of events) {
    const ioi = ioiOfToken(e.dur);
    const pitch = tokenToMidi(e.pitch, e.root);
    if (pitch !== null) notes.push({ pitch, start: cursor, dur: soundingTicks(ioi, articulationOfToken(e.dur)), velocity });
    cursor += ioi;
  }
  return notes;
}

/**
 * v2 events -> v1 events of the same notes, for note-level readers written for v1 (metrics,
 * novelty), which read notes and durations only. A rest this adds (the silence of an articulated
 * note, or the second part of a rest v1 must split) takes the chord of the event it comes from
 * and a metric position counted on from it; without the bars that position does not wrap at bar
 * lines. To train or score, encode from the tune instead (encodeTuneV2 / vocabularyFor).
 */
export function unfoldToV1(v2: readonly EncodedEvent[]): EncodedEvent[] {
  const out: EncodedEvent[] = [];
  for (const e of v2) {
    const ioi = ioiOfToken(e.dur);
    const sounding = e.pitch === REST ? 0 : soundingTicks(ioi, articulationOfToken(e.dur));
    const parts = e.pitch === REST ? decomposeTicks(ioi) : [sounding, ...decomposeTicks(ioi - sounding)];
    let offset = 0;
    parts.forEach((ticks, k) => {
      const at = e.beat * TICKS_PER_BEAT + e.sub + offset;
      const position =
        k === 0
          ? { beat: e.beat, sub: e.sub }
          : { beat: Math.min(Math.floor(at / TICKS_PER_BEAT), MAX_BEATS - 1), sub: at % TICKS_PER_BEAT };
      out.push({ pitch: k === 0 ? e.pitch : REST, dur: durationToken(ticks), root: e.root, chordMask: e.chordMask, ...position });
      offset += ticks;
    });
  }
  return out;
}
