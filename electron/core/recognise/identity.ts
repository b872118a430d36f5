/**
 * Who each watched vendor really is (the domains its mail comes from) and how impostors imitate it. Used by
 * authenticity to decide whether a mail claims a watched identity, and whether the claim holds.
 */
import { aligned, domainOf, isUnder } from './domains';

export interface VendorIdentity {
  readonly vendor: string;
  /** Domains the vendor's genuine mail is sent from (the domain and its subdomains). */
  readonly domains: readonly string[];
  /** Tokens a lookalike domain contains or bends ("amazon" in "amaz0n-secure.com"). */
  readonly brandTokens: readonly string[];
  /** Display names that claim the vendor, matched on the NFKC-normalised, lower-cased name. */
  readonly displayNames: RegExp;
  /**
   * The vendor's own infrastructure that carries its brand but sends no mail: image and bounce hosts such as
   * m.media-amazon.com appear in genuine mail and must not count as lookalikes.
   */
  readonly infraDomains?: readonly string[];
}

const AMAZON_INFRA = [
  'media-amazon.com',
  'ssl-images-amazon.com',
  'amazonaws.com',
  'amazonses.com',
  'amazontrust.com',
  'amazon.de',
  'amazon.co.uk',
  'amazon.fr',
  'amazon.it',
  'amazon.es',
  'amazon.ca',
  'amazon.com.au',
  'amazon.in',
];

export const IDENTITIES: readonly VendorIdentity[] = [
  {
    vendor: 'amazon.co.jp',
    // Amazon JP's help page lists these sending domains (mail-formats.md §1.1, [V] as quoted).
    domains: [
      'amazon.co.jp',
      'amazon.jp',
      'business.amazon.co.jp',
      'marketplace.amazon.co.jp',
      'gc.email.amazon.co.jp',
      'gc.amazon.co.jp',
      'payments.amazon.co.jp',
    ],
    brandTokens: ['amazon'],
    displayNames: /\bamazon(?:\.co\.jp|\s*japan)?\b|アマゾン/i,
    infraDomains: [...AMAZON_INFRA, 'amazon.com'],
  },
  {
    vendor: 'amazon.com',
    domains: ['amazon.com', 'email.amazon.com', 'gc.email.amazon.com', 'gift-cards.amazon.com'],
    brandTokens: ['amazon'],
    displayNames: /\bamazon(?:\.com)?\b/i,
    infraDomains: [...AMAZON_INFRA, 'amazon.co.jp'],
  },
  {
    vendor: 'rakuten-bank.co.jp',
    domains: ['rakuten-bank.co.jp'],
    brandTokens: ['rakuten-bank', 'rakutenbank'],
    displayNames: /楽天銀行|rakuten bank/i,
  },
  {
    vendor: 'sonybank.net',
    // Two sender generations: banking@sonybank.net (older) and banking@sonybank.jp (mail-formats.md §3.7 [V]).
    domains: ['sonybank.net', 'sonybank.jp'],
    brandTokens: ['sonybank'],
    displayNames: /ソニー銀行|sony bank/i,
  },
  {
    vendor: 'rakuten-card.co.jp',
    // Rakuten Card's phishing page lists its sending domains (mail-formats.md §3.1 [V]).
    domains: [
      'rakuten-card.co.jp',
      'mail.rakuten-card.co.jp',
      'bounce.rakuten-card.co.jp',
      'ad02clickmailer.jp',
    ],
    brandTokens: ['rakuten-card', 'rakutencard'],
    displayNames: /楽天カード|rakuten card/i,
  },
];

const BY_VENDOR = new Map(IDENTITIES.map((i) => [i.vendor, i]));

export function identityOf(vendor: string): VendorIdentity | undefined {
  return BY_VENDOR.get(vendor);
}

export function isVendorDomain(identity: VendorIdentity, domain: string): boolean {
  return identity.domains.some((d) => isUnder(domain, d));
}

/** Undo the character swaps phishers use (amaz0n, rakuten-c4rd) before comparing with a brand token. */
function unbend(s: string): string {
  return s
    .replace(/0/g, 'o')
    .replace(/[1!|]/g, 'l')
    .replace(/3/g, 'e')
    .replace(/4/g, 'a')
    .replace(/5/g, 's')
    .replace(/rn/g, 'm');
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export type Claim =
  | { type: 'genuine-domain'; identity: VendorIdentity; domain: string }
  | { type: 'lookalike-domain'; identity: VendorIdentity; domain: string }
  | { type: 'display-name'; identity: VendorIdentity; domain: string; name: string };

/**
 * Whose identity does a sender address claim? A vendor's own domain; a domain that bends a brand
 * ("amazon.co.jp.account-verify.net", "amaz0n-secure.com", "amazn.co.jp"); or a brand display name over an
 * unrelated address ('"Amazon.co.jp" <x@service.fivvi.cn>'), all seen in phishing (mail-formats.md §6).
 */
export function claimOf(address: string, displayName: string): Claim | null {
  const domain = domainOf(address);
  for (const identity of IDENTITIES) {
    if (isVendorDomain(identity, domain)) return { type: 'genuine-domain', identity, domain };
  }
  const lookalike = lookalikeOf(domain);
  if (lookalike) return { type: 'lookalike-domain', identity: lookalike, domain };
  const name = displayName.normalize('NFKC').toLowerCase();
  if (name) {
    for (const identity of IDENTITIES) {
      if (identity.displayNames.test(name))
        return { type: 'display-name', identity, domain, name: displayName };
    }
  }
  return null;
}

/** The vendor a (non-vendor) domain imitates, if any. */
export function lookalikeOf(domain: string): VendorIdentity | null {
  const d = domain.toLowerCase();
  for (const identity of IDENTITIES) {
    if (isVendorDomain(identity, d)) return null;
    if (identity.infraDomains?.some((i) => isUnder(d, i))) return null;
  }
  const bent = unbend(d);
  const labels = bent.split(/[.]/);
  const parts = bent.split(/[.-]/);
  for (const identity of IDENTITIES) {
    // A vendor domain used as a prefix of another domain: amazon.co.jp.account-verify.net.
    if (identity.domains.some((v) => d.startsWith(`${v}.`) || d.startsWith(`${v}-`))) return identity;
    for (const token of identity.brandTokens) {
      const compact = token.replace(/-/g, '');
      if (labels.some((l) => l.replace(/-/g, '').includes(compact))) return identity;
      if (parts.some((p) => p.length >= 4 && editDistanceAtMostOne(p, compact))) return identity;
    }
  }
  return null;
}

/** True when a link's host belongs to none of the vendor's domains but imitates one of them. */
export function linkImitates(identity: VendorIdentity, host: string): boolean {
  if (isVendorDomain(identity, host)) return false;
  const imitated = lookalikeOf(host);
  return imitated !== null && (imitated === identity || aligned(imitated.vendor, identity.vendor));
}

export { domainOf };
