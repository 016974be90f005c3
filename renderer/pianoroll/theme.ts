// Dark studio palette. Role colours are picked to stay apart for common colour-vision deficiencies
// (green / blue / amber / coral differ in lightness as well as hue).
import type { NoteRole } from './types';

export const ROLE_COLORS: Record<NoteRole, string> = {
  chord: '#3ccf91',
  tension: '#6ea8ff',
  approach: '#f4b942',
  outside: '#ff6b6b',
  nochord: '#a3acb9',
};

export const THEME = {
  font: '"Inter", "Segoe UI", system-ui, -apple-system, sans-serif',
  bg: '#12151a',
  rowWhite: '#191d23',
  rowBlack: '#14171c',
  rowC: '#262c35', // line under each C
  beatLine: '#20252d',
  barLine: '#3a424f',
  primerTint: 'rgba(150, 120, 255, 0.07)',
  primerEdge: '#9d84ff',
  primerLabel: '#b9a8ff',
  selectionTint: 'rgba(255, 212, 121, 0.12)',
  selectionEdge: '#ffd479',
  chordLaneBg: '#0d1014',
  chordBox: '#1c222b',
  chordBoxAlt: '#202733',
  chordText: '#eef2f7',
  chordNC: '#7d8693',
  rulerBg: '#0f1216',
  rulerText: '#8b95a3',
  keyWhite: '#d5dae1',
  keyBlack: '#2a3038',
  keyEdge: '#8f98a5',
  keyLabel: '#2b313a',
  keyHover: '#ffd479',
  hoverOutline: '#ffffff',
  playhead: '#ffd479',
  sounding: 'rgba(255, 244, 214, 0.75)',
  noteOutline: 'rgba(0, 0, 0, 0.45)',
} as const;

export const LAYOUT = { keyWidth: 56, chordLane: 30, ruler: 18 } as const;
