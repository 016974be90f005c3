// Grid constants derived from the vocabulary, shared by import and generation.
import { DURATIONS } from './vocabulary';

export const MAX_DURATION_TICKS = DURATIONS[DURATIONS.length - 1];
