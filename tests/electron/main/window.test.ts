// The hidden-until-ready window: a page that fails to load shows the window and an error box instead
// of leaving LickLab running with no window; aborted loads and sub-frames are not failures.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { reportLoadFailures } = await import('../../../electron/main/window');

function fakeWindow() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  let visible = false;
  const win = {
    isVisible: () => visible,
    show: vi.fn(() => (visible = true)),
    webContents: { on: vi.fn((event: string, h: (...args: unknown[]) => void) => handlers.set(event, h)) },
  };
  return { win, fail: (...args: unknown[]) => handlers.get('did-fail-load')!({}, ...args) };
}

describe('reportLoadFailures', () => {
  it('shows the window and says which page failed and what to do', () => {
    const { win, fail } = fakeWindow();
    const showError = vi.fn();
    reportLoadFailures(win as never, showError);
    fail(-6, 'ERR_FILE_NOT_FOUND', 'file:///app/dist/renderer/index.html', true);
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(showError).toHaveBeenCalledWith(
      'LickLab could not open its page',
      'Loading file:///app/dist/renderer/index.html failed: ERR_FILE_NOT_FOUND (-6). From the source folder, `npm start` builds the page first; an installed LickLab may need reinstalling. Close this window to quit.',
    );
  });

  it('ignores aborted loads (a refused navigation) and sub-frames', () => {
    const { win, fail } = fakeWindow();
    const showError = vi.fn();
    reportLoadFailures(win as never, showError);
    fail(-3, 'ERR_ABORTED', 'https://example.com/', true);
    fail(-6, 'ERR_FILE_NOT_FOUND', 'file:///x.html', false);
    expect(win.show).not.toHaveBeenCalled();
    expect(showError).not.toHaveBeenCalled();
  });
});
