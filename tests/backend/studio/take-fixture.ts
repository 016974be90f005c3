// A small valid take record for store and handler tests.
import type { TakeRecord } from '../../../api/takes';

export function takeFixture(id: string, over: Partial<TakeRecord> = {}): TakeRecord {
  return {
    formatVersion: 1,
    id,
    name: `Take ${id}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    starred: false,
    settings: { source: { kind: 'form', form: 'blues', key: 'F' }, bars: 1, temperature: 0.8, topP: 1, seed: 5, tempo: 160, swing: 0.5 },
    model: 'default-model',
    title: '12-bar blues in F',
    notes: [
      { pitch: 65, start: 0, dur: 6, velocity: 90 },
      { pitch: 69, start: 6, dur: 6, velocity: 90 },
    ],
    chords: [{ start: 0, end: 48, symbol: 'F7', root: 5, mask: 0 }],
    bars: [{ start: 0, beats: 4 }],
    metrics: {
      notes: 2,
      rests: 0,
      chordToneRatio: 1,
      strongBeatNotes: 1,
      scaleToneRatio: 1,
      pitchEntropy: 1,
      intervalDistance: null,
      durationDistance: null,
      longestCopiedRun: null,
      copiedNgramShare: null,
      minCountedRun: null,
    },
    ...over,
  };
}
