// The one LickLab window, locked down: isolated, sandboxed, no Node, web security on.
import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron';
import { guardNavigation } from './security';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'LickLab',
    backgroundColor: '#0f1216',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

type LoadFailureWindow = Pick<BrowserWindow, 'isVisible' | 'show'> & { webContents: Pick<BrowserWindow['webContents'], 'on'> };

/** The window starts hidden until its page is ready; a page that cannot load would leave LickLab
 *  running with no window to close. Show it and say why instead. (-3 is an aborted load, e.g. a
 *  navigation we refused: not a failure of our page.) */
export function reportLoadFailures(
  win: LoadFailureWindow,
  showError: (title: string, text: string) => void = (title, text) => dialog.showErrorBox(title, text),
): void {
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === -3) return;
    if (!win.isVisible()) win.show();
    showError(
      'LickLab could not open its page',
      `Loading ${url} failed: ${description} (${code}). From the source folder, \`npm start\` builds the page first; an installed LickLab may need reinstalling. Close this window to quit.`,
    );
  });
}

export function createMainWindow(opts: { preloadPath: string; url: string }): BrowserWindow {
  const win = new BrowserWindow(windowOptions(opts.preloadPath));
  guardNavigation(win.webContents);
  reportLoadFailures(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
