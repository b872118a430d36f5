/**
 * Crash safety, end to end with real processes: an account added with the CLI (password on stdin, into the real
 * keychain), the headless shell backfilling from a real Dovecot, killed with SIGKILL three times mid-backfill,
 * and restarted. At the end every candidate is stored exactly once and the sync state says the backfill is done.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMail, gmailArh } from '../../testing/mailbuilder';
import { startDovecot, type Dovecot } from '../../testing/dovecot';
import { fingerprintOf } from './connect';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'out/main/cli.js');
const CANDIDATES = 3000;

let dovecot: Dovecot;
let dataDir: string;

beforeAll(async () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], {
    stdio: 'inherit',
  });
  expect(r.status).toBe(0);
  dovecot = await startDovecot({ users: [{ user: 'crash', password: 'crash-Pa55' }] });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-crash-'));
  const mails: Buffer[] = [];
  for (let i = 0; i < CANDIDATES; i++) {
    mails.push(
      buildMail({
        headers: [gmailArh('amazon.co.jp')],
        from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
        subject: 'Amazon.co.jp ご注文の確認',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        messageId: `crash-${i}@amazon.co.jp`,
        text: `注文番号： 250-${String(1000000 + i)}-0000000\nギフトカードの送信先\nr${i}@example.net\n注文合計： ￥${1000 + i}\n`,
      }),
      buildMail({
        from: `n${i}@example-shop.jp`,
        subject: `news ${i}`,
        date: 'Mon, 20 Apr 2026 09:00:00 +0900',
        messageId: `n${i}@x`,
        text: 'hello\n',
      }),
    );
  }
  dovecot.writeToMaildir('crash', 'INBOX', mails);
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function counts(): {
  messages: number;
  distinct: number;
  signals: number;
  below: number | null;
  done: number;
} {
  const db = new Database(path.join(dataDir, 'mimamori.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const m = db.prepare('SELECT count(*) AS n, count(DISTINCT message_id) AS d FROM messages').get() as {
      n: number;
      d: number;
    };
    const s = db.prepare('SELECT count(*) AS n FROM signals').get() as { n: number };
    const box = db
      .prepare("SELECT backfill_below AS below, backfill_done AS done FROM mailboxes WHERE path = 'INBOX'")
      .get() as { below: number | null; done: number } | undefined;
    return { messages: m.n, distinct: m.d, signals: s.n, below: box?.below ?? null, done: box?.done ?? 0 };
  } finally {
    db.close();
  }
}

function headless(): ChildProcess {
  return spawn(process.execPath, [CLI, 'headless', '--data-dir', dataDir], { stdio: 'ignore' });
}

async function until(what: string, f: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function safeCounts(): ReturnType<typeof counts> | null {
  try {
    return counts();
  } catch {
    return null; // the database or its tables do not exist yet
  }
}

describe('kill -9 mid-backfill', () => {
  it('loses nothing and stores nothing twice', async () => {
    const add = spawnSync(
      process.execPath,
      [
        CLI,
        'account',
        'add',
        '--data-dir',
        dataDir,
        '--host',
        '127.0.0.1',
        '--port',
        String(dovecot.ports.imaps),
        '--tls',
        'implicit',
        '--user',
        'crash',
        '--password-stdin',
        '--trust-fingerprint',
        fingerprintOf(dovecot.caCert),
      ],
      { input: 'crash-Pa55\n', encoding: 'utf8' },
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/^Added account 1 /);

    const killedAt: number[] = [];
    for (const threshold of [300, 1200, 2100]) {
      const child = headless();
      await until(`${threshold} messages`, () => (safeCounts()?.messages ?? 0) >= threshold);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const c = counts();
      killedAt.push(c.messages);
      // Every committed batch carries its own progress: data and state agree after a kill.
      expect(c.done).toBe(c.messages);
      expect(c.distinct).toBe(c.messages);
      expect(c.below).not.toBeNull();
    }
    expect(killedAt.every((n) => n < CANDIDATES)).toBe(true);

    const child = headless();
    await until('the backfill to finish', () => {
      const c = safeCounts();
      return c !== null && c.below === null && c.messages === CANDIDATES;
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(counts()).toEqual({
      messages: CANDIDATES,
      distinct: CANDIDATES,
      signals: CANDIDATES,
      below: null,
      done: CANDIDATES,
    });
  }, 180_000);
});
