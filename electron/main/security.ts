/**
 * Electron hardening, following Electron's security checklist (docs/tutorial/security.md): a custom app://
 * protocol instead of file:// (item 18), a CSP header (7), no navigation (13), no new windows (14), no webviews
 * (11-12), every permission denied (5), and IPC accepted only from our own main frame (17).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mimamori';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer: GET only, our host only, nothing outside the renderer folder. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response('forbidden', { status: 403 });
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': contentSecurityPolicy(),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** Sender check for every IPC call (checklist item 17): our origin, and the main frame, never an iframe. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * A remote image inside a mail body: an https image requested by a sandboxed (opaque-origin) sub-frame, which
 * only the detail pane's mail frame is. The renderer puts a remote src there only for a sender the user allowed
 * (DOMPurify rewrites the rest to a placeholder), and that frame's own CSP allows https: images only then.
 */
function isMailFrameImage(details: Electron.OnBeforeRequestListenerDetails): boolean {
  return (
    details.resourceType === 'image' &&
    details.url.startsWith('https://') &&
    details.initiatorOrigin === 'null' &&
    details.frame !== undefined &&
    details.frame !== null &&
    details.frame.parent !== null
  );
}

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Only our own protocol and data: images; a stray remote load is cancelled at the network layer.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    // blob: URLs are the renderer's own downloads (the rules export); they never leave the machine.
    const ok =
      details.url.startsWith(`${APP_ORIGIN}/`) ||
      details.url.startsWith(`blob:${APP_ORIGIN}/`) ||
      details.url.startsWith('data:') ||
      details.url.startsWith('devtools:') ||
      isMailFrameImage(details);
    callback({ cancel: !ok });
  });
}

export function hardenWebContents(openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links go to the default browser through the allow-list, never into an Electron window.
      setImmediate(() => openExternal(url));
      return { action: 'deny' };
    });
  });
}
