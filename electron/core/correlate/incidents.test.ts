import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../shared/domain';
import { sig } from '../testing/signals';
import { draftIncidents } from './incidents';
import { linkSignals } from './links';

function drafts(signals: Signal[], excluded: string[] = []): string[] {
  const links = linkSignals(signals);
  return draftIncidents({ signals, links, excluded: new Set(excluded) }).map(
    (d) => `${d.kind}/${d.vendor}/${d.severity}:[${d.signalIds.join(',')}]`,
  );
}

describe('draftIncidents', () => {
  it.each([
    {
      name: 'an unacknowledged gift-card purchase is a warning by itself',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-04-21T10:02:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1]'],
    },
    {
      name: 'with a linked charge it is critical and holds the charge',
      signals: [
        sig({ id: '1', kind: 'giftcard.opened', amount: 'JPY 10000', at: '2026-05-22T21:14:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 10000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/critical:[1,2]'],
    },
    {
      name: 'a charge alone is not an incident',
      signals: [
        sig({ id: '1', kind: 'payment.charge', amount: 'JPY 10000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'a redemption alone is not an incident (a card the user was given)',
      signals: [
        sig({ id: '1', kind: 'giftcard.redeemed', amount: 'JPY 5000', at: '2026-05-22T21:17:00+09:00' }),
      ],
      want: [],
    },
    {
      name: 'two purchases within 24 hours are critical (escalation)',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-04-21T10:02:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 10000', at: '2026-04-22T09:00:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/critical:[1,2]'],
    },
    {
      name: 'two purchases 25 hours apart are not a burst',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-04-21T10:00:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-04-22T11:00:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1,2]'],
    },
    {
      name: 'rising amounts over weeks are critical (ramping)',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 1000', at: '2026-04-01T10:00:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-04-10T10:00:00+09:00' }),
        sig({ id: '3', kind: 'giftcard.purchased', amount: 'JPY 20000', at: '2026-04-20T10:00:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/critical:[1,2,3]'],
    },
    {
      name: 'the same amount every month is not rising',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-02-01T10:00:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-03-01T10:00:00+09:00' }),
        sig({ id: '3', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-04-01T10:00:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1,2,3]'],
    },
    {
      name: "related gift-card events across days join one incident (the story's two waves)",
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-04-21T10:02:00+09:00',
          orderId: 'A',
        }),
        sig({
          id: '2',
          kind: 'order.cancelled',
          amount: 'JPY 3000',
          at: '2026-04-21T11:30:00+09:00',
          orderId: 'A',
        }),
        sig({ id: '3', kind: 'giftcard.purchased', amount: 'JPY 20000', at: '2026-05-22T21:30:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1,2,3]'],
    },
    {
      name: 'a cancelled ordinary order (not a gift-card order) is not part of it',
      signals: [
        sig({
          id: '1',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-04-21T10:02:00+09:00',
          orderId: 'A',
        }),
        sig({
          id: '2',
          kind: 'order.cancelled',
          amount: 'JPY 900',
          at: '2026-04-21T11:30:00+09:00',
          orderId: 'B',
        }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1]'],
    },
    {
      name: 'suspicious gift-card mails open no fraud incident; impersonation opens phishing (info)',
      signals: [
        sig({ id: '1', kind: 'impersonation', at: '2026-05-23T08:00:00+09:00', verdict: 'suspicious' }),
        sig({
          id: '2',
          kind: 'giftcard.purchased',
          amount: 'JPY 3000',
          at: '2026-05-23T08:00:00+09:00',
          verdict: 'suspicious',
        }),
      ],
      want: ['phishing/amazon.co.jp/info:[1]'],
    },
    {
      name: 'a password reset not acknowledged is an account-takeover warning',
      signals: [sig({ id: '1', kind: 'account.password_reset', at: '2026-05-20T09:56:00+09:00' })],
      want: ['account_takeover/amazon.co.jp/warning:[1]'],
    },
    {
      name: 'it turns critical when gift-card activity follows',
      signals: [
        sig({ id: '1', kind: 'account.signin', at: '2026-05-20T09:56:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-20T10:10:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[2]', 'account_takeover/amazon.co.jp/critical:[1]'],
    },
    {
      name: 'gift-card activity before the account event does not escalate it',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 3000', at: '2026-05-19T10:10:00+09:00' }),
        sig({ id: '2', kind: 'account.password_changed', at: '2026-05-20T09:56:00+09:00' }),
      ],
      want: ['giftcard_fraud/amazon.co.jp/warning:[1]', 'account_takeover/amazon.co.jp/warning:[2]'],
    },
    {
      name: 'dismissed signals open nothing again, and their charges stay quiet',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-05-22T10:00:00+09:00' }),
        sig({ id: '2', kind: 'payment.charge', amount: 'JPY 5000', at: '2026-05-22T10:01:00+09:00' }),
      ],
      excluded: ['1'],
      want: [],
    },
    {
      name: 'a new purchase after a dismissed one opens a fresh incident without the old one',
      signals: [
        sig({ id: '1', kind: 'giftcard.purchased', amount: 'JPY 5000', at: '2026-05-22T10:00:00+09:00' }),
        sig({ id: '2', kind: 'giftcard.purchased', amount: 'JPY 7000', at: '2026-05-25T10:00:00+09:00' }),
      ],
      excluded: ['1'],
      want: ['giftcard_fraud/amazon.co.jp/warning:[2]'],
    },
  ])('$name', ({ signals, excluded, want }) => {
    expect(drafts(signals, excluded)).toEqual(want);
  });
});
