/**
 * Time to alert (issue 5): a mail APPENDed to a real Dovecot → the incident's alert emitted, 50 times, two ways:
 *   - through the shell interface: a watching Core's Platform.notify (what the Electron shell turns into a native
 *     notification and the headless shell into a browser notification);
 *   - through `headless --on-alert CMD`: the built CLI in its own process, CMD being `cat >> FILE`, timed when the
 *     incident's JSON lands in the file.
 * Beside them, Dovecot's own IDLE delay (a bare client: APPEND → its EXISTS). Each round is a new gift-card
 * purchase; the previous incident is dismissed ("this was me") first, so every mail opens a new incident and
 * alerts once. The mailbox holds 10,000 ordinary mails, an inbox of ordinary size.
 *
 * Target: p95 under 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import WebSocket from 'ws';
import { Core } from '../electron/core/app';
import { KeytarSecretStore } from '../electron/core/secrets/secrets';
import { fingerprintOf } from '../electron/core/sources/imap/connect';
import { senderTokens } from '../electron/core/sources/imap/criteria';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { startDovecot, type Dovecot } from '../electron/core/testing/dovecot';
import { buildMail, gmailArh } from '../electron/core/testing/mailbuilder';
import { generateMailbox, ordinarySenders, planMailbox } from './corpus';
import { metric, percentile, progress, round, sleep, target, type BenchResult, type Group } from './report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.MIMAMORI_BENCH_ALERTS ?? 50);
const MAILBOX = Number(process.env.MIMAMORI_BENCH_ALERT_MAILBOX ?? 10_000);

function purchase(tag: string, i: number): Buffer {
  const order = `250-${String(2_000_000 + i)}-${String(3_000_000 + i)}`;
  return buildMail({
    headers: [gmailArh('amazon.co.jp')],
    from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
    subject: `Amazon.co.jp ご注文の確認 #${order}`,
    date: new Date().toUTCString().replace('GMT', '+0000'),
    messageId: `alert-${tag}-${i}@amazon.co.jp`,
    text: `注文番号： ${order}\nギフトカードの送信先\nr${i}@example.net\n注文合計： ￥${(1000 + i).toLocaleString('en')}\n`,
  });
}

async function until<T>(f: () => T | undefined | null | false, ms = 15_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (performance.now() > end) throw new Error('timed out');
    await sleep(2);
  }
}

/** Dovecot's own IDLE push delay on this mailbox: APPEND → EXISTS at a bare client. */
async function dovecotDelay(d: Dovecot, user: string, password: string, rounds: number): Promise<number[]> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: d.ports.plain,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: password },
    logger: false,
    disableAutoIdle: true,
  });
  await c.connect();
  await c.mailboxOpen('INBOX', { readOnly: true });
  let seen = performance.now();
  c.on('exists', () => {
    seen = performance.now();
  });
  void c.idle();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const before = seen;
    await d.append(
      user,
      'INBOX',
      buildMail({
        from: 'n@example.org',
        subject: `noise ${i}`,
        date: new Date().toUTCString(),
        text: 'x\n',
      }),
    );
    await until(() => seen !== before);
    out.push(seen - t0);
    await sleep(100);
  }
  await c.logout().catch(() => c.close());
  return out;
}

