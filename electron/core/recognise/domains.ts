/**
 * Domain helpers for sender identity. Alignment follows DMARC's relaxed mode (RFC 7489 §3.1): two domains
 * align when their organisational domains are equal. The organisational domain needs the public suffix list;
 * this carries the second-level suffixes of the countries whose senders the rules watch, which is enough to
 * keep "example.co.jp" and "amazon.co.jp" apart.
 */

const TWO_LEVEL_SUFFIXES = new Set([
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'go.jp',
  'ad.jp',
  'ed.jp',
  'gr.jp',
  'lg.jp',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'ltd.uk',
  'plc.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'com.br',
  'com.cn',
  'com.mx',
  'co.in',
  'co.kr',
  'com.sg',
  'com.tw',
  'com.hk',
  'com.tr',
  'co.za',
  'com.ar',
]);

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return (at === -1 ? address : address.slice(at + 1)).toLowerCase().replace(/\.$/, '');
}

export function orgDomain(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const last2 = labels.slice(-2).join('.');
  return labels.slice(TWO_LEVEL_SUFFIXES.has(last2) ? -3 : -2).join('.');
}

export function aligned(a: string, b: string): boolean {
  return orgDomain(a) === orgDomain(b);
}

/** True when `domain` is `base` or one of its subdomains ("gc.email.amazon.co.jp" under "amazon.co.jp"). */
export function isUnder(domain: string, base: string): boolean {
  const d = domain.toLowerCase();
  const b = base.toLowerCase();
  return d === b || d.endsWith(`.${b}`);
}

/**
 * Matches an address against a sender pattern: "auto-confirm@amazon.co.jp" (exact address),
 * "@gc.email.amazon.co.jp" (exact domain) or "amazon.co.jp" (the domain and its subdomains).
 */
export function senderMatches(address: string, pattern: string): boolean {
  const a = address.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.includes('@') && !p.startsWith('@')) return a === p;
  if (p.startsWith('@')) return domainOf(a) === p.slice(1);
  return isUnder(domainOf(a), p);
}
