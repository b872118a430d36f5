/**
 * Is a mail really from who it claims? We do not re-run SPF (an IMAP client has no SMTP peer to check) but read
 * the verdict the user's own provider recorded at delivery: the TOPMOST Authentication-Results header (RFC 8601),
 * and only when its authserv-id is a server we trust. Lower ARH headers were written before the last hop and
 * anyone can forge them (RFC 8601 §5: receivers must not trust ARH from outside their own ADMD).
 */
import type { Authenticity } from '../../../shared/domain';
import { aligned, domainOf, orgDomain } from './domains';
import {
  claimOf,
  IDENTITIES,
  isVendorDomain,
  linkImitates,
  type Claim,
  type VendorIdentity,
} from './identity';

export interface ArhResult {
  readonly method: string;
  readonly result: string;
  readonly props: Readonly<Record<string, string>>;
}

export interface Arh {
  /** Lower-cased authserv-id, or "" when the header has none (Microsoft's format). */
  readonly authservId: string;
  readonly results: readonly ArhResult[];
}

/** Removes RFC 5322 comments "(...)", nested, outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      if (depth === 0) out += c + value[i + 1];
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') {
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

function splitOutsideQuotes(value: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Parses one Authentication-Results header value (RFC 8601 §2.2). Never throws: bad input yields no results. */
export function parseArh(value: string): Arh {
  const parts = splitOutsideQuotes(stripComments(value).replace(/\s+/g, ' '), ';').map((p) => p.trim());
  let authservId = '';
  let first = 0;
  const head = parts[0] ?? '';
  if (!/=/.test(head)) {
    // authserv-id, optionally followed by a version number.
    authservId = (head.split(' ')[0] ?? '').toLowerCase();
    first = 1;
  }
  const results: ArhResult[] = [];
  for (const part of parts.slice(first)) {
    if (!part || part === 'none') continue;
    // The lookbehind starts a token only at a word's start: a long run without "=" is then scanned once, not
    // from each of its characters.
    const tokens = part.match(/(?<![^\s=])[^\s=]+\s*=\s*(?:"[^"]*"|[^\s]+)/g) ?? [];
    const [methodToken, ...rest] = tokens;
    if (!methodToken) continue;
    const [method = '', result = ''] = methodToken.split('=').map((s) => s.trim().toLowerCase());
    const props: Record<string, string> = {};
    for (const t of rest) {
      const eq = t.indexOf('=');
      const k = t.slice(0, eq).trim().toLowerCase();
      const v = t
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
      if (k && !(k in props)) props[k] = v;
    }
    results.push({ method: method.replace(/\/\d+$/, ''), result, props });
  }
  return { authservId, results };
}

/**
 * The topmost Authentication-Results, merged with the headers right below it that the same provider wrote.
 * iCloud writes one header per check (bimi.icloud.com, then dmarc.icloud.com, dkim-verifier.icloud.com…), so the
 * topmost alone may hold no verdict. The block ends at the first header from another organisation: everything
 * below it predates the final hop, and the provider strips forged headers in its own name (RFC 8601 §5).
 */
export function topmostBlock(values: readonly string[]): Arh {
  const first = parseArh(values[0] ?? '');
  if (!first.authservId) return first;
  const org = orgDomain(first.authservId);
  const results = [...first.results];
  for (const v of values.slice(1)) {
    const next = parseArh(v);
    if (!next.authservId || orgDomain(next.authservId) !== org) break;
    results.push(...next.results);
  }
  return { authservId: first.authservId, results };
}

/**
 * Servers whose Authentication-Results we believe in files (Google Takeout, saved .eml). For a configured IMAP
 * account its own host is added. Patterns, because large providers stamp per-host ids.
 */
export const BUILT_IN_TRUSTED_AUTHSERV: readonly RegExp[] = [
  /^mx\.google\.com$/,
  // Yahoo and AOL stamp per-host ids under yahoo.com that never end in "mail.yahoo.com":
  // atlas206.free.mail.ne1.yahoo.com, atlas-production.v2-mail-prod1-bf1.omega.yahoo.com, mta.yahoo.com.
  /^(?:[a-z0-9-]+\.)*yahoo\.com$/,
  /^(?:[a-z0-9-]+\.)*yahoo\.co\.jp$/,
  /^(?:[a-z0-9-]+\.)*icloud\.com$/,
  /^(?:[a-z0-9-]+\.)*me\.com$/,
  /^(?:[a-z0-9-]+\.)*messagingengine\.com$/,
  /^(?:[a-z0-9-]+\.)*protection\.outlook\.com$/,
  /^(?:[a-z0-9-]+\.)*outlook\.com$/,
];

export interface TrustPolicy {
  readonly patterns: readonly RegExp[];
  /** Exact authserv-ids added at run time (configured IMAP hosts). */
  readonly hosts: readonly string[];
  /**
   * Trust a topmost Authentication-Results that names no server. Exchange Online writes them that way
   * ("spf=pass (sender IP is …) smtp.mailfrom=…; dkim=pass …"), so this is on only for mail read from a
   * Microsoft mailbox, where the header on top can only be Microsoft's own.
   */
  readonly anonymous?: boolean;
}

export const DEFAULT_TRUST: TrustPolicy = { patterns: BUILT_IN_TRUSTED_AUTHSERV, hosts: [] };

export function isTrusted(policy: TrustPolicy, authservId: string): boolean {
  if (!authservId) return false;
  const id = authservId.toLowerCase();
  return policy.hosts.some((h) => h.toLowerCase() === id) || policy.patterns.some((p) => p.test(id));
}

export interface AuthInput {
  readonly fromAddress: string;
  readonly fromName: string;
  /** Authentication-Results values, topmost first. */
  readonly arh: readonly string[];
  readonly links: readonly string[];
}

export interface AuthOutcome extends Authenticity {
  readonly claim: Claim | null;
}

function hostOf(url: string): string | null {
  try {
    // "www.amazon.co.jp." (a fully qualified name) is the vendor's own host, not a lookalike of it.
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The verdict for one mail, with the reason in plain words. */
export function assessAuthenticity(
  input: AuthInput,
  trust: TrustPolicy = DEFAULT_TRUST,
  identities: readonly VendorIdentity[] = IDENTITIES,
): AuthOutcome {
  const claim = claimOf(input.fromAddress, input.fromName, identities);
  const fromDomain = domainOf(input.fromAddress);
  const vendor = claim?.identity.vendor;
  if (claim?.type === 'lookalike-domain') {
    return { claim, verdict: 'suspicious', reason: `sender domain ${fromDomain} imitates ${vendor}` };
  }
  if (claim?.type === 'display-name') {
    return {
      claim,
      verdict: 'suspicious',
      reason: `display name "${claim.name}" claims ${vendor} but the address is ${input.fromAddress}`,
    };
  }
  if (claim) {
    for (const link of input.links) {
      const host = hostOf(link);
      if (host && linkImitates(claim.identity, host, identities)) {
        return { claim, verdict: 'suspicious', reason: `a link goes to ${host}, which imitates ${vendor}` };
      }
    }
  }
  const top = input.arh[0];
  if (top === undefined) return { claim, verdict: 'unverified', reason: 'no Authentication-Results header' };
  const arh = topmostBlock(input.arh);
  if (!isTrusted(trust, arh.authservId) && !(arh.authservId === '' && trust.anonymous)) {
    return {
      claim,
      verdict: 'unverified',
      reason: arh.authservId
        ? `topmost Authentication-Results is from ${arh.authservId}, not a trusted server`
        : 'topmost Authentication-Results names no server',
    };
  }
  const by = `(${arh.authservId || 'the mailbox provider'})`;
  const dmarc = arh.results.find((r) => r.method === 'dmarc');
  const dmarcFrom = dmarc?.props['header.from'] ?? fromDomain;
  if (dmarc?.result === 'pass' && aligned(dmarcFrom, fromDomain)) {
    return { claim, ...genuineOrNot(claim, fromDomain, `dmarc=pass header.from=${dmarcFrom} ${by}`) };
  }
  if (dmarc && ['fail', 'quarantine', 'reject'].includes(dmarc.result)) {
    return { claim, verdict: 'suspicious', reason: `dmarc=${dmarc.result} header.from=${dmarcFrom} ${by}` };
  }
  const dkims = arh.results.filter((r) => r.method === 'dkim');
  const dkimPass = dkims.find((r) => {
    const d = r.props['header.d'] ?? domainOf(r.props['header.i'] ?? '');
    return r.result === 'pass' && d !== '' && aligned(d, fromDomain);
  });
  if (dkimPass) {
    const d = dkimPass.props['header.d'] ?? domainOf(dkimPass.props['header.i'] ?? '');
    return { claim, ...genuineOrNot(claim, fromDomain, `dkim=pass header.d=${d} ${by}`) };
  }
  const spf = arh.results.find((r) => r.method === 'spf');
  const dkimFailed = dkims.length === 0 || dkims.every((r) => r.result !== 'pass');
  if (claim && dkimFailed && spf && ['fail', 'softfail'].includes(spf.result)) {
    return {
      claim,
      verdict: 'suspicious',
      reason: `spf=${spf.result} smtp.mailfrom=${spf.props['smtp.mailfrom'] ?? '?'} and no valid DKIM signature ${by}`,
    };
  }
  const seen = arh.results.map((r) => `${r.method}=${r.result}`).join(' ') || 'no results';
  return { claim, verdict: 'unverified', reason: `${seen}, nothing aligned with ${fromDomain} ${by}` };
}

function genuineOrNot(claim: Claim | null, fromDomain: string, reason: string): Authenticity {
  // A pass proves the mail came from fromDomain; it is "verified" as the vendor only when that domain is the vendor's.
  if (claim?.type === 'genuine-domain' && isVendorDomain(claim.identity, fromDomain)) {
    return { verdict: 'verified', reason };
  }
  return { verdict: 'unverified', reason: `${reason}, but ${fromDomain} is not a watched sender` };
}
