// What one imported file may declare. A MIDI file of 100 bytes can claim a tempo event far in the
// future, millions of bars or a chunk of 4 GB; without these caps such a file hangs the importer or
// exhausts its memory. Real solos stay far below every cap (a long WJD solo: ~2,000 notes, ~400
// bars); a refusal names the cap it hit so the musician knows what to change.

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export const IMPORT_LIMITS = {
  /** Bytes of one MIDI file (a 150,000-note file is ~1 MB). */
  fileBytes: 16 * 1024 * 1024,
  /** Track chunks in one file. */
  tracks: 1024,
  /** MIDI events of all tracks together. */
  events: 2_000_000,
  /** Notes of all tracks together. */
  notes: 250_000,
  /** Tempo events of all tracks together. */
  tempoEvents: 10_000,
  /** Time signature events of all tracks together. */
  meterEvents: 10_000,
  /** Length of the music in quarter-note beats (20,000 bars of 4/4; hours of music). */
  beats: 80_000,
  /** Bars of one tune. */
  bars: 20_000,
  /** Bytes of a chord chart sidecar (a chart of 1,000 bars is ~10 KB; 64 KB parse in ~0.3 s). */
  chartBytes: 64 * 1024,
  /** Bytes of a beat-grid CSV sidecar (one row per beat: ~40 bytes a row). */
  beatGridBytes: 8 * 1024 * 1024,
  /** Shortest beat of a beat grid, in seconds (6,000 bpm; real grids have beats of 0.027 s at their fastest). */
  minBeatSeconds: 0.01,
} as const;

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(+n.toPrecision(4)));

/** The error for a file over one of the limits: `too many notes: 300,000 (the limit is 250,000)`. */
export function overLimit(what: string, value: number, limit: number): ImportError {
  return new ImportError(`${what}: ${fmt(value)} (the limit is ${fmt(limit)})`);
}

/** Throws `overLimit` when value > limit. */
export function checkLimit(what: string, value: number, limit: number): void {
  if (value > limit) throw overLimit(what, value, limit);
}
