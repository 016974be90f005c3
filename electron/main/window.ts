// The one LickLab window, locked down: isolated, sandboxed, no Node, web security on.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
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

export function createMainWindow(opts: { preloadPath: string; url: string }): BrowserWindow {
  const win = new BrowserWindow(windowOptions(opts.preloadPath));
  guardNavigation(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
