/**
 * The Electron shell, kept thin: window, tray, notifications, file picker and IPC wiring around the same core
 * the headless shell runs. Nothing here is reachable from the renderer except through the contract.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  shell,
  Tray,
} from 'electron';
import pkg from '../../package.json';
import type { Alert } from '../../shared/api';
import { t } from '../../shared/i18n';
import { IPC_EVENT, IPC_INVOKE, EVENT_NAMES_LIST } from '../../shared/ipc';
import { Core, type TrayStatus } from '../core/app';
import { checkExternalUrl } from '../core/review';
import { trayIconPng } from '../core/alerts/icon';
import { KeytarSecretStore } from '../core/secrets/secrets';
import {
  APP_ORIGIN,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  registerAppScheme,
  serveRenderer,
} from './security';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The one way out to the default browser: the core's allow-list (links.open's: http(s) to a DNS name, no
 * credentials, no IP literal), parsed rather than string-matched (checklist item 15). The core calls it through
 * Platform.openUrl; a window.open that reaches main goes through the same check.
 */
async function openExternal(url: string): Promise<void> {
  const v = checkExternalUrl(url);
  if (v.ok) await shell.openExternal(v.url);
}

app.enableSandbox();
registerAppScheme();
// --data-dir DIR (or MIMAMORI_DATA_DIR) selects the data folder, as in the headless shell; e2e gives each test its own.
const dataDirFlag = process.argv.indexOf('--data-dir');
const dataDir =
  (dataDirFlag !== -1 ? process.argv[dataDirFlag + 1] : undefined) ?? process.env.MIMAMORI_DATA_DIR;
if (dataDir) app.setPath('userData', path.resolve(dataDir));
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let tray: Tray | null = null;
let core: Core | null = null;
let quitting = false;

/** Shows the window; with a screen, on that screen (a new window opens on it through the URL's fragment). */
function showWindow(view?: 'passwords'): void {
  if (!win) {
    win = new BrowserWindow({
      width: 1200,
      height: 820,
      show: false,
      title: 'Mimamori',
      webPreferences: {
        preload: path.join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    win.on('close', (e) => {
      // Closing the window keeps Mimamori watching from the tray.
      if (!quitting) {
        e.preventDefault();
        win?.hide();
      }
    });
    win.on('closed', () => (win = null));
    win.once('ready-to-show', () => win?.show());
    void win.loadURL(`${APP_ORIGIN}/index.html${view ? `#${view}` : ''}`);
  } else {
    win.show();
    win.focus();
    if (view) core?.focusView(view);
  }
}

function updateTray(status: TrayStatus): void {
  if (!tray) return;
  if (core) tray.setContextMenu(trayMenu(core, status.rotationsDue));
  tray.setImage(
    nativeImage.createFromBuffer(trayIconPng(status.state, status.openIncidents, 32), { scaleFactor: 2 }),
  );
  tray.setToolTip(status.tooltip);
}

/** One native notification per new or escalated incident; a later one for the same incident replaces it. */
const shown = new Map<string, Notification>();
function notify(alert: Alert): void {
  if (!Notification.isSupported()) return;
  // A password-rotation reminder has no incident: it opens the Passwords screen.
  const key = alert.reminder ? `reminder:${alert.reminder.vendor}` : alert.incidentId;
  shown.get(key)?.close();
  const n = new Notification({
    title: alert.title,
    body: alert.body,
    urgency: alert.severity === 'critical' ? 'critical' : 'normal',
  });
  n.on('click', () => {
    if (alert.reminder) return showWindow('passwords');
    showWindow();
    core?.focusIncident(alert.incidentId);
  });
  // Forget it once closed (dismissed, clicked, or replaced), unless a later one for the key took its place.
  n.on('close', () => {
    if (shown.get(key) === n) shown.delete(key);
  });
  shown.set(key, n);
  n.show();
}

/** The tray's menu; `rotationsDue` comes with the tray status it is built for (counting again costs a query). */
function trayMenu(c: Core, rotationsDue: number): Menu {
  const accounts = c.accounts.list();
  const paused = accounts.length > 0 && accounts.every((a) => a.paused === 1);
  const ja = c.locale() === 'ja';
  return Menu.buildFromTemplate([
    { label: ja ? 'タイムラインを開く' : 'Open timeline', click: () => showWindow() },
    {
      label: t(c.locale(), 'tray.rotations', { count: rotationsDue }),
      click: () => showWindow('passwords'),
    },
    { label: ja ? '今すぐ同期' : 'Sync now', click: () => c.imap.syncNow() },
    {
      label: paused ? (ja ? '見守りを再開' : 'Resume watching') : ja ? '見守りを一時停止' : 'Pause watching',
      enabled: accounts.length > 0,
      click: () => {
        for (const a of accounts) void c.imap.setPaused(a.id, !paused);
      },
    },
    { type: 'separator' },
    {
      label: ja ? '見守りを終了' : 'Quit Mimamori',
      click: () => {
        quitting = true;
        app.quit();
      },
    },
  ]);
}

void app.whenReady().then(() => {
  hardenSession();
  hardenWebContents((url) => void openExternal(url));
  serveRenderer(path.join(here, '../renderer'));
  core = new Core({
    dataDir: app.getPath('userData'),
    version: pkg.version,
    watch: true,
    platform: {
      shell: 'electron',
      systemLocale: () => (app.getLocale().startsWith('ja') ? 'ja' : 'en'),
      notify,
      setTray: updateTray,
      secrets: new KeytarSecretStore(),
      setStartAtLogin: (on) => app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] }),
      openUrl: openExternal,
      pickFiles: async () => {
        const r = await dialog.showOpenDialog({
          properties: ['openFile', 'openDirectory', 'multiSelections'],
        });
        return r.canceled ? null : r.filePaths;
      },
    },
  });
  const c = core;
  ipcMain.handle(IPC_INVOKE, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event))
      return { ok: false, error: { code: 'invalid', message: 'untrusted sender' } };
    return c.handle(method, input);
  });
  for (const name of EVENT_NAMES_LIST) {
    c.on(name, (payload) => win?.webContents.send(IPC_EVENT, { event: name, payload }));
  }
  tray = new Tray(nativeImage.createFromBuffer(trayIconPng('watching', 0, 32), { scaleFactor: 2 }));
  tray.setContextMenu(trayMenu(c, c.response.dueCount()));
  tray.on('click', () => showWindow());
  // Connections die quietly across sleep: reconnect on wake and when the network comes back.
  powerMonitor.on('resume', () => c.imap.resumed());
  powerMonitor.on('unlock-screen', () => c.imap.resumed());
  c.correlateNow();
  // Started at login: watch from the tray without opening the window.
  if (!process.argv.includes('--hidden')) showWindow();
});

app.on('second-instance', () => showWindow());
let closed = false;
app.on('before-quit', (event) => {
  quitting = true;
  if (core && !closed) {
    // Finish the watchers' current transaction and close the database before exiting.
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  }
});
app.on('window-all-closed', () => {
  // Stay in the tray: watching does not need a window.
});
