import { describe, expect, it } from 'vitest';
import { buildMail, gmailArh, type Charset, type TransferEncoding } from '../testing/mailbuilder';
import { toIso } from './datetime';
import { header, headersNamed, MAX_PARSE_BYTES, parseMail, UnparseableMailError } from './mime';

const DATE = 'Tue, 21 Apr 2026 10:02:00 +0900';
// Long enough to be split into several RFC 2047 encoded words, with a full-width space inside.
const SUBJECT =
  'カード利用のお知らせ(本人ご利用分)　件名が長くても複数のエンコード語に分けて正しく復元されることを確かめる';
const FROM_NAME = '楽天カード株式会社';
const FROM = `"${FROM_NAME}" <Info@Mail.Rakuten-Card.co.jp>`;
const BODY = [
  '山田 花子 様',
  '',
  '■利用日：２０２６／０４／２１',
  '■利用金額：３，３００円',
  '■利用先：ﾓﾊﾞｲﾙﾊﾟｽﾓ',
  '詳細 https://www.rakuten-card.co.jp/e-navi/ を参照',
].join('\n');
const NORM_BODY = [
  '山田 花子 様',
  '',
  '■利用日:2026/04/21',
  '■利用金額:3,300円',
  '■利用先:モバイルパスモ',
  '詳細 https://www.rakuten-card.co.jp/e-navi/ を参照',
].join('\n');

// The builder ends some bodies with the part's CRLF: line endings are transport, not content.
const content = (s: string): string => s.replace(/\n+$/, '');

