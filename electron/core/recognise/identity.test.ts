import { describe, expect, it } from 'vitest';
import { claimOf, identityOf, IDENTITIES, isVendorDomain, linkImitates, lookalikeOf } from './identity';

/** "type:vendor:domain", or null: one comparable string per claim. */
function claim(address: string, name = ''): string | null {
  const c = claimOf(address, name);
  return c ? `${c.type}:${c.identity.vendor}:${c.domain}` : null;
}

describe('claimOf: genuine senders', () => {
  it.each([
    ['auto-confirm@amazon.co.jp', 'Amazon.co.jp', 'genuine-domain:amazon.co.jp:amazon.co.jp'],
    ['gc-orders@gc.email.amazon.co.jp', 'Amazon.co.jp', 'genuine-domain:amazon.co.jp:gc.email.amazon.co.jp'],
    ['x@m.marketplace.amazon.co.jp', '', 'genuine-domain:amazon.co.jp:m.marketplace.amazon.co.jp'],
    ['x@payments.amazon.co.jp', '', 'genuine-domain:amazon.co.jp:payments.amazon.co.jp'],
    ['x@amazon.jp', '', 'genuine-domain:amazon.co.jp:amazon.jp'],
    // case and a trailing root dot do not matter
    ['Auto-Confirm@AMAZON.CO.JP.', '', 'genuine-domain:amazon.co.jp:amazon.co.jp'],
    ['store-news@amazon.com', 'Amazon.com', 'genuine-domain:amazon.com:amazon.com'],
    ['gc-orders@gc.email.amazon.com', '', 'genuine-domain:amazon.com:gc.email.amazon.com'],
    // each marketplace is its own vendor (rules/amazon-intl.ts)
    ['x@amazon.de', '', 'genuine-domain:amazon.de:amazon.de'],
    ['x@amazon.co.uk', '', 'genuine-domain:amazon.co.uk:amazon.co.uk'],
    ['gc-orders@gc.email.amazon.co.uk', '', 'genuine-domain:amazon.co.uk:gc.email.amazon.co.uk'],
    ['do-not-reply@gift-cards.amazon.com.au', '', 'genuine-domain:amazon.com.au:gift-cards.amazon.com.au'],
    ['x@amazon.ca', '', 'genuine-domain:amazon.ca:amazon.ca'],
    // platforms (rules/platforms.ts)
    ['no_reply@email.apple.com', 'Apple', 'genuine-domain:apple.com:email.apple.com'],
    ['appleid@id.apple.com', 'Apple', 'genuine-domain:apple.com:id.apple.com'],
    ['googleplay-noreply@google.com', 'Google Play', 'genuine-domain:play.google.com:google.com'],
    ['noreply@steampowered.com', 'Steam', 'genuine-domain:steampowered.com:steampowered.com'],
    [
      'service@ac.rakuten-bank.co.jp',
      '楽天銀行株式会社',
      'genuine-domain:rakuten-bank.co.jp:ac.rakuten-bank.co.jp',
    ],
    ['banking@sonybank.jp', 'ソニー銀行', 'genuine-domain:sonybank.net:sonybank.jp'],
    ['banking@sonybank.net', '', 'genuine-domain:sonybank.net:sonybank.net'],
    [
      'info@mail.rakuten-card.co.jp',
      '楽天カード株式会社',
      'genuine-domain:rakuten-card.co.jp:mail.rakuten-card.co.jp',
    ],
    ['x@ad02clickmailer.jp', '', 'genuine-domain:rakuten-card.co.jp:ad02clickmailer.jp'],
  ])('%s "%s" → %s', (address, name, expected) => {
    expect(claim(address, name)).toBe(expected);
  });

  it('returns the identity object itself, usable with isVendorDomain', () => {
    const c = claimOf('gc-orders@gc.email.amazon.co.jp', '');
    expect(c?.identity).toBe(identityOf('amazon.co.jp'));
    expect(c && isVendorDomain(c.identity, 'gc.email.amazon.co.jp')).toBe(true);
  });
});

