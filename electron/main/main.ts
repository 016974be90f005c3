// Electron main process: one secure window, the contract over IPC, the trainer in a utility process.
// Bundled by scripts/build-electron.js into dist-electron/main.cjs (with preload.cjs and trainer.cjs).
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { createApiRouter } from '../../backend/api-router';
import { isTestMode } from '../../api/contract';
import { createMainHandlers } from '../../backend/main-handlers';
import { TrainerHost } from '../../backend/trainer/trainer-host';
import { APP_URL, handleAppProtocol, registerAppScheme } from './app-protocol';
import { electronDialogs } from './dialogs';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { denyPermissions, installCsp, isTrustedSenderUrl } from './security';
import { utilityTrainerSpawner } from './utility-spawner';
import { createMainWindow } from './window';

// dist-electron/ sits beside dist/renderer/ in the project and in the packaged app; the page is
// served from it on app://licklab/ (app-protocol.ts), never from file://.
const here = __dirname;
const rendererDir = path.join(here, '..', 'dist', 'renderer');
const devUrl = process.env.LICKLAB_RENDERER_URL; // e.g. a Vite dev server during development

// The trainer keeps takes, corpora and models in Electron's per-user folder.
const trainerEnv = { ...process.env, LICKLAB_DATA_DIR: process.env.LICKLAB_DATA_DIR ?? app.getPath('userData') };
const trainer = new TrainerHost(utilityTrainerSpawner(path.join(here, 'trainer.cjs'), trainerEnv));
const router = createApiRouter({
  trainer,
  mainHandlers: createMainHandlers({ version: app.getVersion(), host: { kind: 'electron', trainer, ...electronDialogs } }),
  testMode: isTestMode(process.env),
});

app.enableSandbox();
registerAppScheme(protocol);

app.whenReady().then(() => {
  handleAppProtocol(protocol, rendererDir);
  installCsp(session.defaultSession);
  denyPermissions(session.defaultSession);
  registerIpcHandlers(ipcMain, router, (url) => isTrustedSenderUrl(url, { appUrl: APP_URL, devUrl }));
  forwardEvents(router, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  void trainer.start().catch((err: Error) => console.error(`licklab: ${err.message}`));
  createMainWindow({ preloadPath: path.join(here, 'preload.cjs'), url: devUrl ?? APP_URL });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      createMainWindow({ preloadPath: path.join(here, 'preload.cjs'), url: devUrl ?? APP_URL });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => void trainer.dispose());
