/**
 * Compiles a user's rule (shared/userRules.ts) into the engine's Rule and the sender identity it watches. The
 * user writes plain text; it is escaped here, never evaluated as a pattern, so a rule cannot blow up the engine
 * with a catastrophic regular expression.
 */
import type { UserRule } from '../../../shared/userRules';
import { normalise, normaliseLine } from '../parse/normalise';
import { domainOf } from './domains';
import { escapeRe } from './extract';
import type { VendorIdentity } from './identity';
import type { FieldSource, Rule } from './rule';

export function userRuleId(id: string): string {
  return `user:${id}`;
}

export interface CompiledUserRule {
  readonly rule: Rule;
  readonly identity: VendorIdentity;
}

export function compileUserRule(r: UserRule & { id: string }): CompiledUserRule {
  const domain = domainOf(r.sender);
  const labels = (xs: readonly string[]): FieldSource[] | undefined =>
    xs.length > 0 ? [{ label: xs.map((x) => normalise(x).trim()) }] : undefined;
  const fields: Rule['fields'] = {};
  const amount = labels(r.amountLabels);
  const merchant = labels(r.merchantLabels);
  const date = labels(r.dateLabels);
  if (amount) Object.assign(fields, { amount });
  if (merchant) Object.assign(fields, { merchant });
  if (date) Object.assign(fields, { date });
  const rule: Rule = {
    id: userRuleId(r.id),
    vendor: domain,
    kind: r.kind,
    basis: `[user] written by the user: ${r.name}`,
    from: [r.sender],
    // Normalised as the engine normalises the subject it is matched against (mime.ts normSubject), blanks collapsed.
    ...(r.subjectContains ? { subject: [new RegExp(escapeRe(normaliseLine(r.subjectContains)))] } : {}),
    currency: r.currency,
    zone: r.timeZone,
    requireAmount: r.kind.startsWith('payment.'),
    fields,
  };
  const identity: VendorIdentity = {
    vendor: domain,
    domains: [domain],
    // No look-alike or display-name matching for a user's sender: we know too little about its brand to call
    // other mail an impersonation of it.
    brandTokens: [],
    displayNames: /(?!)/,
  };
  return { rule, identity };
}

/** Throws a plain-language error when the rule cannot work (an unknown time zone). */
export function checkUserRule(r: UserRule): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: r.timeZone });
  } catch {
    throw new Error(
      `unknown time zone ${r.timeZone}: use an IANA name such as Asia/Tokyo or America/New_York`,
    );
  }
}
