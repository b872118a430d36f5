import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from './dovecot';

const ALICE = { user: 'alice', password: 'alice-password' };
const BOB = { user: 'bob', password: 'bob-password' };

let dovecot: Dovecot;
const instances: Dovecot[] = [];
const clients: ImapFlow[] = [];

function message(subject: string, body: string): Buffer {
  return Buffer.from(
    [
      'From: Amazon.co.jp <gift-card@amazon.co.jp>',
      'To: alice@example.test',
      `Subject: ${subject}`,
      'Date: Tue, 21 Apr 2026 10:02:00 +0900',
      `Message-ID: <${subject.replace(/\W/g, '')}.${Math.random().toString(36).slice(2)}@example.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

/** Connects an imapflow client (closed in afterAll if a test left it open). */
async function connect(
  options: Partial<ImapFlowOptions> & { port: number },
  who: { user: string; password: string } = ALICE,
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: dovecot.host,
    auth: { user: who.user, pass: who.password },
    logger: false,
    ...options,
  });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

async function plain(who = ALICE): Promise<ImapFlow> {
  return connect({ port: dovecot.ports.plain, secure: false, doSTARTTLS: false }, who);
}

async function status(
  client: ImapFlow,
  mailbox: string,
): Promise<{ messages?: number; uidValidity?: bigint }> {
  const result = await client.status(mailbox, { messages: true, uidValidity: true });
  if (!result) throw new Error(`STATUS ${mailbox} failed`);
  return { messages: result.messages, uidValidity: result.uidValidity } as {
    messages?: number;
    uidValidity?: bigint;
  };
}

function masterPid(d: Dovecot): number {
  return Number(readFileSync(path.join(d.dir, 'run', 'master.pid'), 'utf8').trim());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [ALICE, BOB] });
  instances.push(dovecot);
}, 60_000);

afterAll(async () => {
  for (const client of clients) {
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }
  for (const d of instances) {
    const pid = existsSync(path.join(d.dir, 'run', 'master.pid')) ? masterPid(d) : null;
    await d.stop();
    if (pid !== null) expect(alive(pid)).toBe(false);
    rmSync(d.dir, { recursive: true, force: true });
  }
}, 60_000);

describe('private Dovecot harness', () => {
  it('listens on three distinct loopback ports and hands out its CA certificate', () => {
    expect(dovecot.host).toBe('127.0.0.1');
    const ports = Object.values(dovecot.ports);
    expect(new Set(ports).size).toBe(3);
    expect(dovecot.caCert).toContain('-----BEGIN CERTIFICATE-----');
    expect(dovecot.users.map((u) => u.user)).toEqual(['alice', 'bob']);
  });

  it('plain port: logs in without TLS; IDLE, CONDSTORE and QRESYNC are offered', async () => {
    const client = await plain();
    expect(client.secureConnection).toBe(false);
    expect(client.authenticated).toBeTruthy();
    expect(client.capabilities.has('IDLE')).toBe(true);
    expect(client.capabilities.has('CONDSTORE')).toBe(true);
    expect(client.capabilities.has('QRESYNC')).toBe(true);
    await client.logout();
  });

  it('STARTTLS port: refuses a login before TLS, negotiates STARTTLS verified with the CA', async () => {
    await expect(
      connect({ port: dovecot.ports.starttls, secure: false, doSTARTTLS: false }),
    ).rejects.toMatchObject({ authenticationFailed: true });

    const client = await connect({
      port: dovecot.ports.starttls,
      secure: false,
      doSTARTTLS: true,
      tls: { ca: [dovecot.caCert] },
    });
    expect(client.secureConnection).toBe(true);
    expect(client.capabilities.has('IDLE')).toBe(true);
    await client.logout();
  });

  it('imaps port: implicit TLS, verified with the CA, refused by default verification', async () => {
    const verified = await connect({
      port: dovecot.ports.imaps,
      secure: true,
      tls: { ca: [dovecot.caCert] },
    });
    expect(verified.secureConnection).toBe(true);
    await verified.logout();

    const unverified = await connect({
      port: dovecot.ports.imaps,
      secure: true,
      tls: { rejectUnauthorized: false },
    });
    expect(unverified.secureConnection).toBe(true);
    await unverified.logout();

    await expect(connect({ port: dovecot.ports.imaps, secure: true })).rejects.toThrow(/certificate/i);
  });

  it('rejects a wrong password on every port', async () => {
    const wrong = { user: 'alice', password: 'not-the-password' };
    await expect(
      connect({ port: dovecot.ports.plain, secure: false, doSTARTTLS: false }, wrong),
    ).rejects.toMatchObject({ authenticationFailed: true });
    await expect(
      connect(
        { port: dovecot.ports.starttls, secure: false, doSTARTTLS: true, tls: { ca: [dovecot.caCert] } },
        wrong,
      ),
    ).rejects.toMatchObject({ authenticationFailed: true });
    await expect(
      connect({ port: dovecot.ports.imaps, secure: true, tls: { ca: [dovecot.caCert] } }, wrong),
    ).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('append: a real APPEND, fetched back byte-identical', async () => {
    const raw = message('ギフトカードの送信先', 'Amazonギフトカード 注文合計：￥10,000\r\n二行目');
    const { uid } = await dovecot.append('alice', 'INBOX', raw);
    expect(uid).toBeGreaterThan(0);

    const client = await plain();
    await client.mailboxOpen('INBOX');
    const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
    expect(fetched && fetched.source ? Buffer.compare(fetched.source, raw) : -2).toBe(0);
    await client.logout();

    // A mailbox that does not exist yet is created on the way.
    const other = await dovecot.append('alice', 'Receipts', message('receipt', 'hello'));
    expect(other.uid).toBe(1);
  });

  it('writeToMaildir: 1,000 messages land in INBOX and in new folders (created and subscribed)', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => message(`bulk ${i}`, `message ${i}`));
    dovecot.writeToMaildir('bob', 'INBOX', batch);
    dovecot.writeToMaildir('bob', 'Archive.2026', batch.slice(0, 10));
    dovecot.writeToMaildir('bob', '迷惑メール', batch.slice(0, 3));
    expect(existsSync(path.join(dovecot.maildir('bob', 'Archive.2026'), 'new'))).toBe(true);
    expect(dovecot.maildir('bob')).toBe(path.join(dovecot.dir, 'mail', 'bob'));

    const client = await plain(BOB);
    expect(await client.status('INBOX', { messages: true })).toMatchObject({ messages: 1000 });
    expect(await client.status('Archive.2026', { messages: true })).toMatchObject({ messages: 10 });
    expect(await client.status('迷惑メール', { messages: true })).toMatchObject({ messages: 3 });
    const listed = await client.list();
    const subscribed = listed.filter((m) => m.subscribed).map((m) => m.path);
    expect(subscribed).toEqual(expect.arrayContaining(['Archive.2026', '迷惑メール']));

    await client.mailboxOpen('INBOX');
    const first = await client.fetchOne('1', { source: true });
    expect(first && first.source?.toString('utf8')).toContain('Subject: bulk ');
    await client.logout();
  });

  it('createMailbox: special-use \\Junk and \\All reported by LIST; no \\All folder by default', async () => {
    const before = await plain();
    expect((await before.list()).some((m) => m.specialUse === '\\All' || m.flags.has('\\All'))).toBe(false);
    await before.logout();

    await dovecot.createMailbox('alice', 'Suspicious', '\\Junk');
    await dovecot.createMailbox('alice', 'Everything', '\\All');
    await dovecot.createMailbox('alice', 'Plain folder');
    // "Junk" is special-use by configuration.
    await dovecot.createMailbox('bob', 'Junk');

    const client = await plain();
    const byPath = new Map((await client.list()).map((m) => [m.path, m]));
    expect(byPath.get('Suspicious')).toMatchObject({ specialUse: '\\Junk', specialUseSource: 'extension' });
    expect(byPath.get('Everything')).toMatchObject({ specialUse: '\\All', specialUseSource: 'extension' });
    expect(byPath.get('Plain folder')?.specialUse).toBeUndefined();
    expect(byPath.get('Plain folder')?.subscribed).toBe(true);
    await client.logout();

    const other = await plain(BOB);
    const junk = (await other.list()).find((m) => m.path === 'Junk');
    expect(junk).toMatchObject({ specialUse: '\\Junk', specialUseSource: 'extension' });
    await other.logout();
  });

  it('resetUidValidity: a new UIDVALIDITY, the same messages', async () => {
    dovecot.writeToMaildir('alice', 'Reset me', [message('one', '1'), message('two', '2')]);
    let client = await plain();
    const before = await client.mailboxOpen('Reset me');
    expect(before.exists).toBe(2);
    await client.logout();

    await dovecot.resetUidValidity('alice', 'Reset me');

    client = await plain();
    const after = await client.mailboxOpen('Reset me');
    expect(typeof after.uidValidity).toBe('bigint');
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.exists).toBe(2);
    const subjects: string[] = [];
    for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
    expect(subjects.sort()).toEqual(['one', 'two']);
    await client.logout();

    // INBOX too (its uidlist and indexes sit at the Maildir root).
    client = await plain();
    const inboxBefore = await status(client, 'INBOX');
    await client.logout();
    await dovecot.resetUidValidity('alice', 'INBOX');
    client = await plain();
    const inboxAfter = await status(client, 'INBOX');
    expect(inboxAfter.uidValidity).not.toBe(inboxBefore.uidValidity);
    expect(inboxAfter.messages).toBe(inboxBefore.messages);
    await client.logout();
  });

  it('restart keeps ports and data; a connected client is dropped', async () => {
    const client = await plain(BOB);
    const before = await status(client, 'INBOX');
    const pid = masterPid(dovecot);

    await dovecot.restart();
    expect(alive(pid)).toBe(false);
    expect(masterPid(dovecot)).not.toBe(pid);
    await expect.poll(() => client.usable).toBe(false);

    const again = await plain(BOB);
    const after = await status(again, 'INBOX');
    expect(after).toEqual(before);
    await again.logout();
  });

  it('runs independent instances side by side', async () => {
    const second = await startDovecot();
    instances.push(second);
    expect(second.dir).not.toBe(dovecot.dir);
    for (const port of Object.values(second.ports)) expect(Object.values(dovecot.ports)).not.toContain(port);
    expect(second.users).toEqual([{ user: 'alice', password: 'alice-password' }]);

    second.writeToMaildir('alice', 'INBOX', [message('only here', 'x')]);
    const client = await connect({ port: second.ports.plain, secure: false, doSTARTTLS: false });
    expect(await client.status('INBOX', { messages: true })).toMatchObject({ messages: 1 });
    await client.logout();

    const pid = masterPid(second);
    await second.stop();
    expect(alive(pid)).toBe(false);
    await second.stop(); // idempotent
  });
});
