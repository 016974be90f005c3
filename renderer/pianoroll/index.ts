// Public surface of the piano roll.
export { default as PianoRoll } from './PianoRoll.svelte';
export type { RollNote, NoteRole } from './types';
