// The IPC messages for dragging a take out of the window: the preload sends them with a take id
// (never a path); electron/main/drag-out.ts writes the MIDI file and starts the native drag.
export const DRAG_OUT_MESSAGE = 'licklab:drag-out';
/** Sent when the pointer enters a take, so the file is ready and the drag can start at once. */
export const DRAG_PREPARE_MESSAGE = 'licklab:drag-prepare';
