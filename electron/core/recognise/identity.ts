/**
 * Who each watched vendor really is (the domains its mail comes from) and how impostors imitate it. Used by
 * authenticity to decide whether a mail claims a watched identity, and whether the claim holds.
 */
import { aligned, domainOf, isUnder } from './domains';
import { BUILT_IN_IDENTITIES } from './rules';

export interface VendorIdentity {
  readonly vendor: string;
  /** Domains the vendor's genuine mail is sent from (the domain and its subdomains). */
  readonly domains: readonly string[];
  /** Tokens a lookalike domain contains or bends ("amazon" in "amaz0n-secure.com"). */
  readonly brandTokens: readonly string[];
  /**
   * Short brand words that count only as a whole part of a domain ("chase" in "chase-alerts.com" or
   * "secure.chase.example", after undoing digit swaps), never inside another word: "purchase" is not Chase,
   * "paypay" is not PayPal, "muff" is not MUFG.
   */
  readonly brandWords?: readonly string[];
  /** Display names that claim the vendor, matched on the NFKC-normalised, lower-cased name. */
  readonly displayNames: RegExp;
  /**
   * The vendor's own infrastructure that carries its brand but sends no mail: image and bounce hosts such as
   * m.media-amazon.com appear in genuine mail and must not count as lookalikes.
   */
  readonly infraDomains?: readonly string[];
  /**
   * Extra words for the server-side search (IMAP SEARCH FROM is a substring match on the From header, display
   * name included): non-ASCII display names such as "楽天" that the domains do not cover.
   */
  readonly searchTokens?: readonly string[];
}

/** Every built-in vendor's identity, gathered from the rule packs (one file per sender family under rules/). */
export const IDENTITIES: readonly VendorIdentity[] = BUILT_IN_IDENTITIES;

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
export function claimOf(
  address: string,
  displayName: string,
  identities: readonly VendorIdentity[] = IDENTITIES,
): Claim | null {
  const domain = domainOf(address);
  const idx = indexOf(identities);
  const genuine = genuineOf(idx, domain.toLowerCase());
  if (genuine) return { type: 'genuine-domain', identity: genuine, domain };
  const lookalike = lookalikeOf(domain, identities);
  if (lookalike) return { type: 'lookalike-domain', identity: lookalike, domain };
  const name = displayName.normalize('NFKC').toLowerCase();
  if (name) {
    for (const identity of identities) {
      if (identity.displayNames.test(name))
        return { type: 'display-name', identity, domain, name: displayName };
    }
  }
  return null;
}

/**
 * The identities' domains and brand tokens, prepared once per identity list. claimOf runs on the From of every
 * mail of a 100,000-mail import (header triage): comparing each domain with every vendor's ~200 domains, one
 * lower-casing and template string at a time, was half of the triage's time (BENCHMARKS.md, recognition).
 */
interface IdentityIndex {
  readonly identities: readonly VendorIdentity[];
  /** A genuine domain (lower case) → the position of the first identity that lists it. */
  readonly genuine: ReadonlyMap<string, number>;
  readonly infra: ReadonlySet<string>;
  /** Every genuine domain with its identity, in the identities' order. */
  readonly domains: readonly { readonly domain: string; readonly identity: VendorIdentity }[];
  readonly brands: readonly {
    readonly identity: VendorIdentity;
    readonly compact: readonly string[];
    readonly words: readonly string[];
  }[];
}

const INDEXES = new WeakMap<readonly VendorIdentity[], IdentityIndex>();

function indexOf(identities: readonly VendorIdentity[]): IdentityIndex {
  const known = INDEXES.get(identities);
  if (known) return known;
  const genuine = new Map<string, number>();
  const infra = new Set<string>();
  const domains: { domain: string; identity: VendorIdentity }[] = [];
  for (const [i, identity] of identities.entries()) {
    for (const raw of identity.domains) {
      const domain = raw.toLowerCase();
      if (!genuine.has(domain)) genuine.set(domain, i);
      domains.push({ domain, identity });
    }
    for (const d of identity.infraDomains ?? []) infra.add(d.toLowerCase());
  }
  const brands = identities.map((identity) => ({
    identity,
    compact: identity.brandTokens.map((t) => t.replace(/-/g, '')),
    words: (identity.brandWords ?? []).map((w) => w.toLowerCase()),
  }));
  const idx: IdentityIndex = { identities, genuine, infra, domains, brands };
  INDEXES.set(identities, idx);
  return idx;
}

/** "a.b.c" → "a.b.c", "b.c", "c": the domains that a.b.c is equal to or under (domains.ts isUnder). */
function suffixes(d: string): string[] {
  const out = [d];
  for (let i = d.indexOf('.'); i !== -1; i = d.indexOf('.', i + 1)) out.push(d.slice(i + 1));
  return out;
}

/** The first identity (in list order) one of whose domains the lower-case domain is or is under. */
function genuineOf(idx: IdentityIndex, d: string): VendorIdentity | null {
  let best = -1;
  for (const s of suffixes(d)) {
    const i = idx.genuine.get(s);
    if (i !== undefined && (best === -1 || i < best)) best = i;
  }
  return best === -1 ? null : (idx.identities[best] ?? null);
}

/** The vendor a (non-vendor) domain imitates, if any. */
export function lookalikeOf(
  domain: string,
  identities: readonly VendorIdentity[] = IDENTITIES,
): VendorIdentity | null {
  const idx = indexOf(identities);
  const d = domain.toLowerCase();
  if (genuineOf(idx, d) !== null) return null;
  if (suffixes(d).some((s) => idx.infra.has(s))) return null;
  // First the most specific evidence, across every vendor: one of its own domains used as the start of another
  // domain (amazon.com.evil.info imitates amazon.com, not amazon.co.jp, though both are "amazon").
  let prefixed: VendorIdentity | null = null;
  let longest = 0;
  for (const { domain: v, identity } of idx.domains) {
    const next = d[v.length];
    if ((next === '.' || next === '-') && v.length > longest && d.startsWith(v)) {
      prefixed = identity;
      longest = v.length;
    }
  }
  if (prefixed) return prefixed;
  const bent = unbend(d);
  const labels = bent.split(/[.]/).map((l) => l.replace(/-/g, ''));
  const parts = bent.split(/[.-]/);
  const longParts = parts.filter((p) => p.length >= 4);
  for (const { identity, compact, words } of idx.brands) {
    for (const token of compact) {
      if (labels.some((l) => l.includes(token))) return identity;
      if (longParts.some((p) => editDistanceAtMostOne(p, token))) return identity;
    }
    for (const word of words) {
      if (parts.includes(word)) return identity;
    }
  }
  return null;
}

/** True when a link's host belongs to none of the vendor's domains but imitates one of them. */
export function linkImitates(
  identity: VendorIdentity,
  host: string,
  identities: readonly VendorIdentity[] = IDENTITIES,
): boolean {
  if (isVendorDomain(identity, host)) return false;
  const imitated = lookalikeOf(host, identities);
  if (imitated === null) return false;
  // Vendors that share a brand (the Amazon marketplaces) are one family: a look-alike of any is a look-alike.
  const family = imitated.brandTokens.some((t) => identity.brandTokens.includes(t));
  return imitated === identity || family || aligned(imitated.vendor, identity.vendor);
}
