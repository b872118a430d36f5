/**
 * The headless shell's loopback server: the built renderer over HTTP and the contract over a WebSocket, on
 * 127.0.0.1 only. Every request and socket must carry the per-run token in its path (/t/<token>/…); anything
 * else is refused, so another local user or a web page in the user's browser cannot reach the API. The Host
 * and Origin checks stop DNS-rebinding pages that would otherwise talk to 127.0.0.1 under their own name.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/api';
import { contentSecurityPolicy } from '../../shared/csp';
import type { Core } from '../core/app';

export interface HeadlessServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly port?: number;
  readonly rendererDir: string;
  /** Overrides the random token (tests only). */
  readonly token?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Imports arrive as base64 in one message; the contract caps them at 64 MiB of base64. */
const MAX_WS_MESSAGE = 96 * 1024 * 1024;

function sameToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startServer(core: Core, opts: ServerOptions): Promise<HeadlessServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = path.resolve(opts.rendererDir);
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);
  const prefix = `/t/`;

  /** Returns the path after /t/<token>/ when the token is right, else null. */
  const authorise = (url: string | undefined): string | null => {
    if (!url?.startsWith(prefix)) return null;
    const rest = url.slice(prefix.length);
    const slash = rest.indexOf('/');
    const candidate = slash === -1 ? rest : rest.slice(0, slash);
    if (!sameToken(candidate, token)) return null;
    return slash === -1 ? '/' : rest.slice(slash);
  };

  const refuse = (res: http.ServerResponse, code: number, text: string): void => {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const server = http.createServer(async (req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'wrong host');
    const sub = authorise(req.url);
    if (sub === null) return refuse(res, 403, 'forbidden: open the URL with the token that Mimamori printed');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(sub.split('?')[0] ?? '/');
    } catch {
      return refuse(res, 400, 'bad request'); // malformed %-escape: a throw here would crash the process
    }
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return refuse(res, 404, 'not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, 404, 'not found');
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': contentSecurityPolicy({
        connect: allowedOrigins().map((o) => o.replace('http:', 'ws:')),
      }),
      'X-Content-Type-Options': 'nosniff',
      // The token is in the path: never let it leave in a Referer.
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=()',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
  const sockets = new Set<WebSocket>();
  const unsubscribe = EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      const msg = JSON.stringify({ event, payload });
      for (const ws of sockets) ws.send(msg);
    }),
  );

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const sub = authorise(req.url);
    const ok =
      sub === '/ws' &&
      allowedHosts().includes(req.headers.host ?? '') &&
      allowedOrigins().includes(req.headers.origin ?? '');
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', async (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text only');
        let msg: { id?: unknown; method?: unknown; input?: unknown } | null;
        try {
          msg = JSON.parse(data.toString()) as typeof msg;
        } catch {
          return ws.close(1007, 'invalid JSON');
        }
        if (typeof msg?.id !== 'number') return ws.close(1008, 'missing id'); // "null" parses too
        const result = await core.handle(msg.method, msg.input);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, result }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/t/${token}/`;
  return {
    url,
    port,
    token,
    close: async () => {
      unsubscribe.forEach((u) => u());
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
