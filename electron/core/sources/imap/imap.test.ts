/**
 * IMAP against a real Dovecot on loopback (electron/core/testing/dovecot.ts): connection tests for each failure
 * a user can meet, server-side-narrowed backfill, incremental sync, UIDVALIDITY reset, broken and oversized
 * messages. The keychain is the real Secret Service (npm test runs inside scripts/with-keyring.sh).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core, DB_FILE } from '../../app';
import { KeytarSecretStore } from '../../secrets/secrets';
import { buildMail, gmailArh } from '../../testing/mailbuilder';
import { startDovecot, type Dovecot } from '../../testing/dovecot';
import { classify, fetchServerCertificate, fingerprintOf, testConnection, type Endpoint } from './connect';
import { senderTokens } from './criteria';
import { hasNewMail, syncMailbox } from './sync';
import { BUILT_IN_RULES } from '../../recognise/rules';

const USERS = ['conn', 'backfill', 'split', 'uidv', 'broken', 'core', 'scan'].map((u) => ({
  user: u,
  password: `${u}-Pa55word!`,
}));
let dovecot: Dovecot;
const dirs: string[] = [];

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS });
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'mimamori-imap-'));
  dirs.push(d);
  return d;
}

const pw = (user: string): string => `${user}-Pa55word!`;

/**
 * Reads every file under dir and fails if any holds the secret, as is or base64-encoded. Returns the files read
 * (relative paths), so a caller can check that the ones it means to cover were there.
 */
function scanForSecret(dir: string, secret: string): string[] {
  const read: string[] = [];
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (!statSync(p).isFile()) continue;
    const bytes = readFileSync(p);
    expect(bytes.includes(Buffer.from(secret)), f).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64'))), f).toBe(false);
    read.push(f);
  }
  return read;
}

function ep(user: string, which: 'plain' | 'starttls' | 'imaps', extra: Partial<Endpoint> = {}): Endpoint {
  const tls = which === 'plain' ? 'none' : which === 'starttls' ? 'starttls' : 'implicit';
  return { host: '127.0.0.1', port: dovecot.ports[which], tls, user, trustedCert: dovecot.caCert, ...extra };
}

/** Noise from senders nobody watches, so the narrowing has something to leave out. */
function noise(i: number): Buffer {
  return buildMail({
    from: `"Newsletter ${i}" <news${i}@example-shop.jp>`,
    subject: `お知らせ ${i} ¥3,000 OFF`,
    date: 'Mon, 20 Apr 2026 09:00:00 +0900',
    messageId: `noise-${i}@example-shop.jp`,
    text: `ギフトカードの送信先\n注文合計： ￥3,000\n${'x'.repeat(200)}\n`,
  });
}

function purchase(i: number, amount = 3000): Buffer {
  return buildMail({
    headers: [gmailArh('amazon.co.jp')],
    from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
    subject: 'Amazon.co.jp ご注文の確認',
    date: 'Tue, 21 Apr 2026 10:02:11 +0900',
    messageId: `purchase-${i}@amazon.co.jp`,
    text: `注文番号： 250-${String(1000000 + i)}-1234567\n注文日： 2026/04/21\nギフトカードの送信先\nx${i}@example.net\n注文合計： ￥${amount.toLocaleString('en')}\n`,
  });
}

