/**
 * Engine behaviour across rules: forwarded notices (inline and attached) and charges a settlement notice repeats.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../app';
import { NO_LOG } from '../log';
import { parseMail } from '../parse/mime';
import { buildMail, gmailArh } from '../testing/mailbuilder';
import { recognise } from './engine';
import type { Rule } from './rule';
import { BUILT_IN_RULES } from './rules';

const opts = { fallbackTime: '2000-01-01T00:00:00+00:00' };

describe('forwarded notices', () => {
  it('recovers a notice forwarded inline, as unverified (the original sender cannot be checked)', async () => {
    const mail = await parseMail(
      buildMail({
        headers: [gmailArh('example.jp')],
        from: 'Hanako <hanako@example.jp>',
        subject: 'Fwd: 【楽天銀行】◆デビットカードご利用通知メール◆',
        date: 'Fri, 22 May 2026 21:30:00 +0900',
        text:
          '見てください\n\n---------- Forwarded message ---------\nFrom: 楽天銀行株式会社 <service@ac.rakuten-bank.co.jp>\n' +
          'Date: 2026年5月22日(金) 21:17\nSubject: 【楽天銀行】◆デビットカードご利用通知メール◆ポイント獲得仮確定のお知らせ\nTo: <hanako@example.jp>\n\n' +
          '■今回のご利用金額\n10,000円\n',
      }),
    );
    const r = recognise(mail, BUILT_IN_RULES, opts);
    expect(r.signals).toEqual([
      expect.objectContaining({
        kind: 'payment.charge',
        vendor: 'rakuten-bank.co.jp',
        amount: { currency: 'JPY', minor: 10000 },
        occurredAt: '2026-05-22T21:17:00+09:00',
        authenticity: {
          verdict: 'unverified',
          reason: 'forwarded by hanako@example.jp: the original sender cannot be checked',
        },
      }),
    ]);
  });

  it('recovers a notice forwarded as an attachment', async () => {
    const original = buildMail({
      headers: [gmailArh('amazon.co.jp')],
      from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
      subject: 'Amazon.co.jp ご注文の確認',
      date: 'Tue, 21 Apr 2026 10:02:11 +0900',
      text: 'ギフトカードの送信先\nx@example.net\n注文合計： ￥3,000\n',
    });
    const outer = Buffer.concat([
      Buffer.from(
        'From: me@example.jp\r\nTo: family@example.jp\r\nSubject: Fwd: order\r\nDate: Tue, 21 Apr 2026 12:00:00 +0900\r\nMIME-Version: 1.0\r\n' +
          'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n' +
          'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="order.eml"\r\n\r\n',
      ),
      original,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const r = recognise(await parseMail(outer), BUILT_IN_RULES, opts);
    expect(r.signals).toEqual([
      expect.objectContaining({
        kind: 'giftcard.purchased',
        amount: { currency: 'JPY', minor: 3000 },
        authenticity: expect.objectContaining({ verdict: 'unverified' }),
      }),
    ]);
  });

  it('judges the links of an attached original, not the forwarder’s note around it', async () => {
    const original = buildMail({
      from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
      subject: 'Amazon.co.jp ご注文の確認',
      date: 'Tue, 21 Apr 2026 10:02:11 +0900',
      text: 'ギフトカードの送信先\nx@example.net\n注文合計： ￥3,000\nhttps://amazon-co-jp.account-verify.example/login\n',
    });
    const outer = Buffer.concat([
      Buffer.from(
        'From: me@example.jp\r\nTo: family@example.jp\r\nSubject: Fwd: order\r\nDate: Tue, 21 Apr 2026 12:00:00 +0900\r\nMIME-Version: 1.0\r\n' +
          'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nis this real? https://www.example.jp/\r\n--b\r\n' +
          'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="order.eml"\r\n\r\n',
      ),
      original,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const r = recognise(await parseMail(outer), BUILT_IN_RULES, opts);
    expect(r.signals.map((s) => [s.kind, s.authenticity.verdict, s.authenticity.reason])).toEqual([
      [
        'impersonation',
        'suspicious',
        'a link goes to amazon-co-jp.account-verify.example, which imitates amazon.co.jp',
      ],
    ]);
  });

  it('still calls a forwarded look-alike suspicious', async () => {
    const mail = await parseMail(
      buildMail({
        from: 'me@example.jp',
        subject: 'Fwd: is this real?',
        date: 'Fri, 22 May 2026 21:30:00 +0900',
        text: '---------- Forwarded message ---------\nFrom: Amazon <account@amazon.co.jp.verify-account.example>\nDate: Fri, May 22, 2026 at 9:00 PM\nSubject: アカウントを確認してください\n\nリンクから確認\n',
      }),
    );
    expect(
      recognise(mail, BUILT_IN_RULES, opts).signals.map((s) => [s.kind, s.authenticity.verdict]),
    ).toEqual([['impersonation', 'suspicious']]);
  });

  it('ignores a forward of a mail from nobody watched', async () => {
    const mail = await parseMail(
      buildMail({
        from: 'me@example.jp',
        subject: 'Fwd: lunch',
        date: 'Fri, 22 May 2026 21:30:00 +0900',
        text: '---------- Forwarded message ---------\nFrom: Friend <friend@example.com>\nDate: Fri, May 22, 2026 at 9:00 PM\nSubject: lunch\n\n注文合計： ￥3,000\n',
      }),
    );
    expect(recognise(mail, BUILT_IN_RULES, opts).signals).toEqual([]);
  });
});

describe('settlement notices (Rule.settles)', () => {
  // Two rules of one issuer: an instant notice, and a settlement notice that repeats some of its charges.
  const base = {
    vendor: 'rakuten-card.co.jp',
    kind: 'payment.charge',
    currency: 'JPY',
    zone: 'Asia/Tokyo',
    from: ['rakuten-card.co.jp'],
    requireAmount: true,
  } as const;
  const rules: Rule[] = [
    {
      ...base,
      id: 'rakuten-card.co.jp/instant',
      basis: '[F] test',
      subject: [/速報/],
      fields: { amount: [{ label: '金額' }], date: [{ label: '日' }], merchant: [{ label: '先' }] },
    },
    {
      ...base,
      id: 'rakuten-card.co.jp/settled',
      basis: '[F] test',
      subject: [/確定/],
      settles: 'rakuten-card.co.jp/instant',
      blocks: /(?:^|\n)◆/,
      fields: { amount: [{ label: '金額' }], date: [{ label: '日' }], merchant: [{ label: '先' }] },
    },
  ];
  const mail = (subject: string, body: string, id: string): Buffer =>
    buildMail({
      headers: [gmailArh('mail.rakuten-card.co.jp')],
      from: 'info@mail.rakuten-card.co.jp',
      subject,
      date: 'Wed, 30 Jul 2025 09:00:00 +0900',
      messageId: id,
      text: body,
    });
  const instant = mail('速報', '日: 2025/07/29\n先: SHOP A\n金額: 3,300円\n', 'i1');
  const settled = mail(
    '確定',
    '◆\n日: 2025/07/29\n先: SHOP A\n金額: 3,300円\n◆\n日: 2025/07/29\n先: SHOP B\n金額: 500円\n',
    's1',
  );

  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function store(order: Buffer[]): Promise<string[]> {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-settle-'));
    const core = new Core({
      dataDir: dir,
      version: 't',
      alerts: false,
      rules,
      log: NO_LOG,
      platform: { shell: 'headless', systemLocale: () => 'en' },
    });
    await core.importMessages(
      (async function* () {
        for (const [i, raw] of order.entries()) yield { raw, source: `m${i}` };
      })(),
    );
    const out = core.repo
      .allSignals()
      .map((s) => `${s.ruleId}:${s.merchant}:${s.amount?.minor}`)
      .sort();
    await core.close();
    return out;
  }

  it('keeps one signal per charge whichever notice arrives first', async () => {
    const want = ['rakuten-card.co.jp/instant:SHOP A:3300', 'rakuten-card.co.jp/settled:SHOP B:500'];
    expect(await store([instant, settled])).toEqual(want);
    expect(await store([settled, instant])).toEqual(want);
  });
});
