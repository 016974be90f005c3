// The one IPC message for dragging a take out of the window: the preload sends it with a take id
// (never a path); electron/main/drag-out.ts writes the MIDI file and starts the native drag.
export const DRAG_OUT_MESSAGE = 'licklab:drag-out';
