// Channels and events of the training dashboard (corpus, training, model library); the run and
// library records they carry are in training-runs.ts (re-exported here).
// Handlers live in backend/training/trainer-handlers.ts (trainer process) and
// backend/training/main-handlers.ts (main process / studio server). The renderer never sends a
// file-system path it did not get from us: files are picked in a dialog (Electron) or uploaded as
// bytes (browser), models are named by their library id.
import {
  KNOB_LIMITS,
  PRESET_NAMES,
  RUN_LIMITS,
  describeLimit,
  withinLimit,
  type Hyperparameters,
  type KnobLimit,
  type PresetName,
} from '../../models/lstm/hyperparameters';
import { STOP_ON, type BatchProgress, type EpochRecord, type StopOn } from '../../models/lstm/training-types';
import type { FileFlag } from '../../models/music/import-flags';
import type { TrackCandidate } from '../../models/music/solo-track';
import { mainChannel, trainerChannel } from '../channel-def';
import * as s from '../schema';
import {
  CHECKPOINT_KINDS,
  type CheckpointKind,
  type LibraryList,
  type LibraryModel,
  type RunDone,
  type RunInfo,
  type RunState,
  type SampleTake,
} from './training-runs';

export * from './training-runs';

/** Largest single file the browser may upload into a corpus (one WebSocket message holds ~1 MiB). */
export const MAX_UPLOAD_FILE_BYTES = 640 * 1024;
/** Largest base64 chunk of a model bundle upload. */
export const MAX_BUNDLE_CHUNK_CHARS = 700_000;
/** Largest model bundle accepted by upload. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
/** The id of the shipped default model in the library (never a folder name: '@' is not allowed there). */
export const DEFAULT_MODEL_ID = '@default';
/** Library ids are folder names: letters, digits, space, dot, dash, underscore; no leading dot. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][\w .-]{0,79}$/;
export const UPLOAD_ID_PATTERN = /^[a-z0-9]{6,32}$/;

// ---- corpus ----
export interface CorpusFileRow {
  path: string; // where the file lives (shown, and the key for removal)
  name: string; // file name, for the table
  origin: 'default' | 'upload' | 'picked';
  status: 'ok' | 'skipped';
  reason?: string;
  notes: number;
  bars: number;
  track?: string;
  chordSource: string;
  chordCoverage: number; // 0..1
  meter?: string;
  tempo?: number;
  warnings?: string[];
  // The importer's FileReport fields, unchanged (models/music/import-file.ts):
  trackIndex?: number;
  trackChosenBy?: 'notes' | 'user';
  candidates?: TrackCandidate[]; // every part with notes, best solo first (only when there are several)
  sourceNotes?: number;
  droppedNotes?: number;
  flags?: FileFlag[];
  /** Left out of training by the musician: shown, counted apart, skipped by training. */
  leftOut?: boolean;
}
export interface CorpusReport {
  files: CorpusFileRow[];
  /** Totals of the files training takes (left-out files only in `leftOut`). */
  totals: { files: number; ok: number; skipped: number; notes: number; bars: number; leftOut: number };
  usesDefault: boolean;
}
export interface UploadFile {
  /** Relative path inside the picked folder (or the bare file name); sanitized on the server. */
  name: string;
  /** File bytes, base64. */
  data: string;
}

// ---- training ----
export interface TrainStartPayload {
  preset: PresetName;
  hyperparameters?: Partial<Hyperparameters>;
  devFraction?: number;
  seed?: number;
  /** Hear it learn: a sample every N epochs (0 = never; one always comes at the end). */
  sampleEvery?: number;
  /** The sample panel every N epochs (0 = never); unset = as often as fits in 15% of the time. */
  panelEvery?: number;
  /** What early stopping watches (default: the dev loss). */
  stopOn?: StopOn;
  /** Fine-tune: start from this library model's weights (DEFAULT_MODEL_ID: the shipped default);
   *  absent: a fresh network. */
  startFrom?: string;
}

const modelId = s.string({ minLength: 1, maxLength: 80 });
const corpusPath = s.string({ minLength: 1, maxLength: 4096 });
/** Highest track index a pick may name (a MIDI file's track count is a 16-bit number). */
export const MAX_TRACK_INDEX = 65535;
const trackPick: s.Check = (value, where) =>
  value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TRACK_INDEX)
    ? null
    : `${where} must be a track index (a whole number from 0 to ${MAX_TRACK_INDEX}) or null for the part the importer chooses, got ${JSON.stringify(value) ?? 'nothing'}`;

/** A knob within its one range (KNOB_LIMITS), with the trainer's and the CLI's wording. */
const knob =
  (limit: KnobLimit): s.Check =>
  (value, where) =>
    typeof value === 'number' && withinLimit(value, limit)
      ? null
      : `${where} must be ${describeLimit(limit)}, got ${JSON.stringify(value) ?? 'nothing'}`;
const hyperparameters = s.object({
  ...Object.fromEntries(Object.entries(KNOB_LIMITS).map(([name, limit]) => [name, s.optional(knob(limit))])),
});

