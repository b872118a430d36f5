import { describe, expect, it } from 'vitest';
import { toIso } from './datetime';
import { findForwarded, parseForwardedDate } from './forwarded';
import { normalise } from './normalise';

const JST = 540;

describe('findForwarded', () => {
  it.each([
    [
      'Gmail (English)',
      'FYI\n\n---------- Forwarded message ---------\nFrom: American Express <AmericanExpress@welcome.americanexpress.com>\nDate: Sun, Sep 27, 2026 at 6:12 PM\nSubject: Large Purchase Approved\nTo: <me@example.com>\n\nISLAND PACKERS\n$144.00*\n',
      {
        fromAddress: 'americanexpress@welcome.americanexpress.com',
        fromName: 'American Express',
        subject: 'Large Purchase Approved',
        date: '2026-09-27T18:12:00+09:00',
      },
      'ISLAND PACKERS\n$144.00*',
    ],
    [
      'Gmail (Japanese)',
      '---------- 転送されたメッセージ ---------\nFrom: 楽天カード株式会社 <info@mail.rakuten-card.co.jp>\nDate: 2025年7月30日(水) 9:00\nSubject: カード利用のお知らせ(本人ご利用分)\nTo: <me@example.jp>\n\n■利用日: 2025/07/29\n■利用金額: 3,300 円\n',
      {
        fromAddress: 'info@mail.rakuten-card.co.jp',
        fromName: '楽天カード株式会社',
        subject: 'カード利用のお知らせ(本人ご利用分)',
        date: '2025-07-30T09:00:00+09:00',
      },
      '■利用日: 2025/07/29\n■利用金額: 3,300 円',
    ],
    [
      'Apple Mail',
      'Begin forwarded message:\n\nFrom: "Amazon.co.jp" <auto-confirm@amazon.co.jp>\nSubject: Amazon.co.jp ご注文の確認\nDate: April 21, 2026 at 10:02:11 GMT+9\nTo: me@example.jp\n\nギフトカードの送信先\nx@example.net\n',
      {
        fromAddress: 'auto-confirm@amazon.co.jp',
        fromName: 'Amazon.co.jp',
        subject: 'Amazon.co.jp ご注文の確認',
        date: '2026-04-21T10:02:11+09:00',
      },
      'ギフトカードの送信先\nx@example.net',
    ],
    [
      'Outlook',
      '-----Original Message-----\nFrom: Chase [mailto:no.reply.alerts@chase.com]\nSent: Saturday, March 7, 2026 9:15 AM\nTo: Me\nSubject: You made a $12.34 transaction with SAMPLE*COFFEE SHOP\n\nAccount ending in (...1234).\n',
      {
        fromAddress: 'no.reply.alerts@chase.com',
        fromName: 'Chase',
        subject: 'You made a $12.34 transaction with SAMPLE*COFFEE SHOP',
        date: '2026-03-07T09:15:00+09:00',
      },
      'Account ending in (...1234).',
    ],
    [
      'Thunderbird (the Date header copied, RFC 5322)',
      '-------- Forwarded Message --------\nSubject: Amazon.co.jp ご注文の確認\nDate: Tue, 21 Apr 2026 10:02:00 +0900\nFrom: "Amazon.co.jp" <auto-confirm@amazon.co.jp>\nTo: me@example.com\n\nギフトカードの送信先\n',
      {
        fromAddress: 'auto-confirm@amazon.co.jp',
        fromName: 'Amazon.co.jp',
        subject: 'Amazon.co.jp ご注文の確認',
        date: '2026-04-21T10:02:00+09:00',
      },
      'ギフトカードの送信先',
    ],
  ])('%s', (_name, body, want, text) => {
    const f = findForwarded(normalise(body), JST);
    expect(
      f && {
        fromAddress: f.fromAddress,
        fromName: f.fromName,
        subject: f.subject,
        date: f.date && toIso(f.date),
      },
    ).toEqual(want);
    expect(f?.text).toBe(text);
  });

  it.each([
    ['no forwarded block', 'Hello\nFrom: someone in the text\n'],
    ['a separator with no header block after it', '---------- Forwarded message ---------\n\nJust text.\n'],
    [
      'a block without a From',
      '---------- Forwarded message ---------\nDate: Sun, Sep 27, 2026 at 6:12 PM\nSubject: x\n\nbody',
    ],
  ])('finds nothing in %s', (_name, body) => {
    expect(findForwarded(normalise(body), JST)).toBeNull();
  });
});

describe('parseForwardedDate', () => {
  it('uses the zone the client printed, else the forwarding mail’s own offset', () => {
    expect(
      toIso(parseForwardedDate('April 21, 2026 at 10:02:11 GMT-4', JST) ?? { ms: 0, offsetMinutes: 0 }),
    ).toBe('2026-04-21T10:02:11-04:00');
    expect(toIso(parseForwardedDate('2026/04/21 10:02', -300) ?? { ms: 0, offsetMinutes: 0 })).toBe(
      '2026-04-21T10:02:00-05:00',
    );
    expect(parseForwardedDate('sometime', JST)).toBeNull();
  });

  it.each([
    ['an RFC 5322 date (Thunderbird)', 'Tue, 21 Apr 2026 10:02:00 +0900', -300, '2026-04-21T10:02:00+09:00'],
    [
      'an RFC 5322 date with a zone name and comment',
      '21 Apr 2026 10:02 EST (New York)',
      JST,
      '2026-04-21T10:02:00-05:00',
    ],
    ['a numeric date with a GMT offset', '2026/04/21 10:02 GMT+9', 0, '2026-04-21T10:02:00+09:00'],
    [
      'a GMT offset of hours and minutes',
      'April 21, 2026 at 10:02:11 GMT+5:30',
      JST,
      '2026-04-21T10:02:11+05:30',
    ],
    ['a zone the text names', 'Mar 7, 2026 at 9:14 AM ET', JST, '2026-03-07T09:14:00-05:00'],
    [
      'Gmail, in the forwarding mail’s offset',
      'Sun, Sep 27, 2026 at 6:12 PM',
      -240,
      '2026-09-27T18:12:00-04:00',
    ],
  ])('reads %s', (_name, value, fallback, want) => {
    const d = parseForwardedDate(value, fallback);
    expect(d && toIso(d)).toBe(want);
  });
});
