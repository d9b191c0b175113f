// Electron main process: wiring only. The backend (database, store, audio) runs in a worker thread;
// this file connects one IPC channel and one media scheme to it and hardens the window.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { IPC_CHANNEL, MEDIA_SCHEME } from '../shared/bridge';
import { EVENT_CHANNEL } from '../shared/events';
import { startBackendWorker, type BackendClient } from './core/worker/backend-client';

protocol.registerSchemesAsPrivileged([
  // corsEnabled: the player routes audio through Web Audio for lane mute/solo, which hears a
  // cross-origin element (file:// page, recording:// audio) only when its response allows CORS.
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
]);

const RENDERER = join(__dirname, '..', 'renderer', 'index.html');

function storeConfig() {
  const explicit = process.env.EARMARK_STORE;
  return explicit ? { storeRoot: explicit, isDemo: false, seedDemo: false } : { storeRoot: join(app.getPath('userData'), 'demo-store'), isDemo: true, seedDemo: true };
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Earmark',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Nothing navigates away from the app or opens new windows; external links go to the browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(RENDERER);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  let backend: BackendClient;
  try {
    backend = await startBackendWorker({ dataDir: join(app.getPath('userData'), 'data'), ...storeConfig() });
  } catch (err) {
    dialog.showErrorBox('Earmark cannot start', (err as Error).message);
    app.exit(1);
    return;
  }

  protocol.handle(MEDIA_SCHEME, (request) => backend.media(request));
  ipcMain.handle(IPC_CHANNEL, (event, name: unknown, input: unknown) => {
    // Only our own page may call in.
    if (!event.senderFrame || !event.senderFrame.url.startsWith('file://')) {
      return { ok: false, error: { code: 'denied', message: 'commands are accepted only from the Earmark window' } };
    }
    return backend.dispatch(name, input);
  });

  // The backend asks for a file (where to save an export, which file to identify); the person chooses.
  backend.setDialogHandler(async (request) => {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    if (request.kind === 'save') {
      const r = await dialog.showSaveDialog(win, { title: request.title, defaultPath: request.defaultName, filters: request.filters });
      return r.canceled || !r.filePath ? null : r.filePath;
    }
    const r = await dialog.showOpenDialog(win, { title: request.title, filters: request.filters, properties: ['openFile'] });
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  });
  backend.onEvent((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, event);
  });

  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
  app.on('window-all-closed', () => {
    void backend.close().finally(() => app.quit());
  });
}

void main();
