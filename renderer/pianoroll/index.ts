// Public surface of the piano roll.
export { default as PianoRoll } from './PianoRoll.svelte';
export type { RollNote, NoteRole } from './types';
export { noteRoles, harmonicRole, ROLE_LABELS } from './roles';
export { ROLE_COLORS } from './theme';
export { pitchName, barBeatLabel } from './music-labels';
