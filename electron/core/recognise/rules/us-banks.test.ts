/**
 * Who the US pack's senders are, and who they are not: short brand words sit inside ordinary words and names
 * ("purchase", "Chase Miller", "gamex", "paypay"), so the look-alike tokens are compounds (us-banks.ts).
 */
import { describe, expect, it } from 'vitest';
import { claimOf, lookalikeOf } from '../identity';

function claim(address: string, name = ''): string | null {
  const c = claimOf(address, name);
  return c ? `${c.type}:${c.identity.vendor}` : null;
}

describe('US pack identities: genuine senders', () => {
  it.each([
    ['no.reply.alerts@chase.com', 'Chase', 'genuine-domain:chase.com'],
    ['no-reply@alertsp.chase.com', 'Chase', 'genuine-domain:chase.com'],
    ['AmericanExpress@welcome.americanexpress.com', 'American Express', 'genuine-domain:americanexpress.com'],
    ['AmericanExpress@welcome.aexp.com', 'American Express', 'genuine-domain:americanexpress.com'],
    ['americanexpress@member.americanexpress.com', '', 'genuine-domain:americanexpress.com'],
    // listed as "untrusted" by one project's tests (mail-formats.md §0 [F]): Amex's own domain all the same
    ['alerts@americanexpress.com', '', 'genuine-domain:americanexpress.com'],
    ['amex@welcome.americanexpress.com', '', 'genuine-domain:americanexpress.com'],
    ['alerts@notify.wellsfargo.com', 'Wells Fargo Online', 'genuine-domain:wellsfargo.com'],
    ['alerts@capitalone.com', 'Capital One', 'genuine-domain:capitalone.com'],
    ['service@paypal.com', 'PayPal', 'genuine-domain:paypal.com'],
    ['service@intl.paypal.com', 'PayPal', 'genuine-domain:paypal.com'],
    ['service-jp@paypal.com', 'PayPal', 'genuine-domain:paypal.com'],
  ])('%s "%s" → %s', (address, name, expected) => {
    expect(claim(address, name)).toBe(expected);
  });
});

describe('US pack identities: look-alikes and brand display names', () => {
  it.each([
    // mail-formats.md §0 lookalike tests [F] and §6.2
    ['alerts@chase.com.example.net', '', 'lookalike-domain:chase.com'],
    ['AmericanExpress@welcome.americanexpress.com.example.net', '', 'lookalike-domain:americanexpress.com'],
    ['x@chase-bank-alerts.example', '', 'lookalike-domain:chase.com'],
    ['x@securechase.example', '', 'lookalike-domain:chase.com'],
    ['x@american-express-secure.example', '', 'lookalike-domain:americanexpress.com'],
    ['x@wells-fargo-secure.example', '', 'lookalike-domain:wellsfargo.com'],
    ['x@wellsfarg0.example', '', 'lookalike-domain:wellsfargo.com'],
    ['x@capital-one-alerts.example', '', 'lookalike-domain:capitalone.com'],
    ['x@paypal-secure.example', '', 'lookalike-domain:paypal.com'],
    ['x@paypa1.example', '', 'lookalike-domain:paypal.com'],
    ['x@service.paypal.com.example.net', '', 'lookalike-domain:paypal.com'],
    ['x@mailer.example.org', 'Chase', 'display-name:chase.com'],
    ['x@mailer.example.org', 'JPMorgan Chase Bank', 'display-name:chase.com'],
    ['x@mailer.example.org', 'Chase Fraud Department', 'display-name:chase.com'],
    ['x@mailer.example.org', 'American Express', 'display-name:americanexpress.com'],
    ['x@mailer.example.org', 'アメリカン・エキスプレス', 'display-name:americanexpress.com'],
    ['x@mailer.example.org', 'Wells Fargo', 'display-name:wellsfargo.com'],
    ['x@mailer.example.org', 'Capital One Alerts', 'display-name:capitalone.com'],
    ['x@mailer.example.org', 'PayPal', 'display-name:paypal.com'],
  ])('%s "%s" → %s', (address, name, expected) => {
    expect(claim(address, name)).toBe(expected);
  });
});

describe('US pack identities: senders that claim nothing', () => {
  it.each([
    // "purchase" contains "chase"; "Chase" is also a first name
    ['news@purchase.example', 'Purchase Rewards'],
    ['orders@purchases.example.com', ''],
    ['chase.miller@example.com', 'Chase Miller'],
    ['x@phase.example', ''],
    // "amex" is inside "gamex" and one letter from "apex"
    ['x@gamexchange.example', ''],
    ['x@apex.example', ''],
    // PayPay (a Japanese payment brand) is one letter from "paypal"
    ['no-reply@paypay.ne.jp', 'PayPay'],
    ['x@paypay-card.co.jp', ''],
  ])('%s "%s" → null', (address, name) => {
    expect(claimOf(address, name)).toBeNull();
  });

  it.each([['www.paypalobjects.com'], ['paypal.me'], ['static.chasecdn.com'], ['www.aexp-static.com']])(
    'the brand hosts genuine mail links to are no look-alikes: %s',
    (host) => {
      expect(lookalikeOf(host)).toBeNull();
    },
  );
});