describe('claimOf: lookalike domains', () => {
  it.each([
    // a vendor domain used as the prefix of another (mail-formats.md §1.5, §6)
    [
      'account-update@amazon.co.jp.account-verify.net',
      'lookalike-domain:amazon.co.jp:amazon.co.jp.account-verify.net',
    ],
    ['x@www.amazon.co.jp.abc123.info', 'lookalike-domain:amazon.co.jp:www.amazon.co.jp.abc123.info'],
    ['x@amazon.co.jp-secure.info', 'lookalike-domain:amazon.co.jp:amazon.co.jp-secure.info'],
    ['easmv@amazon.server.co.jp', 'lookalike-domain:amazon.co.jp:amazon.server.co.jp'],
    // bent characters and typos
    ['x@amaz0n-secure.com', 'lookalike-domain:amazon.co.jp:amaz0n-secure.com'],
    ['x@amazn.co.jp', 'lookalike-domain:amazon.co.jp:amazn.co.jp'],
    ['x@amazom.co.jp', 'lookalike-domain:amazon.co.jp:amazom.co.jp'],
    ['x@arnazon.co.jp', 'lookalike-domain:amazon.co.jp:arnazon.co.jp'],
    // the brand inside another name
    ['secure@amazon-verification.com', 'lookalike-domain:amazon.co.jp:amazon-verification.com'],
    ['x@amazonjp.com', 'lookalike-domain:amazon.co.jp:amazonjp.com'],
    // other watched vendors
    ['x@rakuten-bank.co.jp.evil.net', 'lookalike-domain:rakuten-bank.co.jp:rakuten-bank.co.jp.evil.net'],
    ['x@rakutenbank-info.com', 'lookalike-domain:rakuten-bank.co.jp:rakutenbank-info.com'],
    ['x@sony-bank.jp', 'lookalike-domain:sonybank.net:sony-bank.jp'],
    ['x@sonybank-jp.com', 'lookalike-domain:sonybank.net:sonybank-jp.com'],
    ['x@rakuten-c4rd.co.jp', 'lookalike-domain:rakuten-card.co.jp:rakuten-c4rd.co.jp'],
  ])('%s → %s', (address, expected) => {
    expect(claim(address)).toBe(expected);
  });

  it('calls a lookalike a lookalike whatever the display name says', () => {
    expect(claim('x@amaz0n-secure.com', 'Amazon.co.jp')).toBe(
      'lookalike-domain:amazon.co.jp:amaz0n-secure.com',
    );
  });
});

describe('claimOf: platform look-alikes', () => {
  it.each([
    ['x@appleid-verify.com', 'lookalike-domain:apple.com:appleid-verify.com'],
    ['x@apple-support-center.com', 'lookalike-domain:apple.com:apple-support-center.com'],
    ['x@apple.com-secure.info', 'lookalike-domain:apple.com:apple.com-secure.info'],
    ['x@googleplay-billing.com', 'lookalike-domain:play.google.com:googleplay-billing.com'],
    ['x@g00gleplay.com', 'lookalike-domain:play.google.com:g00gleplay.com'],
    ['x@steamcommunnity.com', 'lookalike-domain:steampowered.com:steamcommunnity.com'],
    ['x@steampovered.com', 'lookalike-domain:steampowered.com:steampovered.com'],
    ['x@steamcommunity.com.ru', 'lookalike-domain:steampowered.com:steamcommunity.com.ru'],
  ])('%s → %s', (address, expected) => {
    expect(claim(address)).toBe(expected);
  });

  it.each([
    // short brand words inside ordinary names: "apple" in pineapple, "cloud"/"icloud", "team"/"stream" vs "steam"
    ['x@pineapple.com', ''],
    ['x@snapple.com', ''],
    ['x@apply.workable.com', ''],
    ['x@ample.com', ''],
    ['x@icloud.com', 'Jane Doe'],
    ['x@me.com', ''],
    ['x@cloud.example.com', ''],
    ['x@googlemail.com', 'John'],
    ['x@googlegroups.com', ''],
    ['x@team.example.com', ''],
    ['x@stream.io', ''],
    // the platforms' own hosts
    ['x@steamcommunity.com', ''],
    ['x@steamstatic.com', ''],
    ['x@mzstatic.com', ''],
    // display names that only contain a brand word
    ['x@example.com', 'Apple Valley Dental'],
    ['x@example.com', 'Big Apple Pizza'],
    ['x@example.com', 'Steamboat Willie'],
    ['x@example.com', 'Google'],
  ])('%s "%s" → null', (address, name) => {
    expect(claimOf(address, name)).toBeNull();
  });
});

