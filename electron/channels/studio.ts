// Channels and events of the studio screen (generate over changes, takes, export): issue 6.
// Add entries with trainerChannel/mainChannel; handlers live in electron/trainer/studio-handlers.ts
// (trainer process) and electron/studio-main-handlers.ts (main process / studio server).
export const STUDIO_CHANNELS = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StudioEvents {}

export const STUDIO_EVENTS: { [E in keyof StudioEvents]: string } = {};
