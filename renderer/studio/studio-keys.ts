// What each studio shortcut does (the keys are in shortcuts.ts): the toggles and list moves act on
// the takes and the transport directly; playing, generating and the help go through the view.
import type { StudioAction } from './shortcuts';
import type { TakesState } from './takes-state.svelte';
import type { TransportOptions } from './playback.svelte';

export interface KeyTargets {
  studio: TakesState;
  options: TransportOptions;
  toggle(): void;
  generate(): void;
  sweep(): void;
  flip(): void;
  save(): void;
  fit(): void;
  help(open: boolean | 'toggle'): void;
}

const TOGGLES: Partial<Record<StudioAction, 'loop' | 'comp' | 'bass' | 'countIn'>> = {
  loop: 'loop',
  comp: 'comp',
  bass: 'bass',
  'count-in': 'countIn',
};

export function runAction(action: StudioAction, t: KeyTargets): void {
  const toggle = TOGGLES[action];
  if (toggle) {
    t.options[toggle] = !t.options[toggle];
    return;
  }
  const take = t.studio.current;
  const run: Partial<Record<StudioAction, () => void>> = {
    play: t.toggle,
    generate: t.generate,
    sweep: t.sweep,
    help: () => t.help('toggle'),
    close: () => t.help(false),
    next: () => t.studio.step(1),
    prev: () => t.studio.step(-1),
    'mark-a': () => t.studio.mark('a'),
    'mark-b': () => t.studio.mark('b'),
    'flip-ab': t.flip,
    star: () => take && void t.studio.update(take.id, { starred: !take.starred }),
    export: t.save,
    fit: t.fit,
  };
  run[action]?.();
}