async function viaShellInterface(d: Dovecot, user: string, password: string): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-alert-'));
  let last: { at: number; id: string } | null = null;
  const core = new Core({
    dataDir,
    version: 'bench',
    watch: true,
    platform: {
      shell: 'headless',
      systemLocale: () => 'en',
      secrets: new KeytarSecretStore(),
      notify: (a) => {
        last = { at: performance.now(), id: a.incidentId };
      },
    },
  });
  try {
    const { account } = await core.imap.add(
      {
        host: '127.0.0.1',
        port: d.ports.imaps,
        tls: 'implicit',
        user,
        trustedFingerprint: fingerprintOf(d.caCert),
      },
      password,
    );
    const id = Number(account?.id);
    await until(() => core.imap.status(id).state === 'idle', 120_000);
    const out: number[] = [];
    for (let i = 0; i < ROUNDS + 3; i++) {
      last = null;
      const t0 = performance.now();
      await d.append(user, 'INBOX', purchase('shell', i));
      const got = await until(() => last);
      if (i >= 3) out.push(got.at - t0);
      core.acknowledge(Number(got.id), 'dismiss', 24);
      await until(() => core.imap.status(id).state === 'idle');
      await sleep(150);
    }
    return out;
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function viaOnAlert(d: Dovecot, user: string, password: string): Promise<number[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-onalert-'));
  const dataDir = path.join(dir, 'data');
  const out = path.join(dir, 'alerts.jsonl');
  // The account goes in with the CLI, as an always-on machine would set it up.
  await new Promise<void>((resolve, reject) => {
    const add = spawn(
      process.execPath,
      [
        path.join(ROOT, 'out/main/cli.js'),
        'account',
        'add',
        '--data-dir',
        dataDir,
        '--host',
        '127.0.0.1',
        '--port',
        String(d.ports.imaps),
        '--tls',
        'implicit',
        '--user',
        user,
        '--password-stdin',
        '--trust-fingerprint',
        fingerprintOf(d.caCert),
      ],
      { stdio: ['pipe', 'ignore', 'inherit'] },
    );
    add.stdin.end(`${password}\n`);
    add.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`account add exited ${code}`))));
  });
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'out/main/cli.js'), 'headless', '--data-dir', dataDir, '--on-alert', `cat >> '${out}'`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let buf = '';
      child.stdout?.on('data', (c: Buffer) => {
        buf += c.toString();
        const m = /Open (http:\/\/\S+)/.exec(buf);
        if (m?.[1]) resolve(new URL(m[1]));
      });
      child.once('exit', (c) => reject(new Error(`headless exited ${c}`)));
    });
    const ws = new WebSocket(`ws://${url.host}${url.pathname}ws`, { origin: url.origin });
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    let next = 1;
    const call = (method: string, input: unknown): Promise<unknown> =>
      new Promise((resolve) => {
        const id = next++;
        const onMsg = (data: WebSocket.RawData): void => {
          const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
          if (msg.id === id) {
            ws.off('message', onMsg);
            resolve(msg.result);
          }
        };
        ws.on('message', onMsg);
        ws.send(JSON.stringify({ id, method, input }));
      });
    const state = async (): Promise<string | undefined> =>
      ((await call('accounts.list', {})) as { value?: { status: { state: string } }[] }).value?.[0]?.status
        .state;
    const end = performance.now() + 120_000;
    while ((await state()) !== 'idle') {
      if (performance.now() > end) throw new Error('the headless shell never reached idle');
      await sleep(100);
    }
    const samples: number[] = [];
    let lines = 0;
    for (let i = 0; i < ROUNDS + 3; i++) {
      const t0 = performance.now();
      await d.append(user, 'INBOX', purchase('onalert', i));
      const line = await until(() => {
        if (!existsSync(out) || statSync(out).size === 0) return false;
        const all = readFileSync(out, 'utf8').split('\n').filter(Boolean);
        return all.length > lines ? all[lines] : false;
      });
      const at = performance.now();
      lines++;
      if (i >= 3) samples.push(at - t0);
      const payload = JSON.parse(line) as { incident: { id: string } };
      await call('incident.acknowledge', { incidentId: payload.incident.id, action: 'dismiss' });
      while ((await state()) !== 'idle') await sleep(20);
      await sleep(150);
    }
    ws.close();
    return samples;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<BenchResult[]> {
  const users = [
    { user: 'probe', password: 'probe-Pa55' },
    { user: 'shell', password: 'shell-Pa55' },
    { user: 'onalert', password: 'onalert-Pa55' },
  ];
  const d = await startDovecot({ users });
  try {
    const { kept } = ordinarySenders(senderTokens(BUILT_IN_RULES));
    progress(`alerts: writing ${MAILBOX} ordinary mails to each mailbox`);
    for (const u of users) {
      generateMailbox(planMailbox(MAILBOX, 0, 7), 7, 365, kept, (chunk) =>
        d.writeToMaildir(u.user, 'INBOX', chunk),
      );
    }
    progress('alerts: Dovecot IDLE delay');
    const dovecot = await dovecotDelay(d, 'probe', 'probe-Pa55', ROUNDS);
    progress('alerts: through the shell interface');
    const shell = await viaShellInterface(d, 'shell', 'shell-Pa55');
    progress('alerts: through --on-alert');
    const onAlert = await viaOnAlert(d, 'onalert', 'onalert-Pa55');
    const p = (xs: number[], q: number): number => round(percentile(xs, q), 0);
    const worst = Math.max(p(shell, 95), p(onAlert, 95));
    return [
      {
        id: 'alerts.time-to-alert',
        title: `Time to alert: APPEND → incident alert, ${ROUNDS} rounds, a ${MAILBOX.toLocaleString('en')}-message INBOX`,
        metrics: [
          metric('dovecot.p50', 'Dovecot IDLE delay p50 (APPEND → EXISTS)', p(dovecot, 50), 'ms'),
          metric('dovecot.p95', 'Dovecot IDLE delay p95', p(dovecot, 95), 'ms'),
          metric('shell.p50', 'shell interface (Platform.notify) p50', p(shell, 50), 'ms'),
          metric('shell.p95', 'shell interface p95', p(shell, 95), 'ms'),
          metric('shell.max', 'shell interface max', p(shell, 100), 'ms'),
          metric(
            'onalert.p50',
            '--on-alert (JSON in CMD’s stdin, separate process) p50',
            p(onAlert, 50),
            'ms',
          ),
          metric('onalert.p95', '--on-alert p95', p(onAlert, 95), 'ms'),
          metric('onalert.max', '--on-alert max', p(onAlert, 100), 'ms'),
        ],
        target: target('worst p95 of the two paths < 1 s', worst, 1000, 'ms'),
        notes: [
          'each round: a new Amazon.co.jp gift-card purchase APPENDed over a separate connection; the previous incident dismissed first, so each mail opens a new incident and alerts exactly once',
          'the shell path runs a watching Core in this process; the --on-alert path runs the built CLI (out/main/cli.js headless) as its own process with CMD `cat >> FILE`, timed when the line lands',
          'Dovecot coalesces change notifications for ~500 ms (compiled in), so that floor is in every number',
        ],
        raw: { dovecot, shell, onAlert },
      },
    ];
  } finally {
    await d.stop();
  }
}

export const alertsGroup: Group = {
  name: 'alerts',
  description: 'time to alert: APPEND → alert through the shell interface and --on-alert (private Dovecot)',
  run,
};
