// @vitest-environment jsdom
// The whole page in jsdom: layout, backend panel, About with the samples credit.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../renderer/App.svelte';
import { CREDITS } from '../../api/contract';
import { fakeApi } from './fake-api';

afterEach(() => cleanup());

describe('App', () => {
  it('shows the backend panel and the About panel with the credits from the backend', async () => {
    const fake = fakeApi({
      'backend:info': async () => ({ name: 'cpu', version: '4.22.0', threads: 1, fallbackReason: 'no wasm here' }),
      'app:about': async () => ({ name: 'LickLab', version: '0.1.0', description: 'Jazz.', credits: CREDITS }),
    });
    render(App, { api: fake.api });
    await fireEvent.click(screen.getByRole('tab', { name: 'Backend' }));
    await waitFor(() => expect(screen.getByTestId('backend-details').textContent).toContain('no wasm here'));
    expect(screen.getByRole('heading', { name: 'LickLab' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('tab', { name: 'About' }));
    await waitFor(() => expect(screen.getByTestId('credits').textContent).toContain('Salamander Grand Piano by Alexander Holm, CC BY 3.0'));
    expect(screen.getByTestId('about-version').textContent).toBe('0.1.0');
    // One backend request on start: the status must not loop on its own state changes.
    expect(fake.calls.filter((c) => c === 'backend:info')).toHaveLength(1);
  });
});
