// Keyboard shortcuts of the studio (listed in the help overlay); pure so they can be tested.
export type StudioAction =
  | 'play'
  | 'generate'
  | 'sweep'
  | 'help'
  | 'close'
  | 'next'
  | 'prev'
  | 'flip-ab'
  | 'mark-a'
  | 'mark-b'
  | 'star'
  | 'export'
  | 'loop'
  | 'comp'
  | 'bass'
  | 'count-in'
  | 'fit';

export const SHORTCUTS: { keys: string; action: StudioAction; label: string }[] = [
  { keys: 'Space', action: 'play', label: 'Play / stop the take on the roll' },
  { keys: 'G', action: 'generate', label: 'Generate a take with the current settings' },
  { keys: 'S', action: 'sweep', label: 'Sweep: one seed at five temperatures' },
  { keys: '↑ / ↓', action: 'prev', label: 'Previous / next take in the list' },
  { keys: 'A / B', action: 'mark-a', label: 'Mark the take on the roll as A / as B' },
  { keys: 'X', action: 'flip-ab', label: 'Switch between A and B (keeps playing from the same spot)' },
  { keys: 'F', action: 'star', label: 'Star / unstar the take on the roll' },
  { keys: 'E', action: 'export', label: 'Save the take as MIDI (a download in the browser)' },
  { keys: 'L', action: 'loop', label: 'Loop on / off' },
  { keys: 'C', action: 'comp', label: 'Chord comp on / off' },
  { keys: 'W', action: 'bass', label: 'Walking bass on / off' },
  { keys: 'K', action: 'count-in', label: 'Count-in on / off' },
  { keys: 'Z', action: 'fit', label: 'Fit the whole take on the roll' },
  { keys: '?', action: 'help', label: 'Show / hide this help' },
  { keys: 'Esc', action: 'close', label: 'Close the help' },
];

const BY_KEY: Record<string, StudioAction> = {
  ' ': 'play',
  g: 'generate',
  s: 'sweep',
  '?': 'help',
  Escape: 'close',
  ArrowDown: 'next',
  ArrowUp: 'prev',
  x: 'flip-ab',
  a: 'mark-a',
  b: 'mark-b',
  f: 'star',
  e: 'export',
  l: 'loop',
  c: 'comp',
  w: 'bass',
  k: 'count-in',
  z: 'fit',
};

/** The action of a key press, or null (typing in a field, or a modifier held, is never a shortcut). */
export function actionFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  target: EventTarget | null,
): StudioAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  const tag = el?.tagName?.toUpperCase();
  const typing =
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    el?.isContentEditable ||
    (tag === 'INPUT' && !['range', 'checkbox', 'radio', 'button'].includes(el?.type ?? ''));
  if (typing) return e.key === 'Escape' ? 'close' : null;
  // Arrow keys move a focused slider (temperature, swing…), not the take selection.
  if (tag === 'INPUT' && el?.type === 'range' && /^(Arrow|Home$|End$|Page)/.test(e.key)) return null;
  // Space on a focused button would click it too: the shortcut wins (the handler prevents the click).
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return BY_KEY[key] ?? BY_KEY[e.key] ?? null;
}
