/**
 * `headless --on-alert CMD` end to end: a real headless shell, mail imported through its WebSocket API, and a
 * shell command that appends what it receives to a file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/api';
import type { Core } from '../core/app';
import { onAlertRunner, programOf, type AlertPayload } from './on-alert';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  expect(
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { stdio: 'inherit' }).status,
  ).toBe(0);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-onalert-'));
  const out = path.join(dir, 'alerts.jsonl');
  child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'out/main/cli.js'),
      'headless',
      '--data-dir',
      path.join(dir, 'data'),
      '--on-alert',
      `cat >> '${out}'`,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /Open (http:\/\/\S+)/.exec(buf);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (c) => reject(new Error(`exited ${c}`)));
  });
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, input: unknown): Promise<unknown> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}${u.pathname}ws`, { origin: u.origin });
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const reply = new Promise<unknown>((resolve) => {
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString()) as { id?: number; result?: unknown };
      if (msg.id === 1) resolve(msg.result);
    });
  });
  ws.send(JSON.stringify({ id: 1, method, input }));
  const r = await reply;
  ws.close();
  return r;
}

async function lines(file: string, n: number): Promise<AlertPayload[]> {
  const end = Date.now() + 15_000;
  for (;;) {
    const got = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
    if (got.length >= n) return got.map((l) => JSON.parse(l) as AlertPayload);
    if (Date.now() > end) throw new Error(`only ${got.length} alerts arrived`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('--on-alert', () => {
  it('runs the command once per new or escalated incident with the incident and its signals on stdin', async () => {
    const file = (n: string): { name: string; base64: string } => ({
      name: n,
      base64: readFileSync(path.join(ROOT, 'fixtures/story', n)).toString('base64'),
    });
    await call('import.files', { files: [file('02-giftcard-10000.eml')] });
    const [first] = await lines(path.join(dir, 'alerts.jsonl'), 1);
    expect(first).toMatchObject({
      version: 1,
      change: 'opened',
      incident: { kind: 'giftcard_fraud', severity: 'warning', signalIds: ['1'] },
    });
    expect(first?.signals).toEqual([
      expect.objectContaining({
        id: '1',
        kind: 'giftcard.purchased',
        amount: { currency: 'JPY', minor: 10000 },
      }),
    ]);

    await call('import.files', {
      files: [file('05-giftcard-opened-10000.eml'), file('06-rakuten-debit-10000.eml')],
    });
    const all = await lines(path.join(dir, 'alerts.jsonl'), 2);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      change: 'escalated',
      incident: {
        severity: 'critical',
        links: expect.arrayContaining([expect.objectContaining({ rule: 'same-amount' })]),
      },
    });
    expect(all[1]?.incident.explanation).toContain('4 min later your bank (Rakuten Bank) debited ¥10,000');
  });
});

describe('--on-alert logging', () => {
  it('names the program only: the command line may carry a token', () => {
    expect(programOf('curl -H "Authorization: Bearer x" https://example.test')).toBe('curl');
    expect(programOf('  TOKEN=x API_KEY=y /usr/local/bin/notify --quiet')).toBe('/usr/local/bin/notify');
    expect(programOf(`'/opt/my tools/hook' a b`)).toBe('/opt/my');
    expect(programOf('')).toBe('(none)');
  });

  it('logs a failing command without its arguments or environment', async () => {
    const logged: string[] = [];
    const core = {
      repo: {
        incident: () => ({
          id: '1',
          kind: 'giftcard_fraud',
          vendor: 'amazon',
          severity: 'warning',
          status: 'open',
          snoozedUntil: null,
          signalIds: [],
          links: [],
          openedAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-01T00:00:00.000Z',
        }),
        signalsByIds: () => [],
      },
      log: {
        log: (level: string, msg: string, fields: Record<string, unknown> = {}) =>
          logged.push(JSON.stringify({ level, msg, ...fields })),
      },
    } as unknown as Core;
    const run = onAlertRunner(
      `TOKEN=s3cret-env sh -c 'cat > /dev/null; exit 3' hook "Authorization: Bearer s3cret-header"`,
      () => core,
    );
    run({
      incidentId: '1',
      severity: 'warning',
      kind: 'giftcard_fraud',
      title: '',
      body: '',
      escalated: false,
    } satisfies Alert);
    const end = Date.now() + 10_000;
    while (logged.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
      level: 'warn',
      msg: 'on-alert command failed',
      program: 'sh',
      code: 3,
    });
    expect(logged.join('\n')).not.toContain('s3cret');
    expect(logged.join('\n')).not.toContain('Authorization');
  });
});
