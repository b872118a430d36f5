import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../core/app';
import { headlessPlatform } from './platform';
import { startServer, type HeadlessServer } from './server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const INDEX = '<!doctype html><title>Mimamori test</title>\n';

let work: string;
let core: Core;
let server: HeadlessServer;
let host: string;
let origin: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'mimamori-server-test-'));
  const rendererDir = path.join(work, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX);
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1);\n');
  // A sibling whose name starts with the renderer folder's: a prefix check without a separator would serve it.
  mkdirSync(path.join(work, 'renderer-secret'));
  writeFileSync(path.join(work, 'renderer-secret', 'secret.txt'), 'SECRET');
  writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
  core = new Core({ dataDir: path.join(work, 'data'), platform: headlessPlatform(), version: '9.9.9-test' });
  server = await startServer(core, { port: 0, rendererDir });
  host = `127.0.0.1:${server.port}`;
  origin = `http://${host}`;
});

afterAll(async () => {
  await server?.close();
  await core?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A raw request: the path goes out exactly as written (no URL normalisation of "..", unlike fetch). */
function request(pathname: string, opts: { method?: string; host?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const tokenPath = (rest = ''): string => `/t/${server.token}/${rest}`;

describe('HTTP', () => {
  it('serves index.html with the token, with a CSP and no referrer', async () => {
    const r = await request(tokenPath());
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const csp = r.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://${host} ws://localhost:${server.port}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves files under the renderer folder and answers HEAD without a body', async () => {
    const js = await request(tokenPath('assets/app.js?v=1'));
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1);\n');
    const head = await request(tokenPath(), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(head.body).toBe('');
  });

  it('refuses a request without the token, with a wrong one, or with one of the same length', async () => {
    const t = server.token;
    const sameLength = `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
    expect(sameLength).toHaveLength(t.length);
    for (const p of [
      '/',
      '/index.html',
      '/t/',
      '/t//',
      '/t/wrong/',
      `/t/${sameLength}/`,
      `/t/${t}x/`,
      `/${t}/`,
    ]) {
      const r = await request(p);
      expect([p, r.status]).toEqual([p, 403]);
      expect(r.body).not.toContain('Mimamori test');
    }
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    for (const h of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, 'localhost']) {
      const r = await request(tokenPath(), { host: h });
      expect([h, r.status]).toEqual([h, 421]);
    }
    expect((await request(tokenPath(), { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await request(tokenPath(), { method });
      expect([method, r.status]).toEqual([method, 405]);
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').slice(0, 20);
    for (const p of [
      tokenPath('../../etc/passwd'),
      tokenPath('../../../../../../../../etc/passwd'),
      tokenPath('%2e%2e/%2e%2e/etc/passwd'),
      tokenPath('..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'),
      tokenPath('%2E%2E/secret.txt'),
      tokenPath('../renderer-secret/secret.txt'),
      tokenPath('%2e%2e%2frenderer-secret%2fsecret.txt'),
      tokenPath('/etc/passwd'),
      tokenPath('%2fetc%2fpasswd'),
      tokenPath('assets/%00'),
      tokenPath('assets'),
      tokenPath('missing.js'),
    ]) {
      const r = await request(p);
      expect([p, r.status]).toEqual([p, 404]);
      expect(r.body).toBe('not found');
      expect(r.body).not.toContain(passwd);
    }
  });

  it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
    for (const p of [tokenPath('%'), tokenPath('%E0%A4%A'), tokenPath('assets/%zz.js')]) {
      const r = await request(p);
      expect([p, r.status]).toEqual([p, 400]);
    }
    expect((await request(tokenPath())).status).toBe(200);
  });
});

/** A socket client that keeps every message it receives, so a test can wait for a pushed event. */
class Client {
  readonly received: unknown[] = [];
  private nextId = 1;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as unknown);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves to a client when the upgrade succeeds, or to the refusal's HTTP status. */
  static connect(url: string, opts: { origin?: string; host?: string } = {}): Promise<Client | number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, {
        ...(opts.origin === undefined ? {} : { origin: opts.origin }),
        ...(opts.host === undefined ? {} : { headers: { host: opts.host } }),
      });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', (err) => {
        const m = /Unexpected server response: (\d+)/.exec(err.message);
        resolve(m ? Number(m[1]) : -1);
      });
    });
  }

  async waitFor(pred: (m: unknown) => boolean, timeoutMs = 5000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit !== undefined) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async call(method: string, input?: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, input }));
    const reply = (await this.waitFor(
      (m) => typeof m === 'object' && m !== null && (m as { id?: unknown }).id === id,
    )) as { result: unknown };
    return reply.result;
  }

  close(): void {
    this.ws.close();
  }
}

const wsUrl = (token: string = server.token): string => `ws://${host}/t/${token}/ws`;

async function open(): Promise<Client> {
  const c = await Client.connect(wsUrl(), { origin });
  if (typeof c === 'number') throw new Error(`upgrade refused with ${c}`);
  return c;
}

describe('WebSocket', () => {
  it('answers calls with the right token and Origin', async () => {
    const c = await open();
    try {
      expect(await c.call('app.info')).toEqual({
        ok: true,
        value: {
          version: '9.9.9-test',
          shell: 'headless',
          locale: expect.stringMatching(/^(en|ja)$/) as unknown,
          capabilities: { pickFiles: false },
        },
      });
      expect(await c.call('timeline.get', {})).toEqual({
        ok: true,
        value: { incidents: [], signals: [], total: 0 },
      });
    } finally {
      c.close();
    }
  });

  it('accepts the localhost Origin too', async () => {
    const c = await Client.connect(`ws://localhost:${server.port}/t/${server.token}/ws`, {
      origin: `http://localhost:${server.port}`,
    });
    expect(c).toBeInstanceOf(Client);
    if (c instanceof Client) c.close();
  });

  it('refuses an upgrade without Origin, with a foreign Origin or Host, or with a wrong token', async () => {
    const same = `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`;
    const refused = [
      await Client.connect(wsUrl()),
      await Client.connect(wsUrl(), { origin: 'http://evil.example' }),
      await Client.connect(wsUrl(), { origin: `http://evil.example:${server.port}` }),
      await Client.connect(wsUrl(), { origin: `https://${host}` }),
      await Client.connect(wsUrl(), { origin: 'null' }),
      await Client.connect(wsUrl(), { origin, host: `evil.example:${server.port}` }),
      await Client.connect(wsUrl('wrong'), { origin }),
      await Client.connect(wsUrl(same), { origin }),
      await Client.connect(`ws://${host}/t/${server.token}/`, { origin }),
      await Client.connect(`ws://${host}/ws`, { origin }),
    ];
    expect(refused).toEqual(Array(refused.length).fill(403));
  });

  it('answers an invalid payload or an unknown method with code invalid', async () => {
    const c = await open();
    try {
      const bad = (await c.call('incident.acknowledge', { incidentId: 'abc', action: 'dismiss' })) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(bad.ok).toBe(false);
      expect(bad.error.code).toBe('invalid');
      expect(bad.error.message).toContain('incidentId');
      expect(await c.call('app.quit', {})).toEqual({
        ok: false,
        error: { code: 'invalid', message: 'unknown method' },
      });
      expect(await c.call('toString', {})).toEqual({
        ok: false,
        error: { code: 'invalid', message: 'unknown method' },
      });
      expect(await c.call('incident.acknowledge', { incidentId: '424242', action: 'dismiss' })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'no incident 424242' },
      });
    } finally {
      c.close();
    }
  });

  it('closes a socket that sends a message without an id, and keeps running', async () => {
    for (const text of ['null', '42', '"x"', '[]', '{"method":"app.info"}', 'not json']) {
      const c = await open();
      const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
      c.ws.send(text);
      expect([text, await closed]).toEqual([text, text === 'not json' ? 1007 : 1008]);
    }
    const c = await open();
    expect(await c.call('app.info')).toMatchObject({ ok: true });
    c.close();
  });

  it('pushes timeline.changed to every socket after import.files', async () => {
    const a = await open();
    const b = await open();
    try {
      const mail = readFileSync(path.join(root, 'fixtures/story/06-rakuten-debit-10000.eml'));
      const result = await a.call('import.files', {
        files: [{ name: '06-rakuten-debit-10000.eml', base64: mail.toString('base64') }],
      });
      expect(result).toEqual({
        ok: true,
        value: { scanned: 1, unparsed: 0, duplicates: 0, signals: 1, errors: [] },
      });
      const changed = { event: 'timeline.changed', payload: { reason: 'import' } };
      const isChanged = (m: unknown): boolean => JSON.stringify(m) === JSON.stringify(changed);
      expect(await a.waitFor(isChanged)).toEqual(changed);
      expect(await b.waitFor(isChanged)).toEqual(changed);
      const timeline = (await b.call('timeline.get', {})) as {
        ok: true;
        value: { total: number; signals: { kind: string; amount: unknown }[] };
      };
      expect(timeline.value.total).toBe(1);
      expect(timeline.value.signals.map((s) => [s.kind, s.amount])).toEqual([
        ['payment.charge', { currency: 'JPY', minor: 10000 }],
      ]);
    } finally {
      a.close();
      b.close();
    }
  });
});
