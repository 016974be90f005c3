// @vitest-environment jsdom
// The studio screen in jsdom with a fake backend: stored takes listed, a failed generation keeps
// them and shows the backend's message, a bad chart disables Generate, shortcuts open the help.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StudioView from '../../../renderer/studio/StudioView.svelte';
import { fakeApi } from '../fake-api';
import { takeFixture } from '../../backend/studio/take-fixture';

vi.mock('tone', () => ({ getContext: () => ({ state: 'suspended' }), start: async () => {}, getTransport: () => ({}) }));
afterEach(() => cleanup());

const status = { info: null } as never;

describe('StudioView', () => {
  it('lists the stored takes and keeps them when a generation fails, showing why', async () => {
    const fake = fakeApi({
      'take:list': async () => ({
        takes: [takeFixture('take-a', { name: 'Old one' })],
        skipped: [{ file: 'x.json', reason: 'not valid JSON' }],
      }),
      'take:generate': async () => Promise.reject(new Error('the model folder /m has no licklab.json')),
    });
    render(StudioView, { api: fake.api, status });
    await waitFor(() => expect(screen.getByTestId('take-count').textContent).toBe('1'));
    expect(screen.getByText(/1 stored take file could not be read/)).toBeTruthy();
    expect(screen.getByTestId('current-take').textContent).toBe('Old one');
    expect(screen.queryByTestId('roll-empty')).toBeNull();
    await fireEvent.click(screen.getByTestId('generate'));
    await waitFor(() =>
      expect(screen.getByTestId('generate-error').textContent).toBe('Generation failed: the model folder /m has no licklab.json'),
    );
    expect(screen.getByTestId('take-count').textContent).toBe('1');
    expect(screen.getAllByTestId('take')).toHaveLength(1);
  });

  it('disables Generate while the chart has a bad symbol, and lists the reason', async () => {
    const fake = fakeApi({ 'take:list': async () => ({ takes: [], skipped: [] }) });
    render(StudioView, { api: fake.api, status });
    // A first launch: the empty roll says what to do.
    await waitFor(() => expect(screen.getByTestId('roll-empty').textContent).toMatch(/press Generate/));
    await fireEvent.click(screen.getByTestId('source-chart'));
    const input = screen.getByTestId('chart-input') as HTMLTextAreaElement;
    await fireEvent.input(input, { target: { value: '| C7 | Qm7 |' } });
    await waitFor(() => expect(screen.getByTestId('chart-error-mark').textContent).toBe('Qm7'));
    expect(screen.getByTestId('chart-problems').textContent).toMatch(/Bar 2: Qm7/);
    expect((screen.getByTestId('generate') as HTMLButtonElement).disabled).toBe(true);
    // The G and S shortcuts are held back too (nothing goes to the backend).
    await fireEvent.keyDown(window, { key: 'g' });
    await fireEvent.keyDown(window, { key: 's' });
    expect(fake.calls.filter((c) => c === 'take:generate' || c === 'take:sweep')).toEqual([]);
    await fireEvent.input(input, { target: { value: '| C7 | Dm7 |' } });
    await waitFor(() => expect((screen.getByTestId('generate') as HTMLButtonElement).disabled).toBe(false));
  });

  it('keeps the changes, sampling settings, take on the roll and A/B marks across a switch of tabs', async () => {
    const takes = [takeFixture('take-a', { name: 'Newest' }), takeFixture('take-b', { name: 'Older' })];
    const fake = fakeApi({ 'take:list': async () => ({ takes, skipped: [] }) });
    const first = render(StudioView, { api: fake.api, status });
    await waitFor(() => expect(screen.getByTestId('take-count').textContent).toBe('2'));
    await fireEvent.change(screen.getByTestId('form-select'), { target: { value: 'minor-blues' } });
    await fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'Bb' } });
    await fireEvent.input(screen.getByLabelText('Temperature'), { target: { value: '1.2' } });
    await fireEvent.keyDown(window, { key: 'a' });
    await fireEvent.keyDown(window, { key: 'ArrowDown' });
    await fireEvent.keyDown(window, { key: 'b' });
    expect(screen.getByTestId('current-take').textContent).toBe('Older');
    first.unmount(); // the Training tab is shown
    render(StudioView, { api: fake.api, status });
    await waitFor(() => expect(screen.getByTestId('take-count').textContent).toBe('2'));
    expect((screen.getByTestId('form-select') as HTMLSelectElement).value).toBe('minor-blues');
    expect((screen.getByLabelText('Key') as HTMLSelectElement).value).toBe('Bb');
    expect(screen.getByTestId('temperature-value').textContent).toBe('1.20');
    expect(screen.getByTestId('current-take').textContent).toBe('Older');
    expect((screen.getByTestId('flip-ab') as HTMLButtonElement).disabled).toBe(false);
  });

  it('names the model new takes come from (the active one in the library)', async () => {
    const fake = fakeApi({
      'take:list': async () => ({ takes: [], skipped: [] }),
      'models:list': async () => ({
        activeId: 'mine',
        models: [
          { id: '@default', name: 'Default model (shipped)' },
          { id: 'mine', name: 'My bebop model' },
        ],
      }),
    });
    render(StudioView, { api: fake.api, status });
    await waitFor(() => expect(screen.getByTestId('active-model').textContent).toMatch(/Model\s+My bebop model/));
    expect(screen.getByTestId('active-model').getAttribute('data-model-id')).toBe('mine');
  });

  it('opens the shortcut help with ? and closes it with Escape', async () => {
    const fake = fakeApi({ 'take:list': async () => ({ takes: [], skipped: [] }) });
    render(StudioView, { api: fake.api, status });
    await fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByTestId('help-overlay').textContent).toMatch(/Space.*Play \/ stop/);
    expect(screen.getByTestId('help-overlay').textContent).toMatch(/Salamander Grand Piano/);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('help-overlay')).toBeNull();
  });

  it('moves the focus into the help dialog and back to the ? button when it closes', async () => {
    const fake = fakeApi({ 'take:list': async () => ({ takes: [], skipped: [] }) });
    render(StudioView, { api: fake.api, status });
    const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    button.focus();
    await fireEvent.click(button);
    expect(document.activeElement).toBe(screen.getByTestId('help-overlay'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('help-overlay')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