describe('claimOf: brand display names over foreign addresses', () => {
  it.each([
    ['x@service.fivvi.cn', 'Amazon.co.jp', 'display-name:amazon.co.jp:service.fivvi.cn'],
    ['x@service.fivvi.cn', 'Amazon', 'display-name:amazon.co.jp:service.fivvi.cn'],
    ['x@service.fivvi.cn', 'Ａｍａｚｏｎ', 'display-name:amazon.co.jp:service.fivvi.cn'],
    ['x@service.fivvi.cn', 'アマゾン', 'display-name:amazon.co.jp:service.fivvi.cn'],
    ['x@service.fivvi.cn', 'Amazon Japan', 'display-name:amazon.co.jp:service.fivvi.cn'],
    // a marketplace's own name claims that marketplace, not amazon.co.jp
    ['x@example.com', 'Amazon.com', 'display-name:amazon.com:example.com'],
    ['x@example.com', 'Amazon.com.au', 'display-name:amazon.com.au:example.com'],
    ['x@example.com', 'Amazon.de', 'display-name:amazon.de:example.com'],
    ['x@example.com', 'Amazon.co.uk', 'display-name:amazon.co.uk:example.com'],
    ['x@example.com', 'Apple', 'display-name:apple.com:example.com'],
    ['x@example.com', 'Apple Support', 'display-name:apple.com:example.com'],
    ['x@example.com', 'App Store', 'display-name:apple.com:example.com'],
    ['x@example.com', 'Google Play', 'display-name:play.google.com:example.com'],
    ['x@example.com', 'Steam Support', 'display-name:steampowered.com:example.com'],
    ['no-reply@rakuten.co.jp', '楽天カード株式会社', 'display-name:rakuten-card.co.jp:rakuten.co.jp'],
    ['x@example.com', 'Rakuten Card Center', 'display-name:rakuten-card.co.jp:example.com'],
    ['x@example.com', '楽天銀行', 'display-name:rakuten-bank.co.jp:example.com'],
    ['x@example.com', 'Sony Bank WALLET', 'display-name:sonybank.net:example.com'],
  ])('%s "%s" → %s', (address, name, expected) => {
    expect(claim(address, name)).toBe(expected);
  });

  it('keeps the display name as written', () => {
    const c = claimOf('x@service.fivvi.cn', 'Ａｍａｚｏｎ');
    expect(c?.type === 'display-name' ? c.name : null).toBe('Ａｍａｚｏｎ');
  });
});

describe('claimOf: senders that claim nothing', () => {
  it.each([
    // the vendor's own image and bounce hosts carry the brand but are not lookalikes
    ['noreply@m.media-amazon.com', ''],
    ['bounce@amazonses.com', ''],
    ['a@email.amazonses.com', ''],
    ['x@ses.amazonaws.com', ''],
    // unrelated senders and ordinary people
    ['x@example.com', ''],
    ['taro@example.com', '山田 太郎'],
    ['x@gmail.com', 'Tomoko Amazonas'],
    ['x@gmail.com', 'amazonian fan'],
    ['x@canon.jp', ''],
    ['x@amazing.com', ''],
    ['x@zon.com', ''],
    ['x@mkrm.rakuten.co.jp', ''],
    ['x@example.com', '楽天市場'],
    ['x@example.com', 'Prime Video'],
  ])('%s "%s" → null', (address, name) => {
    expect(claimOf(address, name)).toBeNull();
  });
});

