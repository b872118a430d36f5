import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Link, Locale } from '../../../shared/domain';
import { sig } from '../testing/signals';
import { storyCore, type StoryCore } from '../testing/story';
import { incidentReport } from './handlers';
import { dateText, listText, supportScript } from './script';

describe('dates and lists in prose', () => {
  it.each([
    ['2026-04-21T10:02:11+09:00', 'en', '21 April 2026'],
    ['2026-04-21T10:02:11+09:00', 'ja', '2026年4月21日'],
    // The mail's own date, not this machine's: 23:30 in New York is still the 21st.
    ['2026-04-21T23:30:00-04:00', 'en', '21 April 2026'],
  ] as const)('dateText(%s, %s)', (iso, locale, expected) => {
    expect(dateText(iso, locale)).toBe(expected);
  });

  it.each([
    [['a'], 'en', 'a'],
    [['a', 'b'], 'en', 'a and b'],
    [['a', 'b', 'c'], 'en', 'a, b and c'],
    [['a', 'b', 'c'], 'ja', 'a、b、c'],
  ] as const)('listText(%j, %s)', (items, locale, expected) => {
    expect(listText(items, locale)).toBe(expected);
  });
});

describe('the support script for the story', () => {
  let story: StoryCore;
  beforeAll(async () => {
    story = await storyCore();
  });
  afterAll(async () => {
    await story.close();
  });
  const script = (locale: Locale): { to: string; text: string }[] =>
    incidentReport(story.core, Number(story.fraudId), locale)?.script.map(({ to, text }) => ({ to, text })) ??
    [];

  it.each([
    [
      'en',
      'Amazon.co.jp',
      [
        'On 21 April 2026, three Amazon.co.jp gift cards (¥3,000, ¥10,000 and ¥3,000; orders 250-1111111-1111111, 250-2222222-2222222 and 250-3333333-3333333) were bought from my account without my permission.',
        'On 22 May 2026, three more (¥20,000, ¥10,000 and ¥20,000; orders 250-4444444-4444444, 250-5555555-5555555 and 250-6666666-6666666) were bought.',
        'Order 250-3333333-3333333 was cancelled afterwards.',
        'On 22 May 2026 at 21:14 the ¥10,000 card of order 250-2222222-2222222 was opened, and at 21:17 Rakuten Bank debited ¥10,000.',
        'On 22 May 2026 at 21:40 the ¥20,000 card of order 250-4444444-4444444 was opened, and at 21:42 Rakuten Bank debited ¥20,000.',
        'Please cancel the cards that have not been used yet (orders 250-1111111-1111111, 250-5555555-5555555 and 250-6666666-6666666), refund what was charged',
      ],
      'Rakuten Bank',
      'two debits I did not authorise: ¥10,000 on 22 May 2026 at 21:17 and ¥20,000 on 22 May 2026 at 21:42.',
    ],
    [
      'ja',
      'Amazon.co.jp',
      [
        '2026年4月21日、私のアカウントで身に覚えのないAmazon.co.jpのギフトカードが3件（金額 ￥3,000、￥10,000、￥3,000／注文番号 250-1111111-1111111、250-2222222-2222222、250-3333333-3333333）購入されました。',
        '2026年5月22日にも、Amazon.co.jpのギフトカードが3件（金額 ￥20,000、￥10,000、￥20,000／注文番号 250-4444444-4444444、250-5555555-5555555、250-6666666-6666666）購入されました。',
        '注文番号 250-3333333-3333333 はその後キャンセルされました。',
        '2026年5月22日 21:14、注文番号 250-2222222-2222222 の￥10,000のギフトカードが開封され、21:17に楽天銀行から￥10,000が引き落とされました。',
        'まだ使われていないギフトカード（注文番号 250-1111111-1111111、250-5555555-5555555、250-6666666-6666666）の取り消しと、請求された代金の返金',
      ],
      '楽天銀行',
      '身に覚えのない引き落とし2件についてご連絡しました：2026年5月22日 21:17 の￥10,000、2026年5月22日 21:42 の￥20,000。',
    ],
  ] as const)('speaks to the shop and to the bank (%s)', (locale, shop, shopLines, bank, bankLine) => {
    const parts = script(locale);
    expect(parts.map((p) => p.to)).toEqual([shop, bank]);
    for (const line of shopLines) expect(parts[0]?.text).toContain(line);
    expect(parts[1]?.text).toContain(bankLine);
  });

  it('for the phishing mail, reports the sender, the subject and the Message-ID', () => {
    const en = incidentReport(story.core, Number(story.phishingId), 'en')?.script[0]?.text ?? '';
    expect(en).toContain('Message-ID <phish-1@amazon.co.jp.account-verify.net>');
    expect(en).toContain('sender domain amazon.co.jp.account-verify.net imitates amazon.co.jp');
    const ja = incidentReport(story.core, Number(story.phishingId), 'ja')?.script[0]?.text ?? '';
    expect(ja).toContain('Amazon.co.jpを名乗る不審なメールを受け取ったので報告します');
  });
});

