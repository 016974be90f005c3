// The generate panel's settings and how they become a request for the trainer (pure, tested).
import { FORMS } from '../../models/music/forms';
import type { GenerateRequest, SweepRequest } from '../../api/takes';

export const FORM_CHOICES = FORMS.map((f) => ({ name: f.name, title: f.title, defaultKey: f.defaultKey }));

export interface PanelSettings {
  sourceKind: 'form' | 'chart';
  form: string;
  key: string;
  chart: string;
  lengthMode: 'choruses' | 'bars';
  choruses: number;
  bars: number;
  temperature: number;
  topP: number;
  seed: number;
  /** Locked: every generation uses `seed`; unlocked: a fresh seed each time (shown, so it can be locked). */
  seedLocked: boolean;
  tempo: number;
  swing: number;
}

export const DEFAULT_SETTINGS: PanelSettings = {
  sourceKind: 'form',
  form: 'blues',
  key: 'F',
  chart: '| Dm7 | G7 | Cmaj7 | A7 |\n| Dm7 | G7 | Cmaj7 | % |',
  lengthMode: 'choruses',
  choruses: 1,
  bars: 12,
  temperature: 0.8,
  topP: 0.95,
  seed: 1,
  seedLocked: false,
  tempo: 160,
  swing: 0.5,
};

export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2_147_483_647);
}

/** The seed the next generation uses (re-rolled unless locked). */
export function nextSeed(s: PanelSettings, random?: () => number): number {
  return s.seedLocked ? s.seed : randomSeed(random);
}

export function sweepRequest(s: PanelSettings, seed: number): SweepRequest {
  const source = s.sourceKind === 'form' ? { kind: 'form' as const, form: s.form, key: s.key } : { kind: 'chart' as const, chart: s.chart };
  const length = s.lengthMode === 'bars' ? { bars: Math.round(s.bars) } : { choruses: Math.round(s.choruses) };
  return { source, ...length, topP: s.topP, seed, tempo: s.tempo, swing: s.swing };
}

export function generateRequest(s: PanelSettings, seed: number): GenerateRequest {
  return { ...sweepRequest(s, seed), temperature: s.temperature };
}
