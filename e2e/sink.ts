/**
 * A sealed browser for tests that must prove nothing leaves the machine. Chromium resolves every host name to a
 * local "sink" (--host-resolver-rules), which records the host each connection was for (the TLS SNI of an https
 * connection, the Host header of an http one) and hangs up. Unlike page.on('request') or page.route, this sees
 * every process: Chromium runs a sandboxed iframe in a process of its own (IsolateSandboxedIframes), whose
 * requests Playwright neither reports nor routes.
 */
import net from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * Chromium's own background services (component updates, sign-in, autofill), which it contacts whatever the page
 * does: recorded apart, so `hosts` holds what the pages asked for.
 */
const BROWSER_SERVICES = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|gvt2\.com)(:\d+)?$/;

export interface Sink {
  readonly port: number;
  /** Hosts asked for by the pages and their frames, in order ("tracker.example:443"). */
  readonly hosts: string[];
  /** Hosts Chromium itself asked for (BROWSER_SERVICES). */
  readonly browserServices: string[];
  close(): Promise<void>;
}

/** The server name of a TLS ClientHello, or null. */
function sni(buf: Buffer): string | null {
  try {
    if (buf[0] !== 0x16 || buf[5] !== 0x01) return null;
    let p = 5 + 4 + 2 + 32; // record header, handshake header, version, random
    p += 1 + (buf[p] ?? 0); // session id
    p += 2 + buf.readUInt16BE(p); // cipher suites
    p += 1 + (buf[p] ?? 0); // compression methods
    const end = p + 2 + buf.readUInt16BE(p);
    p += 2;
    while (p + 4 <= end) {
      const type = buf.readUInt16BE(p);
      const len = buf.readUInt16BE(p + 2);
      if (type === 0) {
        const nameLen = buf.readUInt16BE(p + 7);
        return buf.subarray(p + 9, p + 9 + nameLen).toString('ascii');
      }
      p += 4 + len;
    }
  } catch {
    // a truncated hello: no name
  }
  return null;
}

export async function startSink(): Promise<Sink> {
  const hosts: string[] = [];
  const browserServices: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (buf) => {
      const tls = sni(buf);
      const http = /^host:\s*(\S+)/im.exec(buf.toString('latin1'))?.[1];
      const host = tls ? `${tls}:443` : (http ?? 'unknown');
      (BROWSER_SERVICES.test(host) ? browserServices : hosts).push(host);
      socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    hosts,
    browserServices,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Sealed {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly sink: Sink;
  close(): Promise<void>;
}

/** Debian's Chromium as playwright.config.ts launches it, with every host name pointing at a fresh sink. */
export async function sealedBrowser(): Promise<Sealed> {
  const sink = await startSink();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--host-resolver-rules=MAP * 127.0.0.1:${sink.port}, EXCLUDE 127.0.0.1`,
    ],
  });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    sink,
    close: async () => {
      await browser.close();
      await sink.close();
    },
  };
}
