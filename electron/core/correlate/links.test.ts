import { describe, expect, it } from 'vitest';
import { sig } from '../testing/signals';
import { linkSignals, merchantCompatible } from './links';

const pairs = (signals: Parameters<typeof linkSignals>[0]): string[] =>
  linkSignals(signals).map((l) => `${l.rule}:${l.from}->${l.to}`);

describe('merchantCompatible', () => {
  it.each([
    [null, true],
    ['', true],
    ['AMAZON.CO.JP', true],
    ['ＡＭＡＺＯＮ．ＣＯ．ＪＰ', true],
    ['AMAZON CO JP', true],
    ['AMZN Mktp US*2K4', true],
    ['Amazon Downloads', true],
    ['AMAZON.COM*1A2B3C', true],
    ['アマゾン', true],
    ['LAWSON', false],
    ['APPLE COM BILL', false],
  ])('%s → %s for amazon.co.jp', (merchant, ok) => {
    expect(merchantCompatible(merchant, 'amazon.co.jp')).toBe(ok);
  });
});

describe('linkSignals', () => {
  it.each([
    {
      name: 'a debit 3 minutes after an opened card of the same amount links to it',
      signals: [
        sig({ id: '1', kind: 'giftcard.opened', amount: 'JPY 10000', at: '2026-05-22T21:14:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: ['same-amount:1->2'],
    },
    {
      name: 'a different amount does not link',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 10000', at: '2026-05-22T21:14:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10001', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'a different currency does not link',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 10000', at: '2026-05-22T21:14:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'USD 10000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'a month-old purchase is outside the window',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 10000', at: '2026-04-21T10:05:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'a charge up to 2 hours before the gift-card mail links (bank mail beat Amazon)',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-22T12:00:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 3000', at: '2026-05-22T10:30:00+09:00' }),
      ],
      want: ['same-amount:1->2'],
    },
    {
      name: 'but not 3 hours before',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-22T12:00:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 3000', at: '2026-05-22T09:00:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'a charge from another merchant does not link',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-22T12:00:00+09:00' }),
        sig({
          id: '2',
          kind: 'payment.charge',
          amount: 'JPY 3000',
          at: '2026-05-22T12:01:00+09:00',
          merchant: 'LAWSON',
        }),
      ],
      want: [],
    },
    {
      name: 'a suspicious charge is never evidence',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-22T12:00:00+09:00' }),
        sig({
          id: '2',
          kind: 'payment.charge',
          amount: 'JPY 3000',
          at: '2026-05-22T12:01:00+09:00',
          verdict: 'suspicious',
        }),
      ],
      want: [],
    },
    {
      name: 'a suspicious gift card is never evidence either',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-05-22T12:00:00+09:00',
          verdict: 'suspicious',
        }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 3000', at: '2026-05-22T12:01:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'an unverified (no trusted ARH) pair still links',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-05-22T12:00:00+09:00',
          verdict: 'unverified',
        }),
        sig({
          id: '2',
          kind: 'payment.charge',
          amount: 'JPY 3000',
          at: '2026-05-22T12:01:00+09:00',
          verdict: 'unverified',
        }),
      ],
      want: ['same-amount:1->2'],
    },
    {
      name: 'a charge links to at most one gift card: the closest in time',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 20000', at: '2026-05-22T21:30:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 20000', at: '2026-05-22T21:33:00+09:00' }),
        sig({ id: '3', kind: 'giftcard.opened', amount: 'JPY 20000', at: '2026-05-22T21:40:00+09:00' }),
        sig({ id: '4', kind: 'payment.charge', amount: 'JPY 20000', at: '2026-05-22T21:42:00+09:00' }),
      ],
      want: ['same-card:2->3', 'same-amount:3->4'],
    },
    {
      name: 'two charges of one amount take two different gift cards',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-05-22T10:00:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-05-22T10:10:00+09:00' }),
        sig({ id: '3', kind: 'payment.charge', amount: 'JPY 5000', at: '2026-05-22T10:01:00+09:00' }),
        sig({ id: '4', kind: 'payment.charge', amount: 'JPY 5000', at: '2026-05-22T10:11:00+09:00' }),
      ],
      want: ['same-amount:1->3', 'same-amount:2->4'],
    },
    {
      name: 'a charge equal to the total of one order of several cards links to each card',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-04-21T10:02:00+09:00',
          orderId: '250-1111111-1111111',
        }),
        sig({
          id: '2',
          kind: 'giftcard.purchased',
          amount: 'JPY 10000',
          at: '2026-04-21T10:02:00+09:00',
          orderId: '250-1111111-1111111',
        }),
        sig({
          id: '3',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-04-21T10:02:00+09:00',
          orderId: '250-1111111-1111111',
        }),
        sig({ id: '4', kind: 'payment.charge', amount: 'JPY 16000', at: '2026-04-21T10:04:00+09:00' }),
      ],
      want: ['order-total:1->4', 'order-total:2->4', 'order-total:3->4'],
    },
    {
      name: 'an opened notice links to the purchase of the same order',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 10000',
          at: '2026-04-21T10:05:00+09:00',
          orderId: 'A',
        }),
        sig({
          id: '2',
          kind: 'giftcard.purchased',
          amount: 'JPY 10000',
          at: '2026-04-22T10:05:00+09:00',
          orderId: 'B',
        }),
        sig({
          id: '3',
          kind: 'giftcard.opened',
          amount: 'JPY 10000',
          at: '2026-05-22T21:14:00+09:00',
          orderId: 'A',
        }),
      ],
      want: ['same-card:1->3'],
    },
    {
      name: 'a cancellation links to the purchase of its order',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-04-21T10:09:00+09:00',
          orderId: 'C',
        }),
        sig({
          id: '2',
          kind: 'order.cancelled',
          amount: 'JPY 3000',
          at: '2026-04-21T11:30:00+09:00',
          orderId: 'C',
        }),
      ],
      want: ['same-order:1->2'],
    },
  ])('$name', ({ signals, want }) => {
    expect(pairs(signals)).toEqual(want);
  });

  it('gives the same links whatever order the signals come in', () => {
    const signals = [
      sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 20000', at: '2026-05-22T21:30:00+09:00' }),
      sig({ id: '2', kind: 'giftcard.opened', amount: 'JPY 20000', at: '2026-05-22T21:40:00+09:00' }),
      sig({ id: '3', kind: 'payment.charge', amount: 'JPY 20000', at: '2026-05-22T21:42:00+09:00' }),
      sig({ id: '4', kind: 'payment.charge', amount: 'JPY 20000', at: '2026-05-22T21:43:00+09:00' }),
    ];
    const expected = linkSignals(signals);
    // What the links are, so that two equal wrong answers (or two empty ones) cannot pass: the charge 2 min after
    // the opening goes with the opening, the other with the purchase, and the opening with its purchase.
    expect(expected.map((l) => `${l.rule}:${l.from}->${l.to}`).sort()).toEqual([
      'same-amount:1->4',
      'same-amount:2->3',
      'same-card:1->2',
    ]);
    expect(linkSignals([...signals].reverse())).toEqual(expected);
    expect(
      linkSignals([signals[2], signals[0], signals[3], signals[1]].filter((s) => s !== undefined)),
    ).toEqual(expected);
  });

  // The window README.md states, "2 hours before to 3 days after" a gift-card event (DEFAULT_WINDOW in links.ts:
  // chargeLeadMs 2 h, chargeLagMs 3 days, both bounds included).
  describe('the window around a gift-card event', () => {
    const opened = '2026-05-22T21:14:00+09:00';
    const at = (ms: number): string => new Date(Date.parse(opened) + ms).toISOString();
    const MIN = 60_000;
    const HOUR = 60 * MIN;
    const DAY = 24 * HOUR;
    it.each([
      ['2 days 23 hours after', 2 * DAY + 23 * HOUR, true],
      ['exactly 3 days after', 3 * DAY, true],
      ['3 days 1 hour after', 3 * DAY + HOUR, false],
      ['3 days and 1 minute after', 3 * DAY + MIN, false],
      ['1 hour 59 minutes before', -(HOUR + 59 * MIN), true],
      ['exactly 2 hours before', -2 * HOUR, true],
      ['2 hours 1 minute before', -(2 * HOUR + MIN), false],
    ])('a charge %s links: %s', (_when, offset, links) => {
      const signals = [
        sig({ id: '1', kind: 'giftcard.opened', amount: 'JPY 10000', at: opened }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10000', at: at(offset) }),
      ];
      expect(pairs(signals)).toEqual(links ? ['same-amount:1->2'] : []);
    });
  });

  it('explains a link in plain words with the amount and the delay', () => {
    const [l] = linkSignals([
      sig({ id: '1', kind: 'giftcard.opened', amount: 'JPY 10000', at: '2026-05-22T21:14:00+09:00' }),
      sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10000', at: '2026-05-22T21:17:00+09:00' }),
    ]);
    expect(l?.reason).toBe('same amount ¥10,000: charged 3 min after the gift card was opened');
    expect(l?.confidence).toBe(0.8);
  });
});
