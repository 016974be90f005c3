// @vitest-environment jsdom
// The status bar in jsdom: backend name/version/threads/SIMD, the fallback reason on demand, a
// crash message while the backend restarts, and recovery.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import StatusBar from '../../renderer/components/StatusBar.svelte';
import { BackendStatus } from '../../renderer/lib/backend-status.svelte';
import { fakeApi } from './fake-api';

const wasm = {
  name: 'wasm' as const,
  version: '4.22.0',
  simd: true,
  threads: 1,
  fallbackReason: 'the native backend @tensorflow/tfjs-node is not installed',
};

afterEach(() => cleanup());

describe('StatusBar', () => {
  it('shows the active backend with version, SIMD and threads, and the fallback reason on demand', async () => {
    const { api } = fakeApi({ 'backend:info': async () => wasm });
    const status = new BackendStatus(api);
    render(StatusBar, { status });
    expect(screen.getByTestId('backend-status').textContent).toContain('starting');
    status.start();
    await waitFor(() => expect(screen.getByTestId('backend-name').textContent).toBe('wasm 4.22.0'));
    expect(screen.getByTestId('backend-status').textContent).toContain('SIMD · 1 thread');
    const toggle = screen.getByRole('button', { name: 'fallback: why?' });
    expect(toggle.getAttribute('title')).toBe(wasm.fallbackReason);
    expect(screen.queryByTestId('fallback-reason')).toBeNull();
    await fireEvent.click(toggle);
    expect(screen.getByTestId('fallback-reason').textContent).toContain(wasm.fallbackReason);
  });

  it('shows no fallback button on the native backend', async () => {
    const { api } = fakeApi({ 'backend:info': async () => ({ name: 'tensorflow', version: '4.22.0' }) });
    const status = new BackendStatus(api);
    render(StatusBar, { status });
    status.start();
    await waitFor(() => expect(screen.getByTestId('backend-name').textContent).toBe('tensorflow 4.22.0'));
    expect(screen.getByTestId('backend-status').textContent).toContain('native');
    expect(screen.queryByRole('button', { name: 'fallback: why?' })).toBeNull();
  });

  it('reports a crash, then recovers when the restarted backend is ready', async () => {
    const fake = fakeApi({ 'backend:info': async () => wasm });
    const status = new BackendStatus(fake.api);
    render(StatusBar, { status });
    status.start();
    await waitFor(() => expect(status.state).toBe('ready'));
    fake.fire('backend:down', {
      message: 'the backend process stopped unexpectedly (signal SIGKILL)',
      exitCode: null,
      signal: 'SIGKILL',
      restarting: true,
    });
    await waitFor(() =>
      expect(screen.getByTestId('backend-down').textContent).toContain(
        'The backend process stopped unexpectedly (signal SIGKILL). Restarting it…',
      ),
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    fake.fire('backend:ready', { pid: 2, restarts: 1 });
    await waitFor(() => expect(screen.getByTestId('backend-recovered').textContent).toBe('recovered after 1 crash'));
    expect(screen.getByTestId('backend-name').textContent).toBe('wasm 4.22.0');
  });

  it('shows an error with a retry button when the backend cannot answer', async () => {
    let fail = true;
    const { api } = fakeApi({
      'backend:info': async () => (fail ? Promise.reject(new Error('No TensorFlow.js backend could start: boom')) : wasm),
    });
    const status = new BackendStatus(api);
    render(StatusBar, { status });
    status.start();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('ML backend error: No TensorFlow.js backend could start: boom'),
    );
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('backend-name').textContent).toBe('wasm 4.22.0'));
  });

  it('stops listening when stopped', () => {
    const fake = fakeApi({ 'backend:info': async () => wasm });
    const stop = new BackendStatus(fake.api).start();
    expect(fake.listenerCount('backend:down')).toBe(1);
    stop();
    expect(fake.listenerCount('backend:down')).toBe(0);
  });
});