describe('connection test', () => {
  it.each(['plain', 'starttls', 'imaps'] as const)(
    'logs in over the %s port and lists the folders',
    async (which) => {
      await dovecot.createMailbox('conn', 'Junk', '\\Junk');
      const r = await testConnection(ep('conn', which), pw('conn'));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.capabilities).toContain('IMAP4rev1');
      expect(r.folders).toEqual(
        expect.arrayContaining([
          { path: 'INBOX', role: 'inbox', selected: true },
          { path: 'Junk', role: 'junk', selected: true },
        ]),
      );
    },
  );

  it('says the password is wrong', async () => {
    const r = await testConnection(ep('conn', 'imaps'), 'not-the-password');
    expect(r).toMatchObject({ ok: false, failure: 'auth' });
    if (!r.ok) expect(r.message).not.toContain('not-the-password');
  });

  it('refuses cleartext login where STARTTLS is required by the server', async () => {
    const r = await testConnection(ep('conn', 'starttls', { tls: 'none' }), pw('conn'));
    expect(r).toMatchObject({ ok: false, failure: 'auth' });
  });

  it('shows the fingerprint of a self-signed certificate instead of trusting it', async () => {
    const r = await testConnection(ep('conn', 'imaps', { trustedCert: null }), pw('conn'));
    expect(r).toMatchObject({
      ok: false,
      failure: 'untrusted-certificate',
      fingerprint: fingerprintOf(dovecot.caCert),
    });
    const viaStarttls = await fetchServerCertificate(ep('conn', 'starttls'));
    expect(viaStarttls.fingerprint).toBe(fingerprintOf(dovecot.caCert));
  });

  it('reports a TLS failure when implicit TLS meets a cleartext port', async () => {
    const r = await testConnection(ep('conn', 'plain', { tls: 'implicit' }), pw('conn'));
    expect(r).toMatchObject({ ok: false, failure: 'tls' });
  });

  it('reports an unreachable host', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const r = await testConnection({ host: '127.0.0.1', port, tls: 'implicit', user: 'x' }, 'y');
    expect(r).toMatchObject({ ok: false, failure: 'unreachable' });
  });

  it('reports a timeout when the server accepts but never greets', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const r = await testConnection({ host: '127.0.0.1', port, tls: 'implicit', user: 'x' }, 'y', {
      connectionTimeoutMs: 1500,
    });
    sockets.forEach((s) => s.destroy());
    server.close();
    expect(r).toMatchObject({ ok: false, failure: 'timeout' });
  });

  it('refuses a server that does not speak IMAP4rev1', async () => {
    // A peer that greets and logs in like IMAP but advertises only the obsolete IMAP2bis.
    const server = net.createServer((s) => {
      s.write('* OK [CAPABILITY IMAP2 AUTH=PLAIN] old server ready\r\n');
      s.on('data', (d) => {
        for (const line of d.toString().split('\r\n').filter(Boolean)) {
          const [tag, cmd] = line.split(' ');
          if (/^capability$/i.test(cmd ?? '')) s.write(`* CAPABILITY IMAP2 AUTH=PLAIN\r\n${tag} OK done\r\n`);
          else if (/^(login|authenticate)$/i.test(cmd ?? ''))
            s.write(`${tag} OK [CAPABILITY IMAP2] logged in\r\n`);
          else if (/^logout$/i.test(cmd ?? '')) s.end(`* BYE\r\n${tag} OK bye\r\n`);
          else s.write(`${tag} OK done\r\n`);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const r = await testConnection({ host: '127.0.0.1', port, tls: 'none', user: 'x' }, 'y');
    server.close();
    expect(r).toMatchObject({ ok: false, failure: 'not-imap4rev1' });
  });

  it('classifies what it does not know as a protocol error, without the password', () => {
    expect(classify(new Error('odd'), { host: 'h', port: 1, tls: 'none' })).toEqual({
      failure: 'protocol',
      message: 'IMAP error from h:1: odd',
    });
  });
});

describe('mailbox sync', () => {
  async function client(user: string): Promise<ImapFlow> {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.ports.plain,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: pw(user) },
      logger: false,
    });
    await c.connect();
    return c;
  }

  function core(): Core {
    return new Core({
      dataDir: tmp(),
      version: 'test',
      alerts: false,
      platform: { shell: 'headless', systemLocale: () => 'en' },
    });
  }

  function seedAccount(c: Core, user: string): number {
    const id = c.accounts.insert({
      host: '127.0.0.1',
      port: dovecot.ports.plain,
      tls: 'none',
      user,
      trustedCert: null,
      backfillMonths: 120,
      pollSeconds: 300,
      createdAt: 'now',
    });
    c.accounts.upsertMailbox(id, 'INBOX', 'inbox', true);
    return id;
  }

  function deps(c: Core, imap: ImapFlow, id: number, batchSize = 50): Parameters<typeof syncMailbox>[0] {
    return {
      client: imap,
      accountId: id,
      repo: c.repo,
      accounts: c.accounts,
      context: () => c.recogniseContext(),
      tokens: senderTokens(BUILT_IN_RULES),
      backfillMonths: 120,
      now: () => new Date(),
      batchSize,
    };
  }

  it('backfills only the candidates the server finds, then picks up new mail, and a quiet poll finds nothing', async () => {
    const mails = [
      ...Array.from({ length: 195 }, (_, i) => noise(i)),
      ...[1, 2, 3, 4, 5].map((i) => purchase(i)),
    ];
    dovecot.writeToMaildir('backfill', 'INBOX', mails);
    const c = core();
    const id = seedAccount(c, 'backfill');
    const imap = await client('backfill');
    const r = await syncMailbox(deps(c, imap, id, 2), 'INBOX');
    expect(r).toMatchObject({ fresh: 0, backfilled: 5, uidValidityChanged: false });
    // Only candidates were downloaded and stored: the 195 others never left the server.
    expect(c.repo.messageCounts()).toEqual({ recognised: 5 });
    expect(c.accounts.mailbox(id, 'INBOX')).toMatchObject({
      backfill_below: null,
      backfill_total: 5,
      backfill_done: 5,
      uid_next: 201,
    });
    const validity = c.accounts.mailbox(id, 'INBOX')?.uid_validity ?? '';
    expect(validity).toMatch(/^\d+$/);

    expect(await hasNewMail(imap, c.accounts, id, 'INBOX')).toBe(true); // INBOX is selected: no baseline given
    await imap.mailboxOpen('Trash', { readOnly: true }).catch(async () => {
      await imap.mailboxCreate('Trash');
      await imap.mailboxOpen('Trash', { readOnly: true });
    });
    expect(await hasNewMail(imap, c.accounts, id, 'INBOX')).toBe(false);

    await dovecot.append('backfill', 'INBOX', purchase(6, 10000));
    await dovecot.append('backfill', 'INBOX', noise(999));
    expect(await hasNewMail(imap, c.accounts, id, 'INBOX')).toBe(true);
    const again = await syncMailbox(deps(c, imap, id), 'INBOX');
    expect(again).toMatchObject({ fresh: 1, backfilled: 0 });
    expect(c.repo.messageCounts()).toEqual({ recognised: 6 });
    expect(c.accounts.mailbox(id, 'INBOX')?.uid_next).toBe(203);
    await imap.logout();
    await c.close();
  });

  it('splits a large backfill SEARCH with a second session, and searches alone when that session fails', async () => {
    // 12 purchases spread through 120 messages: both halves of the split hold candidates.
    const mails = Array.from({ length: 120 }, (_, i) => (i % 10 === 3 ? purchase(100 + i) : noise(i)));
    dovecot.writeToMaildir('split', 'INBOX', mails);
    const sessions: ImapFlow[] = [];
    const helper = async (): Promise<ImapFlow> => {
      const h = await client('split');
      sessions.push(h);
      return h;
    };
    const run = async (openHelper: () => Promise<ImapFlow>): Promise<Core> => {
      const c = core();
      const id = seedAccount(c, 'split');
      const imap = await client('split');
      const r = await syncMailbox({ ...deps(c, imap, id), openHelper, splitSearchAt: 50 }, 'INBOX');
      expect(r.backfilled).toBe(12);
      expect(c.repo.messageCounts()).toEqual({ recognised: 12 });
      expect(c.accounts.mailbox(id, 'INBOX')).toMatchObject({ backfill_total: 12, backfill_below: null });
      await imap.logout();
      return c;
    };
    const split = await run(helper);
    // The helper searched the older half and logged out.
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.usable).toBe(false);
    const orders = (c: Core): string[] =>
      c
        .timeline(100)
        .signals.map((e) => e.orderId ?? '')
        .sort();
    const refused = await run(() => Promise.reject(new Error('too many connections')));
    expect(orders(refused)).toEqual(orders(split));
    // A helper that sees another mailbox (another UIDVALIDITY) is not trusted with UIDs.
    // Another user's INBOX holding only noise, under another UIDVALIDITY (Dovecot takes it from the clock, so
    // two mailboxes made in the same second can share one: reset it then).
    dovecot.writeToMaildir('conn', 'INBOX', [noise(1)]);
    if ((await dovecot.uidValidity('conn', 'INBOX')) === (await dovecot.uidValidity('split', 'INBOX'))) {
      await dovecot.resetUidValidity('conn', 'INBOX');
    }
    const other = await run(() => client('conn'));
    expect(orders(other)).toEqual(orders(split));
    expect(orders(split)).toHaveLength(12);
    expect(new Set(orders(split)).size).toBe(12);
    for (const c of [split, refused, other]) await c.close();
  });

  it('resyncs after a UIDVALIDITY change without storing anything twice', async () => {
    dovecot.writeToMaildir('uidv', 'INBOX', [purchase(11), purchase(12), noise(1)]);
    const c = core();
    const id = seedAccount(c, 'uidv');
    let imap = await client('uidv');
    await syncMailbox(deps(c, imap, id), 'INBOX');
    const before = c.accounts.mailbox(id, 'INBOX')?.uid_validity;
    const signals = c.repo.countSignals();
    await imap.logout();
    await dovecot.resetUidValidity('uidv', 'INBOX');
    imap = await client('uidv');
    const r = await syncMailbox(deps(c, imap, id), 'INBOX');
    expect(r.uidValidityChanged).toBe(true);
    expect(c.accounts.mailbox(id, 'INBOX')?.uid_validity).not.toBe(before);
    expect(c.repo.countSignals()).toBe(signals);
    expect(c.repo.messageCounts()).toEqual({ recognised: 2 });
    await imap.logout();
    await c.close();
  });

  it('records a malformed message and a 50 MB message, and carries on with the rest', async () => {
    const malformed = Buffer.from(
      'From: "Amazon.co.jp" <auto-confirm@amazon.co.jp>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=x-unknown-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@not base64@@@@\r\n--b',
    );
    const huge = Buffer.concat([
      Buffer.from(
        'Authentication-Results: mx.google.com; dmarc=pass header.from=amazon.co.jp\r\nFrom: "Amazon.co.jp" <auto-confirm@amazon.co.jp>\r\nSubject: Amazon.co.jp ご注文の確認'.replace(
          /ご注文の確認/,
          '=?UTF-8?B?44GU5rOo5paH44Gu56K66KqN?=',
        ) +
          '\r\nDate: Tue, 21 Apr 2026 10:02:11 +0900\r\nMessage-ID: <huge@amazon.co.jp>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n',
      ),
      Buffer.from(
        'ギフトカードの送信先\r\nbig@example.net\r\n注文合計： ￥7,000\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n',
      ),
      Buffer.from(
        `${'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n'.repeat(680_000)}--b--\r\n`,
      ),
    ]);
    expect(huge.length).toBeGreaterThan(50 * 1024 * 1024);
    dovecot.writeToMaildir('broken', 'INBOX', [purchase(21), malformed, huge, purchase(22)]);
    const c = core();
    const id = seedAccount(c, 'broken');
    const imap = await client('broken');
    const r = await syncMailbox(deps(c, imap, id), 'INBOX');
    expect(r.backfilled).toBe(4);
    const rows = c.db.prepare('SELECT status, size, error FROM messages ORDER BY id').all() as {
      status: string;
      size: number;
      error: string | null;
    }[];
    expect(rows).toHaveLength(4);
    const big = rows.find((x) => x.size === huge.length);
    expect(big).toMatchObject({ status: 'recognised' });
    expect(big?.error).toMatch(/only the first 4 MB of 5\d MB were read/);
    expect(rows.filter((x) => x.status === 'recognised')).toHaveLength(3);
    expect(rows.filter((x) => x.status !== 'recognised')).toHaveLength(1);
    expect(
      c.repo
        .allSignals()
        .map((s) => s.amount?.minor)
        .sort(),
    ).toEqual([3000, 3000, 7000]);
    await imap.logout();
    await c.close();
  }, 120_000);
});