describe('parseMail: charsets and transfer encodings', () => {
  it.each<[Charset, TransferEncoding]>([
    ['utf-8', 'base64'],
    ['utf-8', 'quoted-printable'],
    ['utf-8', '8bit'],
    ['shift_jis', '8bit'],
    ['shift_jis', 'base64'],
  ])('%s %s: subject, display name, text and normalised text', async (charset, encoding) => {
    const raw = buildMail({
      headers: [gmailArh('mail.rakuten-card.co.jp')],
      from: FROM,
      subject: SUBJECT,
      date: DATE,
      messageId: 'abc.123@mail.rakuten-card.co.jp',
      text: BODY,
      charset,
      encoding,
    });
    // one encoded word for the display name, several for the subject
    expect(raw.toString('latin1').match(/=\?[\w-]+\?B\?/g)?.length).toBeGreaterThanOrEqual(3);
    const m = await parseMail(raw);
    expect(m.subject).toBe(SUBJECT);
    expect(m.normSubject).toBe(
      'カード利用のお知らせ(本人ご利用分) 件名が長くても複数のエンコード語に分けて正しく復元されることを確かめる',
    );
    expect(m.from).toEqual({ name: FROM_NAME, address: 'info@mail.rakuten-card.co.jp' });
    expect(content(m.text)).toBe(BODY);
    expect(content(m.normText)).toBe(NORM_BODY);
    expect(m.html).toBeNull();
    expect(m.links).toEqual(['https://www.rakuten-card.co.jp/e-navi/']);
    expect(m.messageId).toBe('abc.123@mail.rakuten-card.co.jp');
    expect(m.dateHeader).toBe(DATE);
    expect(m.date && toIso(m.date)).toBe('2026-04-21T10:02:00+09:00');
    expect(m.size).toBe(raw.byteLength);
    expect(m.truncated).toBe(false);
    expect(m.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ISO-2022-JP 7bit (RFC 1468): subject, display name, text and normalised text', async () => {
    // ISO-2022-JP has no half-width katakana; mailers send them widened.
    const body = BODY.replace('ﾓﾊﾞｲﾙﾊﾟｽﾓ', 'モバイルパスモ');
    const raw = buildMail({ from: FROM, subject: SUBJECT, date: DATE, text: body, charset: 'iso-2022-jp' });
    // 7bit really is 7-bit: the escape sequences carry the Japanese text.
    expect(raw.every((b) => b < 0x80)).toBe(true);
    expect(raw.toString('latin1')).toContain('=?ISO-2022-JP?B?');
    const m = await parseMail(raw);
    expect(m.subject).toBe(SUBJECT);
    expect(m.from).toEqual({ name: FROM_NAME, address: 'info@mail.rakuten-card.co.jp' });
    expect(content(m.text)).toBe(body);
    expect(content(m.normText)).toBe(NORM_BODY);
    expect(m.date && toIso(m.date)).toBe('2026-04-21T10:02:00+09:00');
  });

  it('Shift_JIS 8bit really carries Shift_JIS bytes', async () => {
    const raw = buildMail({
      from: FROM,
      subject: 'テスト',
      text: '円',
      charset: 'shift_jis',
      encoding: '8bit',
    });
    // 円 is 0x89 0x7E in Shift_JIS
    expect(raw.includes(Buffer.from([0x89, 0x7e]))).toBe(true);
    expect(content((await parseMail(raw)).text)).toBe('円');
  });
});

describe('parseMail: HTML', () => {
  const html =
    '<html><head><style>td{padding:0}</style></head><body><p>ご利用明細</p>' +
    '<table><tr><td>2026/08/02</td><td>ガウディ茶屋町店</td><td>１５，８００円</td></tr></table>' +
    '<a href="https://www.rakuten-card.co.jp/x?a=1&amp;b=2">詳細</a></body></html>';

  it('gives an HTML-only mail a table-aware text and collects its links', async () => {
    const m = await parseMail(
      buildMail({ from: 'info@mail.rakuten-card.co.jp', subject: 'カード利用のお知らせ', date: DATE, html }),
    );
    expect(m.html).toBe(html);
    expect(m.text).toBe('ご利用明細\n\n2026/08/02  ガウディ茶屋町店  １５，８００円\n\n詳細');
    expect(m.normText).toBe('ご利用明細\n\n2026/08/02  ガウディ茶屋町店  15,800円\n\n詳細');
    expect(m.links).toEqual(['https://www.rakuten-card.co.jp/x?a=1&b=2']);
  });

  it('keeps the text part of a multipart/alternative mail and the links of both parts', async () => {
    const m = await parseMail(
      buildMail({
        from: 'a@example.jp',
        subject: 'alt',
        text: 'plain body https://a.example/x',
        html: '<p>html body <a href="https://b.example/y">y</a></p>',
      }),
    );
    expect(content(m.text)).toBe('plain body https://a.example/x');
    expect(m.html).toBe('<p>html body <a href="https://b.example/y">y</a></p>');
    expect([...m.links].sort()).toEqual(['https://a.example/x', 'https://b.example/y']);
  });

  it('lists a link found in both parts once', async () => {
    const m = await parseMail(
      buildMail({
        from: 'a@example.jp',
        subject: 'dup',
        text: 'see https://a.example/x',
        html: '<a href="https://a.example/x">see</a>',
      }),
    );
    expect(m.links).toEqual(['https://a.example/x']);
  });
});

describe('parseMail: headers', () => {
  const raw = Buffer.from(
    [
      'Authentication-Results: mx.google.com; dmarc=pass header.from=amazon.co.jp',
      'Received: from a (a [192.0.2.1]) by mx.google.com; Tue, 21 Apr 2026 10:02:00 +0900',
      'Authentication-Results: forged.example; dmarc=pass header.from=amazon.co.jp',
      'From: "Amazon.co.jp" <Auto-Confirm@Amazon.co.jp>',
      'Reply-To: x@Evil.example, "Y" <Y@Evil.example>',
      'Return-Path: <Bounce@SES.example>',
      'Subject: hi',
      'Message-ID: <0100018e-250-1111111@email.amazonses.com>',
      'Date: 21 Apr 26 10:02 JST',
      '',
      'body',
      '',
    ].join('\r\n'),
  );

  it('strips the angle brackets of the Message-ID', async () => {
    expect((await parseMail(raw)).messageId).toBe('0100018e-250-1111111@email.amazonses.com');
  });

  it('lower-cases addresses and keeps display names', async () => {
    const m = await parseMail(raw);
    expect(m.from).toEqual({ name: 'Amazon.co.jp', address: 'auto-confirm@amazon.co.jp' });
    expect(m.replyTo).toEqual([
      { name: '', address: 'x@evil.example' },
      { name: 'Y', address: 'y@evil.example' },
    ]);
    expect(m.returnPath).toBe('bounce@ses.example');
  });

  it('keeps every header in order, topmost first, with lower-cased names', async () => {
    const m = await parseMail(raw);
    expect(m.headers.map((h) => h.key)).toEqual([
      'authentication-results',
      'received',
      'authentication-results',
      'from',
      'reply-to',
      'return-path',
      'subject',
      'message-id',
      'date',
    ]);
    expect(headersNamed(m, 'Authentication-Results')).toEqual([
      'mx.google.com; dmarc=pass header.from=amazon.co.jp',
      'forged.example; dmarc=pass header.from=amazon.co.jp',
    ]);
    expect(header(m, 'SUBJECT')).toBe('hi');
    expect(header(m, 'x-missing')).toBeUndefined();
  });

  it('reads a two-digit year and a zone name in the Date header, keeping the offset', async () => {
    const m = await parseMail(raw);
    expect(m.dateHeader).toBe('21 Apr 26 10:02 JST');
    expect(m.date).toEqual({ ms: Date.UTC(2026, 3, 21, 1, 2, 0), offsetMinutes: 540 });
  });

  it.each([
    ['-0500', '2026-04-21T10:02:00-05:00'],
    ['+0000', '2026-04-21T10:02:00+00:00'],
    ['+0530 (IST)', '2026-04-21T10:02:00+05:30'],
  ])('keeps the Date offset %s', async (zone, iso) => {
    const m = await parseMail(
      buildMail({ from: 'a@example.com', subject: 's', date: `Tue, 21 Apr 2026 10:02:00 ${zone}` }),
    );
    expect(m.date && toIso(m.date)).toBe(iso);
  });

  it('has a null date for a missing or unreadable Date header', async () => {
    const none = await parseMail(buildMail({ from: 'a@example.com', subject: 's', text: 'x' }));
    expect(none.dateHeader).toBeNull();
    expect(none.date).toBeNull();
    const bad = await parseMail(
      buildMail({ from: 'a@example.com', subject: 's', date: 'sometime soon', text: 'x' }),
    );
    expect(bad.dateHeader).toBe('sometime soon');
    expect(bad.date).toBeNull();
  });

  it('has a null Message-ID, an empty subject and no From when they are missing', async () => {
    const m = await parseMail(Buffer.from(`Date: ${DATE}\r\n\r\nbody\r\n`));
    expect(m.messageId).toBeNull();
    expect(m.subject).toBe('');
    expect(m.normSubject).toBe('');
    expect(m.from).toBeNull();
    expect(m.replyTo).toEqual([]);
    expect(m.returnPath).toBeNull();
  });
});

describe('parseMail: dedupeKey', () => {
  const spec = { from: 'a@example.jp', subject: 's', date: DATE, text: 'body' } as const;

  it('is the same for the same mail parsed twice', async () => {
    const raw = buildMail({ ...spec, messageId: 'm1@example.jp' });
    expect((await parseMail(raw)).dedupeKey).toBe((await parseMail(raw)).dedupeKey);
  });

  it('is the same for one mail seen through two folders (different delivery headers)', async () => {
    const a = await parseMail(buildMail({ ...spec, messageId: 'm1@example.jp' }));
    const b = await parseMail(
      buildMail({ ...spec, messageId: 'm1@example.jp', headers: [`Received: from x by y; ${DATE}`] }),
    );
    expect(a.dedupeKey).toBe(b.dedupeKey);
  });

  it('differs between mails with different Message-IDs', async () => {
    const a = await parseMail(buildMail({ ...spec, messageId: 'm1@example.jp' }));
    const b = await parseMail(buildMail({ ...spec, messageId: 'm2@example.jp' }));
    expect(a.dedupeKey).not.toBe(b.dedupeKey);
  });

  it('without a Message-ID, is the same for the same content and differs for a different body', async () => {
    const a = await parseMail(buildMail(spec));
    const again = await parseMail(buildMail(spec));
    const b = await parseMail(buildMail({ ...spec, text: 'another body' }));
    expect(a.messageId).toBeNull();
    expect(a.dedupeKey).toBe(again.dedupeKey);
    expect(a.dedupeKey).not.toBe(b.dedupeKey);
  });

  it('without a Message-ID, differs for a different Date, sender or subject', async () => {
    const a = await parseMail(buildMail(spec));
    const keys = await Promise.all(
      [
        { ...spec, date: 'Tue, 21 Apr 2026 10:03:00 +0900' },
        { ...spec, from: 'b@example.jp' },
        { ...spec, subject: 't' },
      ].map(async (s) => (await parseMail(buildMail(s))).dedupeKey),
    );
    for (const k of keys) expect(k).not.toBe(a.dedupeKey);
  });
});

describe('parseMail: what is not a mail', () => {
  it.each([
    ['a header block without From, Subject or Date', 'X-Foo: bar\r\n\r\nhello'],
    ['plain text', 'just some text without headers'],
    ['an empty file', ''],
  ])('rejects %s with UnparseableMailError', async (_what, input) => {
    await expect(parseMail(Buffer.from(input))).rejects.toBeInstanceOf(UnparseableMailError);
  });

  it('names the error', async () => {
    await expect(parseMail(Buffer.from('X-Foo: bar\r\n\r\nhello'))).rejects.toMatchObject({
      name: 'UnparseableMailError',
      message: 'no From, Subject or Date header: not a mail message',
    });
  });
});

describe('parseMail: size limit', () => {
  it('parses only the first 4 MiB of a larger message and says so', async () => {
    const line = `${'x'.repeat(76)}\n`;
    const text = `start\n${line.repeat(70_000)}`;
    const raw = buildMail({
      from: 'a@example.jp',
      subject: 'big',
      date: DATE,
      messageId: 'big@example.jp',
      text,
    });
    expect(MAX_PARSE_BYTES).toBe(4 * 1024 * 1024);
    expect(raw.byteLength).toBeGreaterThan(MAX_PARSE_BYTES);
    const m = await parseMail(raw);
    expect(m.truncated).toBe(true);
    expect(m.size).toBe(raw.byteLength);
    expect(m.subject).toBe('big');
    expect(m.messageId).toBe('big@example.jp');
    expect(m.date && toIso(m.date)).toBe('2026-04-21T10:02:00+09:00');
    expect(m.text.startsWith(`start\n${line}`)).toBe(true);
    expect(m.text.length).toBeGreaterThan(1_000_000);
    expect(m.text.length).toBeLessThan(text.length);
  });

  it('does not truncate a message of exactly 4 MiB', async () => {
    const head = `From: a@example.jp\r\nSubject: edge\r\nDate: ${DATE}\r\n\r\n`;
    const raw = Buffer.alloc(MAX_PARSE_BYTES, 'y');
    raw.write(head, 0, 'latin1');
    const m = await parseMail(raw);
    expect(m.truncated).toBe(false);
    expect(m.size).toBe(MAX_PARSE_BYTES);
  });
});
