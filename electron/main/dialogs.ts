// Native open/save dialogs for the main-side handlers (HostServices). Paths come only from here,
// never from the renderer.
import { BrowserWindow, dialog } from 'electron';
import type { HostServices } from '../../backend/host-services';

export const electronDialogs: Pick<HostServices, 'showOpenDialog' | 'showSaveDialog'> = {
  async showOpenDialog({ title, folders, multiple, filters }) {
    const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = [folders ? 'openDirectory' : 'openFile'];
    if (multiple) properties.push('multiSelections');
    const win = BrowserWindow.getFocusedWindow();
    const opts = { title, properties, filters };
    const result = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return result.canceled ? [] : result.filePaths;
  },
  async showSaveDialog({ title, defaultName, filters }) {
    const win = BrowserWindow.getFocusedWindow();
    const opts = { title, defaultPath: defaultName, filters };
    const result = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};
