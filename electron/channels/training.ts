// Channels and events of the training dashboard (corpus, training, model library): issue 7.
// Add entries with trainerChannel/mainChannel; handlers live in electron/trainer/training-handlers.ts
// (trainer process) and electron/training-main-handlers.ts (main process / studio server).
export const TRAINING_CHANNELS = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TrainingEvents {}

export const TRAINING_EVENTS: { [E in keyof TrainingEvents]: string } = {};