export const TRAINING_CHANNELS = {
  'corpus:report': trainerChannel<void, CorpusReport>('import every file of the working corpus and report each one'),
  'corpus:upload': mainChannel<{ files: UploadFile[] }, CorpusReport>(
    'add uploaded MIDI files (and .chords.txt / .csv sidecars) to the working corpus (browser studio)',
    s.object({
      files: s.array(
        s.object({
          name: s.string({ minLength: 1, maxLength: 400 }),
          data: s.string({ maxLength: Math.ceil(MAX_UPLOAD_FILE_BYTES / 3) * 4 + 4 }),
        }),
        { maxLength: 200 },
      ),
    }),
  ),
  'corpus:add': mainChannel<{ folders: boolean }, CorpusReport>(
    'pick files or folders in a dialog and add them to the working corpus (desktop app)',
    s.object({ folders: s.boolean }),
  ),
  'corpus:remove': mainChannel<{ path: string }, CorpusReport>(
    'leave one file of the report out of the working corpus',
    s.object({ path: corpusPath }),
  ),
  'corpus:leave-out': mainChannel<{ path: string; leftOut: boolean }, CorpusReport>(
    'leave one file of the report out of training, or take it back (the file is kept and stays listed)',
    s.object({ path: corpusPath, leftOut: s.boolean }),
  ),
  'corpus:track': mainChannel<{ path: string; track: number | null }, CorpusReport>(
    'take another part of a multi-track file as its solo (a track index from the report), or null for the importer’s choice',
    s.object({ path: corpusPath, track: trackPick }),
  ),
  'corpus:use-default': mainChannel<void, CorpusReport>('make the bundled default corpus the working corpus'),
  'corpus:clear': mainChannel<void, CorpusReport>('empty the working corpus (uploaded files are deleted)'),
  'train:start': trainerChannel<TrainStartPayload, RunInfo>(
    'start training on the working corpus in the background; progress comes as train:* events',
    s.object({
      preset: s.oneOf(PRESET_NAMES),
      hyperparameters: s.optional(hyperparameters),
      devFraction: s.optional(knob(RUN_LIMITS.devFraction)),
      seed: s.optional(knob(RUN_LIMITS.seed)),
      sampleEvery: s.optional(knob(RUN_LIMITS.sampleEvery)),
      panelEvery: s.optional(knob(RUN_LIMITS.panelEvery)),
      stopOn: s.optional(s.oneOf([...STOP_ON])),
      startFrom: s.optional(modelId),
    }),
  ),
  'train:stop': trainerChannel<void, { stopping: boolean }>('stop the running training within one batch; the best model so far is saved'),
  'train:status': trainerChannel<void, RunState | null>('the current or last training run (after a page reload)'),
  'train:star': trainerChannel<{ epoch: number }, { epoch: number; modelId: string }>(
    'keep this epoch of the running training as its starred checkpoint (one of the last epochs; a new star replaces it)',
    s.object({ epoch: s.number({ min: 1, max: 100000, integer: true }) }),
  ),
  'models:list': mainChannel<void, LibraryList>('the model library: the shipped default and every saved model'),
  'models:rename': mainChannel<{ id: string; name: string }, LibraryModel>(
    'rename a saved model',
    s.object({ id: modelId, name: s.string({ minLength: 1, maxLength: 80 }) }),
  ),
  'models:delete': mainChannel<{ id: string }, { deleted: string }>('delete a saved model', s.object({ id: modelId })),
  'models:set-active': mainChannel<{ id: string }, { activeId: string }>('the model the studio generates with', s.object({ id: modelId })),
  'models:use-checkpoint': mainChannel<{ id: string; kind: CheckpointKind }, LibraryModel>(
    'make one of a run’s kept checkpoints (best dev loss, best sample score, starred) the model',
    s.object({ id: modelId, kind: s.oneOf([...CHECKPOINT_KINDS]) }),
  ),
  'models:export': mainChannel<{ id: string }, { path: string | null }>(
    'copy a model folder to a folder picked in a dialog (desktop app)',
    s.object({ id: modelId }),
  ),
  'models:export-bundle': mainChannel<{ id: string }, { fileName: string; bundle: string }>(
    'a model as one JSON file, for a browser download',
    s.object({ id: modelId }),
  ),
  'models:import': mainChannel<void, LibraryModel | null>('import a model folder picked in a dialog (desktop app)'),
  'models:upload': mainChannel<
    { uploadId: string; index: number; total: number; data: string },
    { received: number; model?: LibraryModel }
  >(
    'upload a model bundle in chunks (browser); the last chunk imports it',
    s.object({
      uploadId: s.string({ minLength: 6, maxLength: 32 }),
      index: s.number({ min: 0, max: 10_000, integer: true }),
      total: s.number({ min: 1, max: 10_000, integer: true }),
      data: s.string({ maxLength: MAX_BUNDLE_CHUNK_CHARS }),
    }),
  ),
  'models:check': trainerChannel<{ staging: string }, { ok: true }>(
    'load a staged model folder with TensorFlow.js to prove it is usable',
    s.object({ staging: s.string({ minLength: 1, maxLength: 80 }) }),
  ),
};

export interface TrainingEvents {
  'train:started': RunInfo;
  'train:progress': BatchProgress & { runId: string };
  'train:epoch': { runId: string; record: EpochRecord; best: boolean; sample?: SampleTake; panelTake?: SampleTake };
  'train:checkpoint': { runId: string; epoch: number; modelId: string; kind?: CheckpointKind };
  'train:done': RunDone & { sample?: SampleTake };
}

export const TRAINING_EVENTS: { [E in keyof TrainingEvents]: string } = {
  'train:started': 'a training run started (split, baselines, backend)',
  'train:progress': 'a training batch finished (running loss, throughput, ETA)',
  'train:epoch': 'an epoch finished (train and dev loss, maybe a sample to hear, the sample panel and its first take)',
  'train:checkpoint': 'the best-dev weights so far are safely on disk (kept if the trainer crashes)',
  'train:done': 'the run ended (completed, early-stopped, cancelled, diverged or failed) and what was saved',
};
