import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/api';
import type { TimelinePage } from '../../shared/review';
import { Core, type Platform } from './app';
import type { Logger } from './log';
import { checkExternalUrl, mailLinks, rawHeaders } from './review';

const STORY = path.resolve(__dirname, '../../fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

interface Harness {
  core: Core;
  logged: { msg: string; fields: Record<string, unknown> }[];
  opened: string[];
}

async function story(extra: Partial<Platform> = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-review-'));
  dirs.push(dir);
  const logged: Harness['logged'] = [];
  const log: Logger = { log: (_level, msg, fields = {}) => logged.push({ msg, fields }) };
  const core = new Core({
    dataDir: dir,
    platform: { shell: 'headless', systemLocale: () => 'en', ...extra },
    version: 'test',
    dkim: false,
    log,
    clock: () => new Date('2026-06-01T00:00:00Z'),
  });
  await core.importPaths(storyFiles);
  return { core, logged, opened: [] };
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.handle(method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const query = (core: Core, input: unknown): Promise<TimelinePage> => call(core, 'timeline.query', input);

describe('timeline.query', () => {
  it('pages through every signal newest first and oldest first without gaps or repeats', async () => {
    const { core } = await story();
    const all = await query(core, {});
    expect(all.total).toBe(12);
    expect(all.nextCursor).toBeNull();
    const times = all.signals.map((s) => Date.parse(s.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.vendors).toEqual(['amazon.co.jp', 'rakuten-bank.co.jp']);

    for (const order of ['newest', 'oldest'] as const) {
      const seen: string[] = [];
      let cursor: TimelinePage['nextCursor'] = null;
      let pages = 0;
      do {
        const page: TimelinePage = await query(core, { order, limit: 5, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(12);
        seen.push(...page.signals.map((s) => s.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      const expected = all.signals.map((s) => s.id);
      expect(seen).toEqual(order === 'newest' ? expected : [...expected].reverse());
    }
  });

  it('filters by kind, verdict, vendor, severity and account, and counts what matches', async () => {
    const { core } = await story();
    const opened = await query(core, { filter: { kinds: ['giftcard.opened'] } });
    expect(opened.signals.map((s) => s.kind)).toEqual(['giftcard.opened', 'giftcard.opened']);
    expect(opened.total).toBe(2);
    const suspicious = await query(core, { filter: { verdicts: ['suspicious'] } });
    expect(suspicious.signals.map((s) => s.kind)).toEqual(['impersonation']);
    const bank = await query(core, { filter: { vendors: ['rakuten-bank.co.jp'] } });
    expect(bank.total).toBe(2);
    const critical = await query(core, { filter: { severities: ['critical'] } });
    expect(critical.total).toBe(11);
    const info = await query(core, { filter: { severities: ['info'] } });
    expect(info.signals.map((s) => s.kind)).toEqual(['impersonation']);
    // Imported from files, not from an IMAP account.
    expect((await query(core, { filter: { accounts: ['files'] } })).total).toBe(12);
    expect((await query(core, { filter: { accounts: ['1'] } })).total).toBe(0);
    const both = await query(core, { filter: { kinds: ['giftcard.opened'], verdicts: ['suspicious'] } });
    expect(both.total).toBe(0);
  });

  it('returns the links touching the page and the incidents of each signal', async () => {
    const { core } = await story();
    const bank = await query(core, { filter: { kinds: ['payment.charge'] } });
    // The story's two debits (¥10,000 and ¥20,000), so the loop below checks something.
    expect(bank.signals).toHaveLength(2);
    // Each debit is linked to the "opened" notice of the same amount, which is not on this page.
    const sameAmount = bank.links.filter((l) => l.rule === 'same-amount');
    expect(sameAmount).toHaveLength(2);
    expect(sameAmount.map((l) => l.to).sort()).toEqual(bank.signals.map((s) => s.id).sort());
    const incidents = core.sortedIncidents();
    const fraud = incidents.find((i) => i.kind === 'giftcard_fraud');
    expect(fraud).toBeDefined();
    const fraudId = fraud?.id;
    expect(fraudId).toEqual(expect.any(String));
    for (const s of bank.signals) expect(bank.incidentIds[s.id]).toEqual([fraudId]);
  });

  it('searches subject, sender, order id, recipient and vendor, Japanese without spaces included', async () => {
    const { core } = await story();
    const byOrder = await query(core, { filter: { text: '250-4444444' } });
    expect(byOrder.signals.map((s) => s.kind).sort()).toEqual(['giftcard.opened', 'giftcard.purchased']);
    // Two characters: shorter than a trigram, still found.
    const rakuten = await query(core, { filter: { text: '楽天' } });
    expect(rakuten.total).toBe(2);
    expect(rakuten.signals.every((s) => s.kind === 'payment.charge')).toBe(true);
    expect((await query(core, { filter: { text: 'デビットカード' } })).total).toBe(2);
    expect((await query(core, { filter: { text: 'gift.receiver.three' } })).total).toBe(4);
    // Every word must match; full-width input is normalised first.
    expect((await query(core, { filter: { text: 'ギフトカード ２５０－４４４４４４４' } })).total).toBe(1);
    expect((await query(core, { filter: { text: 'account-verify' } })).total).toBe(1);
    // Search syntax in the input is text, not an FTS query.
    expect((await query(core, { filter: { text: '" OR * NEAR(' } })).total).toBe(0);
    expect((await query(core, { filter: { text: '%' } })).total).toBe(0);
    // Short ASCII words fold case as the index does.
    expect((await query(core, { filter: { text: 'JP' } })).total).toBe(12);
  });

  it('refuses a page larger than 500', async () => {
    const { core } = await story();
    const r = await core.handle('timeline.query', { limit: 501 });
    expect(r.ok).toBe(false);
  });
});

describe('message.get', () => {
  it('returns the kept phishing mail: headers in order, raw HTML, its links with their text, the verdict', async () => {
    const { core } = await story();
    const [phish] = (await query(core, { filter: { kinds: ['impersonation'] } })).signals;
    const m = await call<ApiOutput<'message.get'>>(core, 'message.get', { signalId: phish?.id });
    expect(m.headers.map((h) => h.name).slice(0, 4)).toEqual([
      'Authentication-Results',
      'From',
      'To',
      'Subject',
    ]);
    expect(m.headers.find((h) => h.name === 'Subject')?.value).toMatch(
      /^<img src=x onerror=alert\(1\)>【重要】/,
    );
    expect(m.html).toContain('<script>');
    expect(m.links).toEqual([
      { url: 'https://www.amazon.co.jp.3f9a1c.info/signin.php', text: '支払方法を更新する' },
    ]);
    expect(m.authenticity.verdict).toBe('suspicious');
    expect(m.sender).toBe('account-update@amazon.co.jp.account-verify.net');
    expect(m.imagesAllowed).toBe(false);
  });

  it('keeps bodies compressed, only for mail that produced a signal', async () => {
    const { core } = await story();
    const rows = core.db
      .prepare(
        'SELECT m.status, b.size, length(b.raw) AS stored FROM messages m LEFT JOIN message_bodies b ON b.message_id = m.id',
      )
      .all() as { status: string; size: number | null; stored: number | null }[];
    expect(rows.filter((r) => r.status === 'recognised').every((r) => r.stored !== null)).toBe(true);
    // The story's newsletter is from nobody watched: header triage skips it, so it is not even stored.
    expect(rows.filter((r) => r.status !== 'recognised')).toEqual([]);
    expect(rows).toHaveLength(12);
    const total = rows.reduce((n, r) => n + (r.size ?? 0), 0);
    const stored = rows.reduce((n, r) => n + (r.stored ?? 0), 0);
    expect(stored).toBeLessThan(total);
    // The text mail round-trips byte for byte.
    const debit = (await query(core, { filter: { kinds: ['payment.charge'] }, order: 'oldest' })).signals[0];
    const m = await call<ApiOutput<'message.get'>>(core, 'message.get', { signalId: debit?.id });
    expect(m.html).toBeNull();
    expect(m.text).toContain('10,000円');
    expect(m.size).toBe(readFileSync(path.join(STORY, '06-rakuten-debit-10000.eml')).byteLength);
  });

  it('answers not_found for an unknown signal and for mail kept without its body', async () => {
    const { core } = await story();
    const missing = await core.handle('message.get', { signalId: '999999' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    core.db.prepare('DELETE FROM message_bodies').run();
    const gone = await core.handle('message.get', { signalId: '1' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: /not kept/ } });
  });

  it('remembers per sender whether remote images may load', async () => {
    const { core } = await story();
    await call(core, 'senders.allowImages', { sender: 'Service@AC.Rakuten-Bank.co.jp', allow: true });
    const debit = (await query(core, { filter: { kinds: ['payment.charge'] } })).signals[0];
    const m = await call<ApiOutput<'message.get'>>(core, 'message.get', { signalId: debit?.id });
    expect(m.imagesAllowed).toBe(true);
    await call(core, 'senders.allowImages', { sender: 'service@ac.rakuten-bank.co.jp', allow: false });
    const again = await call<ApiOutput<'message.get'>>(core, 'message.get', { signalId: debit?.id });
    expect(again.imagesAllowed).toBe(false);
    expect((await core.handle('senders.allowImages', { sender: 'not an address', allow: true })).ok).toBe(
      false,
    );
  });
});

describe('links.open', () => {
  it('opens only http(s) links to DNS names without credentials, logging the host alone', async () => {
    const opened: string[] = [];
    const h = await story({ openUrl: (u) => void opened.push(u) });
    const ok = await call<ApiOutput<'links.open'>>(h.core, 'links.open', {
      url: 'https://www.amazon.co.jp/gp/css/order-history?token=SECRET123',
      messageSignalId: '1',
    });
    expect(ok).toEqual({
      opened: true,
      url: 'https://www.amazon.co.jp/gp/css/order-history?token=SECRET123',
    });
    expect(opened).toEqual([ok.url]);
    const entry = h.logged.find((l) => l.msg === 'link opened');
    expect(entry?.fields).toMatchObject({ host: 'www.amazon.co.jp', signal: '1', by: 'shell' });
    expect(JSON.stringify(h.logged)).not.toContain('SECRET123');

    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'https://user:pass@www.amazon.co.jp/',
      'https://user@www.amazon.co.jp/',
      'http://127.0.0.1:8080/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://[::1]/',
      'http://localhost/',
      'http://intranet/',
      'mailto:someone@example.com',
      'not a url',
    ]) {
      const r = await h.core.handle('links.open', { url: bad });
      expect(r, bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(opened).toHaveLength(1);
  });

  it('hands the link back to the renderer where the shell has no opener (headless)', async () => {
    const { core } = await story();
    const r = await call<ApiOutput<'links.open'>>(core, 'links.open', {
      url: 'https://www.amazon.co.jp.3f9a1c.info/signin.php',
    });
    expect(r).toEqual({ opened: false, url: 'https://www.amazon.co.jp.3f9a1c.info/signin.php' });
  });
});

describe('helpers', () => {
  it('checkExternalUrl normalises before it judges', () => {
    expect(checkExternalUrl('HTTPS://WWW.Amazon.co.jp/a b')).toEqual({
      ok: true,
      url: 'https://www.amazon.co.jp/a%20b',
      host: 'www.amazon.co.jp',
    });
    expect(checkExternalUrl('http://127.1/').ok).toBe(false);
  });

  it('rawHeaders unfolds and decodes, keeping names as written', () => {
    const raw = Buffer.from(
      'X-Test: one\r\n two\r\nSubject: =?UTF-8?B?44GC?=\r\nsubject: second\r\n\r\nBody: not a header\r\n',
    );
    expect(rawHeaders(raw)).toEqual([
      { name: 'X-Test', value: 'one two' },
      { name: 'Subject', value: 'あ' },
      { name: 'subject', value: 'second' },
    ]);
  });

  it('mailLinks pairs anchors with their text in HTML, and lists the URLs of a text mail', () => {
    expect(
      mailLinks(
        '<base href="https://base.example/"><a class=x href=\'https://a.example/?q=1&amp;r=2\'><b>Go</b> now</a><a>no href</a>',
        ['https://base.example/', 'https://a.example/?q=1&r=2', 'https://b.example/'],
      ),
    ).toEqual([{ url: 'https://a.example/?q=1&r=2', text: 'Go now' }]);
    expect(mailLinks(null, ['https://b.example/', 'https://b.example/'])).toEqual([
      { url: 'https://b.example/', text: null },
    ]);
  });
});
