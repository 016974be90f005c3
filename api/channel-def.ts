// Building blocks of the contract (kept apart from contract.ts so the per-feature channel files in
// api/channels/ can use them without an import cycle).
import type * as s from './schema';
import { none } from './schema';

/** Where a channel is answered: in the main process (or studio server) itself, or in the trainer process. */
export type RunsIn = 'main' | 'trainer';

export interface ChannelDef<P, R, W extends RunsIn = RunsIn> {
  readonly runsIn: W;
  /** Returns null for a valid payload, else one clear sentence about what is wrong. */
  readonly validate: s.Check;
  readonly summary: string;
  /** Type-only marker carrying the payload and result types (never set at run time). */
  readonly types?: { payload: P; result: R };
}

export function trainerChannel<P = void, R = void>(summary: string, validate: s.Check = none): ChannelDef<P, R, 'trainer'> {
  return { runsIn: 'trainer', validate, summary };
}
export function mainChannel<P = void, R = void>(summary: string, validate: s.Check = none): ChannelDef<P, R, 'main'> {
  return { runsIn: 'main', validate, summary };
}