describe('the support script, case by case', () => {
  const purchase = sig({
    id: '1',
    kind: 'giftcard.purchased',
    amount: 'JPY 5000',
    at: '2026-03-01T09:00:00+09:00',
    orderId: '250-1',
  });
  const redeemed = sig({
    id: '2',
    kind: 'giftcard.redeemed',
    amount: 'JPY 5000',
    at: '2026-03-01T09:30:00+09:00',
  });
  const charge = sig({
    id: '3',
    kind: 'payment.charge',
    vendor: 'rakuten-card.co.jp',
    amount: 'JPY 5000',
    at: '2026-03-02T08:00:00+09:00',
  });
  const links: Link[] = [
    { from: '1', to: '2', rule: 'same-card', confidence: 0.9, reason: '' },
    { from: '2', to: '3', rule: 'same-amount', confidence: 0.8, reason: '' },
  ];

  it.each([
    [
      'en',
      [
        'On 1 March 2026, an Amazon.co.jp gift card (¥5,000; order 250-1) was bought from my account without my permission.',
        'On 1 March 2026 at 09:30 the ¥5,000 card of order 250-1 was redeemed, and on 2 March 2026 at 08:00 Rakuten Card charged ¥5,000 to my card.',
        'I changed my password on 1 March 2026 at 10:00.',
        'I did not make these purchases. Please refund what was charged and secure my account.',
      ],
      'one charge I did not authorise',
    ],
    [
      'ja',
      [
        '2026年3月1日 09:30、注文番号 250-1 の￥5,000のギフトカードが使われ、2026年3月2日 08:00に楽天カードで￥5,000が請求されました。',
        'パスワードは2026年3月1日 10:00に変更済みです。',
        'これらは私の購入ではありません。請求された代金の返金と、アカウントの保護をお願いします。',
      ],
      '身に覚えのない請求1件',
    ],
  ] as const)(
    'a redeemed card charged to a credit card, after the password was changed (%s)',
    (locale, lines, cardLine) => {
      const parts = supportScript(
        {
          incident: { kind: 'giftcard_fraud', vendor: 'amazon.co.jp' },
          signals: [charge, redeemed, purchase],
          links,
          passwordChangedAt: '2026-03-01T10:00:00+09:00',
        },
        locale,
      );
      expect(parts).toHaveLength(2);
      for (const line of lines) expect(parts[0]?.text).toContain(line);
      expect(parts[1]?.text).toContain(cardLine);
    },
  );

  it.each([
    ['en', 'On 5 March 2026 at 07:15 my password was changed.', 'This was not me.'],
    ['ja', '2026年3月5日 07:15にパスワードが変更されました。', 'これは私の操作ではありません。'],
  ] as const)('an account takeover (%s)', (locale, first, last) => {
    const parts = supportScript(
      {
        incident: { kind: 'account_takeover', vendor: 'amazon.co.jp' },
        signals: [sig({ kind: 'account.password_changed', at: '2026-03-05T07:15:00+09:00' })],
        links: [],
      },
      locale,
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]?.text).toContain(first);
    expect(parts[0]?.text).toContain(last);
  });
});
