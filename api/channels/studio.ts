// Channels of the studio screen (generate over changes, takes, export).
// Trainer handlers: backend/studio/trainer-handlers.ts; main-side: backend/studio/main-handlers.ts.
import { mainChannel, trainerChannel } from '../channel-def';
import { temperatureProblem } from '../../models/lstm/sample';
import * as s from '../schema';
import {
  MAX_BARS,
  MAX_CHART_CHARS,
  MAX_PRIMER_NOTES,
  MAX_TAKE_NAME,
  TAKE_ID_PATTERN,
  type GenerateRequest,
  type SweepRequest,
  type TakeList,
  type TakeMidi,
  type TakeMidiRequest,
  type TakeRecord,
  type TakeUpdate,
} from '../takes';
import { INSTRUMENT_IDS } from '../../models/music/instruments';

const instrument = s.optional(s.oneOf([...INSTRUMENT_IDS]));

export const takeId: s.Check = (value, where) =>
  typeof value === 'string' && TAKE_ID_PATTERN.test(value)
    ? null
    : `${where} must be a take id (lower-case letters, digits and dashes), got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value}`;

const formSource = s.object({
  kind: s.oneOf(['form']),
  form: s.string({ minLength: 1, maxLength: 40 }),
  key: s.optional(s.string({ minLength: 1, maxLength: 3 })),
});
const chartSource = s.object({ kind: s.oneOf(['chart']), chart: s.string({ minLength: 1, maxLength: MAX_CHART_CHARS }) });

/** A form of the library (with an optional key) or a chart text. */
export const changesSource: s.Check = (value, where) => {
  if (!s.isPlainObject(value)) return `${where} must be an object {kind: "form", form, key?} or {kind: "chart", chart}`;
  if (value.kind === 'form') return formSource(value, where);
  if (value.kind === 'chart') return chartSource(value, where);
  return `${where}.kind must be "form" or "chart", got ${JSON.stringify(value.kind) ?? 'nothing'}`;
};

const note = s.object({
  pitch: s.number({ min: 0, max: 127, integer: true }),
  start: s.number({ min: 0, integer: true }),
  dur: s.number({ min: 1, integer: true }),
  velocity: s.number({ min: 1, max: 127, integer: true }),
});
const phraseShape = s.object({
  notes: s.array(note, { maxLength: MAX_PRIMER_NOTES }),
  ticks: s.number({ min: 1, integer: true }),
  bars: s.number({ min: 1, max: MAX_BARS, integer: true }),
});
/** A phrase to continue: whole-tick notes inside its span, at least one, starting in time order. */
export const primerPhrase: s.Check = (value, where) => {
  const problem = phraseShape(value, where);
  if (problem) return problem;
  const { notes, ticks } = value as { notes: { start: number; dur: number }[]; ticks: number };
  if (notes.length === 0) return `${where}.notes must hold at least one note to continue`;
  for (let i = 0; i < notes.length; i++) {
    if (notes[i].start >= ticks) return `${where}.notes[${i}] starts at tick ${notes[i].start}, after the phrase's end (${ticks})`;
    if (i > 0 && notes[i].start < notes[i - 1].start) return `${where}.notes must be in time order (note ${i} starts before note ${i - 1})`;
  }
  return null;
};
const primer = s.optional(
  s.object({
    phrase: primerPhrase,
    atBar: s.optional(s.number({ min: 0, max: MAX_BARS - 1, integer: true })),
    answerBars: s.optional(s.number({ min: 1, max: MAX_BARS, integer: true })),
  }),
);

const common = {
  source: changesSource,
  bars: s.optional(s.number({ min: 1, max: MAX_BARS, integer: true })),
  choruses: s.optional(s.number({ min: 1, max: 16, integer: true })),
  topP: s.optional(s.number({ min: 0.01, max: 1 })),
  seed: s.optional(s.number({ min: 0, max: 2 ** 31 - 1, integer: true })),
  tempo: s.number({ min: 40, max: 320 }),
  swing: s.number({ min: 0, max: 1 }),
  instrument,
  humanize: s.optional(s.number({ min: 0, max: 1 })),
  primer,
};
const temperature: s.Check = (value, where) => {
  const problem = temperatureProblem(value);
  return problem ? `${where} ${problem}` : null;
};
export const generateCheck = s.object({ ...common, temperature, name: s.optional(s.string({ minLength: 1, maxLength: MAX_TAKE_NAME })) });
export const sweepCheck = s.object(common);
const idOnly = s.object({ id: takeId });
/** Which band parts go into the file beside the solo (default: comp and bass, as the studio starts). */
const band = s.optional(s.object({ comp: s.boolean, bass: s.boolean }));
const midiRequest = s.object({ id: takeId, band });

export const STUDIO_CHANNELS = {
  'take:generate': trainerChannel<GenerateRequest, TakeRecord>(
    'generate one take over the changes with the active model and store it',
    generateCheck,
  ),
  'take:sweep': trainerChannel<SweepRequest, { sweepId: string; takes: TakeRecord[] }>(
    'one seed at five temperatures (0.2, 0.5, 0.8, 1.2, 1.6), stored as five takes',
    sweepCheck,
  ),
  'take:list': trainerChannel<void, TakeList>('every stored take, newest first, and the files that could not be read'),
  'take:update': trainerChannel<TakeUpdate, TakeRecord>(
    'rename or star a take, or choose the instrument it plays on (and is exported for)',
    s.object({
      id: takeId,
      name: s.optional(s.string({ minLength: 1, maxLength: MAX_TAKE_NAME })),
      starred: s.optional(s.boolean),
      instrument,
    }),
  ),
  'take:delete': trainerChannel<{ id: string }, { id: string }>('delete a take', idOnly),
  'take:midi': trainerChannel<TakeMidiRequest, TakeMidi>(
    'a take as a Standard MIDI File (solo, and the comp and bass that play with it), base64',
    midiRequest,
  ),
  'take:save-midi': mainChannel<TakeMidiRequest, { saved: string } | { cancelled: true }>(
    'Electron: ask where to save a take as MIDI (native dialog), then write it there',
    midiRequest,
  ),
};
