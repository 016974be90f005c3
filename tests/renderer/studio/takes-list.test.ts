// @vitest-environment jsdom
// The takes list in jsdom with a fake backend: renaming saves once on Enter, never on Escape (the
// browser blurs the field as it goes away, which must not save it after all).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TakesList from '../../../renderer/studio/TakesList.svelte';
import { TakesState } from '../../../renderer/studio/takes-state.svelte';
import { fakeApi } from '../fake-api';
import { takeFixture } from '../../backend/studio/take-fixture';

afterEach(() => cleanup());

async function setup(onload: (t: { id: string }) => void = () => {}, onplay: (t: { id: string }) => void = () => {}) {
  const takes = [takeFixture('one', { name: 'First' }), takeFixture('two', { name: 'Second', starred: true })];
  const fake = fakeApi({
    'take:list': async () => ({ takes, skipped: [] }),
    // Answers a little later, like the real backend: the field's blur comes before the reply.
    'take:delete': async (p: { id: string }) => p,
    'take:update': async (p: { id: string; name?: string }) => {
      await new Promise((r) => setTimeout(r, 30));
      return { ...takes.find((t) => t.id === p.id)!, ...p };
    },
  });
  const studio = new TakesState(fake.api);
  await studio.refresh();
  const noop = () => {};
  render(TakesList, { studio, onload, onplay, onsave: noop, onpreparedrag: noop, ondragstart: noop });
  return { fake, studio };
}

describe('TakesList rename', () => {
  it('saves the new name once on Enter', async () => {
    const { fake, studio } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Rename First' }));
    const field = screen.getByRole('textbox', { name: 'Take name' }) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'Keeper' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    await fireEvent.blur(field); // as the browser does when the field is removed
    await waitFor(() => expect(studio.takes[0].name).toBe('Keeper'));
    expect(fake.sent('take:update')).toEqual([{ id: 'one', name: 'Keeper' }]);
    expect(screen.queryByRole('textbox', { name: 'Take name' })).toBeNull();
  });

  it('keeps the old name on Escape', async () => {
    const { fake } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Rename Second' }));
    const field = screen.getByRole('textbox', { name: 'Take name' }) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'Oops' } });
    await fireEvent.keyDown(field, { key: 'Escape' });
    await fireEvent.blur(field);
    expect(screen.queryByRole('textbox', { name: 'Take name' })).toBeNull();
    expect(fake.sent('take:update')).toEqual([]);
    expect(screen.getAllByTestId('take')[1].textContent).toContain('Second');
  });

  it('saves on leaving the field (blur) as well', async () => {
    const { fake } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Rename First' }));
    const field = screen.getByRole('textbox', { name: 'Take name' }) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'Blurred' } });
    await fireEvent.blur(field);
    expect(fake.sent('take:update')).toEqual([{ id: 'one', name: 'Blurred' }]);
  });
});

describe('TakesList A/B marks', () => {
  it('say which take is A and which is B to a screen reader (aria-pressed)', async () => {
    const { studio } = await setup();
    const [first, second] = screen.getAllByTestId('take');
    const button = (row: HTMLElement, label: string) => [...row.querySelectorAll('button')].find((b) => b.textContent === label)!;
    await fireEvent.click(button(first, 'A'));
    await fireEvent.click(button(second, 'B'));
    expect(studio.a).toBe('one');
    expect(button(first, 'A').getAttribute('aria-pressed')).toBe('true');
    expect(button(second, 'A').getAttribute('aria-pressed')).toBe('false');
    expect(button(second, 'B').getAttribute('aria-pressed')).toBe('true');
  });
});

describe('TakesList by keyboard', () => {
  it('a click on a row puts the take on the roll without playing it; Enter plays it', async () => {
    const loaded: string[] = [];
    const played: string[] = [];
    await setup(
      (t) => loaded.push(t.id),
      (t) => played.push(t.id),
    );
    const row = screen.getByRole('button', { name: /^Second Piano · T 0\.80/ });
    expect(row.tabIndex).toBe(0);
    await fireEvent.click(row);
    expect([loaded, played]).toEqual([['two'], []]);
    await fireEvent.keyDown(row, { key: 'Enter' });
    expect([loaded, played]).toEqual([['two'], ['two']]);
    // the metric has one name, and nothing is cut short
    expect(row.textContent).toContain('chord tones on strong beats');
  });
});

describe('TakesList delete', () => {
  it('deletes an ordinary take at once, and a starred one only after a second click', async () => {
    const { fake, studio } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete First' }));
    await waitFor(() => expect(studio.takes.map((t) => t.id)).toEqual(['two']));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Second' }));
    expect(fake.sent('take:delete')).toEqual([{ id: 'one' }]);
    await fireEvent.click(screen.getByRole('button', { name: 'Really delete Second' }));
    await waitFor(() => expect(studio.takes).toEqual([]));
    expect(fake.sent('take:delete')).toEqual([{ id: 'one' }, { id: 'two' }]);
  });
});