describe('lookalikeOf', () => {
  it.each([
    ['amazon.co.jp', null],
    ['smile.amazon.co.jp', null],
    ['images-fe.ssl-images-amazon.com', null],
    ['example.com', null],
    ['amaz0n-login.com', 'amazon.co.jp'],
    ['amazon-jp.net', 'amazon.co.jp'],
    ['rakuten-card.co.jp.evil.example', 'rakuten-card.co.jp'],
    ['SONYBANK-login.COM', 'sonybank.net'],
  ])('%s → %s', (domain, vendor) => {
    expect(lookalikeOf(domain)?.vendor ?? null).toBe(vendor);
  });
});

describe('linkImitates', () => {
  const amazon = identityOf('amazon.co.jp');
  const rakutenBank = identityOf('rakuten-bank.co.jp');

  it.each([
    ['www.amazon.co.jp', false],
    ['amazon.co.jp', false],
    ['m.media-amazon.com', false],
    ['amazon.com', false],
    ['example.com', false],
    ['www.amazon.co.jp.abc123.info', true],
    ['amaz0n-login.com', true],
    ['amazon-jp.net', true],
  ])('amazon.co.jp, link host %s → %s', (host, imitates) => {
    expect(amazon && linkImitates(amazon, host)).toBe(imitates);
  });

  it('never calls one Amazon marketplace, or Amazon’s infrastructure, a look-alike of another', () => {
    const family = IDENTITIES.filter((i) => i.brandTokens.includes('amazon'));
    const hosts = [
      ...family.map((i) => `www.${i.vendor}`),
      'amazon.in',
      'm.media-amazon.com',
      'images-fe.ssl-images-amazon.com',
    ];
    const imitations = family.flatMap((i) =>
      hosts.filter((h) => linkImitates(i, h)).map((h) => `${i.vendor}: ${h}`),
    );
    expect(family).toHaveLength(9);
    expect(imitations).toEqual([]);
  });

  it('only counts an imitation of the same vendor', () => {
    expect(rakutenBank && linkImitates(rakutenBank, 'rakuten-bank.co.jp.evil.net')).toBe(true);
    expect(rakutenBank && linkImitates(rakutenBank, 'amaz0n.com')).toBe(false);
  });
});

describe('identityOf', () => {
  it('knows every watched vendor and nothing else', () => {
    expect(IDENTITIES.map((i) => i.vendor)).toEqual([
      'amazon.co.jp',
      'amazon.com',
      'amazon.co.uk',
      'amazon.de',
      'amazon.fr',
      'amazon.it',
      'amazon.es',
      'amazon.ca',
      'amazon.com.au',
      'apple.com',
      'play.google.com',
      'steampowered.com',
      'rakuten-bank.co.jp',
      'sonybank.net',
      'rakuten-card.co.jp',
      'bk.mufg.jp',
      'netbk.co.jp',
      'paypay-bank.co.jp',
      'jp-bank.japanpost.jp',
      'smbc-card.com',
      'jcb.co.jp',
      'viewsnet.jp',
      'aeon.co.jp',
      'chase.com',
      'americanexpress.com',
      'wellsfargo.com',
      'capitalone.com',
      'paypal.com',
    ]);
    for (const i of IDENTITIES) expect(identityOf(i.vendor)).toBe(i);
    expect(identityOf('example.com')).toBeUndefined();
  });
});

describe('look-alikes of one marketplace among several', () => {
  it.each([
    ['amazon.com.evil.info', 'amazon.com'],
    ['amazon.co.jp.evil.info', 'amazon.co.jp'],
    ['amazon.de-konto.example', 'amazon.de'],
  ])('%s imitates %s (the longest own domain it starts with)', (domain, vendor) => {
    expect(lookalikeOf(domain)?.vendor).toBe(vendor);
  });

  it('flags a link to any Amazon look-alike in mail that claims another Amazon marketplace', () => {
    const com = identityOf('amazon.com');
    expect(com && linkImitates(com, 'www.amazon.co.jp.evil.info')).toBe(true);
    expect(com && linkImitates(com, 'www.amazon.com')).toBe(false);
  });
});
