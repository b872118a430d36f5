/**
 * Server-side narrowing (issue 3): the backfill asks the server for the messages whose From could be a sender
 * the rules watch, so the bodies of everything else are never downloaded. IMAP SEARCH FROM is a substring
 * match on the From header, display name included (RFC 3501 §6.4.4), which suits us: "amazon" finds
 * auto-confirm@amazon.co.jp, the look-alike amazon.co.jp.account-verify.net and the display name "Amazon.co.jp"
 * over a foreign address alike. Non-ASCII tokens make imapflow send CHARSET UTF-8.
 */
import type { SearchObject } from 'imapflow';
import { IDENTITIES, type VendorIdentity } from '../../recognise/identity';
import type { Rule } from '../../recognise/rule';

/**
 * The shortest set of substrings covering every watched sender: "amazon" makes "amazon.co.jp" redundant, and
 * "JCB" makes "myjcb" redundant, since SEARCH matching is case-insensitive (RFC 3501 §6.4.4). Every token costs
 * the server a substring match per message: on Dovecot without a search index, ~35 ms per token per 100,000
 * messages (BENCHMARKS.md, benchmark 1).
 */
export function senderTokens(
  rules: readonly Rule[],
  identities: readonly VendorIdentity[] = IDENTITIES,
): string[] {
  const raw = new Set<string>();
  for (const id of identities) {
    for (const t of id.brandTokens) raw.add(t.toLowerCase());
    for (const d of id.domains) raw.add(d.toLowerCase());
    for (const t of id.searchTokens ?? []) raw.add(t);
  }
  for (const r of rules) {
    for (const f of r.from) raw.add(f.replace(/^@/, '').toLowerCase());
  }
  const sorted = [...raw].filter(Boolean).sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const t of sorted) {
    const lower = t.toLowerCase();
    if (!kept.some((k) => lower.includes(k.toLowerCase()))) kept.push(t);
  }
  return kept;
}

export function candidateQuery(tokens: readonly string[], extra: SearchObject = {}): SearchObject {
  const from: SearchObject =
    tokens.length === 1 ? { from: tokens[0] ?? '' } : { or: tokens.map((t) => ({ from: t })) };
  return { ...extra, ...from };
}
