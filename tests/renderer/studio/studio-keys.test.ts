// What each studio shortcut does (studio-keys.ts): the transport toggles flip, the list moves and
// marks act on the takes, star flips the take on the roll, and the rest call through to the view.
import { describe, expect, it } from 'vitest';
import { runAction, type KeyTargets } from '../../../renderer/studio/studio-keys';
import { SHORTCUTS, type StudioAction } from '../../../renderer/studio/shortcuts';
import { TakesState } from '../../../renderer/studio/takes-state.svelte';
import { fakeApi } from '../fake-api';
import { takeFixture } from '../../backend/studio/take-fixture';

function targets() {
  const calls: string[] = [];
  const fake = fakeApi({ 'take:update': async (p: { id: string; starred: boolean }) => ({ ...takeFixture(p.id), starred: p.starred }) });
  const studio = new TakesState(fake.api);
  studio.takes = [takeFixture('take-b'), takeFixture('take-a')];
  studio.currentId = 'take-b';
  const t: KeyTargets = {
    studio,
    options: { comp: true, bass: true, countIn: false, loop: false, loopFrom: 1, loopTo: 4 },
    toggle: () => calls.push('toggle'),
    generate: () => calls.push('generate'),
    sweep: () => calls.push('sweep'),
    flip: () => calls.push('flip'),
    save: () => calls.push('save'),
    fit: () => calls.push('fit'),
    help: (open) => calls.push(`help ${open}`),
  };
  return { t, calls, fake };
}

describe('studio shortcuts', () => {
  it('toggles the transport options', () => {
    const { t } = targets();
    for (const a of ['loop', 'comp', 'bass', 'count-in'] as StudioAction[]) runAction(a, t);
    expect(t.options).toMatchObject({ loop: true, comp: false, bass: false, countIn: true });
  });

  it('moves through the takes, marks A and B, stars the take on the roll', async () => {
    const { t, fake } = targets();
    runAction('next', t);
    expect(t.studio.currentId).toBe('take-a');
    runAction('mark-a', t);
    runAction('prev', t);
    runAction('mark-b', t);
    expect([t.studio.a, t.studio.b]).toEqual(['take-a', 'take-b']);
    runAction('star', t);
    await Promise.resolve();
    expect(fake.sent('take:update')).toEqual([{ id: 'take-b', starred: true }]);
  });

  it('every listed shortcut does something; the others call through to the view', () => {
    const { t, calls } = targets();
    for (const a of ['play', 'generate', 'sweep', 'flip-ab', 'export', 'fit', 'help', 'close'] as StudioAction[]) runAction(a, t);
    expect(calls).toEqual(['toggle', 'generate', 'sweep', 'flip', 'save', 'fit', 'help toggle', 'help false']);
    for (const s of SHORTCUTS) expect(() => runAction(s.action, targets().t)).not.toThrow();
  });
});