describe('accounts through the core', () => {
  it('saves the password only in the keychain: not in the database, its WAL, or the logs', async () => {
    const dataDir = tmp();
    const secrets = new KeytarSecretStore();
    const c = new Core({
      dataDir,
      version: 'test',
      platform: { shell: 'headless', systemLocale: () => 'en', secrets },
    });
    const password = pw('core');
    const { account, test } = await c.imap.add(
      {
        host: '127.0.0.1',
        port: dovecot.ports.imaps,
        tls: 'implicit',
        user: 'core',
        trustedFingerprint: fingerprintOf(dovecot.caCert),
      },
      password,
    );
    expect(test.ok).toBe(true);
    expect(account).toMatchObject({
      user: 'core',
      hasSecret: true,
      folders: expect.arrayContaining([expect.objectContaining({ path: 'INBOX' })]),
    });
    expect(await secrets.get(`${c.installId}/${account?.id ?? ''}`, 'password')).toBe(password);
    const listed = await c.handle('accounts.list', {});
    expect(JSON.stringify(listed)).not.toContain(password);
    // Every file in the data directory, read while the core is still open: closing checkpoints the WAL into the
    // database and deletes it, so only now can the WAL be seen. It must be there, not empty (the account row was
    // written through it), and so must the log the add wrote to.
    const whileOpen = scanForSecret(dataDir, password);
    expect(whileOpen).toContain(`${DB_FILE}-wal`);
    expect(statSync(path.join(dataDir, `${DB_FILE}-wal`)).size).toBeGreaterThan(0);
    expect(whileOpen).toContain(path.join('logs', 'mimamori.log'));
    expect(statSync(path.join(dataDir, 'logs', 'mimamori.log')).size).toBeGreaterThan(0);
    await c.close();
    // And again once closed: the database now holds what the WAL held.
    const afterClose = scanForSecret(dataDir, password);
    expect(afterClose).toContain(DB_FILE);
    expect(afterClose).toContain(path.join('logs', 'mimamori.log'));
  });

  it('refuses to save an account whose connection test fails, and stores nothing', async () => {
    const c = new Core({
      dataDir: tmp(),
      version: 'test',
      platform: { shell: 'headless', systemLocale: () => 'en', secrets: new KeytarSecretStore() },
    });
    const { account, test } = await c.imap.add(
      {
        host: '127.0.0.1',
        port: dovecot.ports.imaps,
        tls: 'implicit',
        user: 'core',
        trustedFingerprint: fingerprintOf(dovecot.caCert),
      },
      'wrong',
    );
    expect(account).toBeNull();
    expect(test).toMatchObject({ ok: false, failure: 'auth' });
    expect(c.accounts.list()).toEqual([]);
    await c.close();
  });
});
