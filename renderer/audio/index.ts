// Public surface of playback.
export { createPlayer, AUDIO_NOT_STARTED, type Player, type PlayerOptions } from './player';
export { ensureAudioStarted, audioRunning, type AudioStartResult } from './audio-start';
export { buildSchedule, type PlayableTake, type PlayOptions, type ScheduledEvent, type Schedule } from './schedule';
export { DEFAULT_LEVELS, type Levels } from './mix';
export { PIANO_SAMPLE_CREDIT, sampleNotes } from './sample-names';
export { analyseBuffer, type BufferStats } from './buffer-stats';
export { PlayheadTracker } from './playhead.svelte';
