/**
 * Incident rules: which signals form an incident, of what kind and how severe. Pure; the store reconciles the
 * drafts with the incidents it already holds (reconcile.ts). Related events join one incident per
 * (kind, vendor) until the user dismisses it ("this was me"): the story's second wave of gift cards a month
 * later belongs to the same takeover, not to a new one.
 */
import type { IncidentKind, Link, Severity, Signal } from '../../../shared/domain';
import { ACCOUNT_KINDS, GIFTCARD_KINDS } from '../../../shared/domain';
import { signalTime } from '../../../shared/explain';
import { cmpId, isEvidence } from './links';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface IncidentDraft {
  readonly kind: IncidentKind;
  readonly vendor: string;
  readonly severity: Severity;
  readonly signalIds: readonly string[];
  readonly links: readonly Link[];
  /** Machine names of the rules that set the severity, for tests and the history log. */
  readonly because: readonly string[];
}

export interface DraftInput {
  readonly signals: readonly Signal[];
  readonly links: readonly Link[];
  /** Signals the user already judged ("this was me"): they open nothing again. */
  readonly excluded: ReadonlySet<string>;
}

/** How long after an account event gift-card activity still counts as "following" it. */
export const TAKEOVER_FOLLOW_MS = 30 * DAY;

/** Link rules that tie a purchase to the charge that paid for it (also the report's "charge" links). */
export const CHARGE_LINKS: ReadonlySet<string> = new Set(['same-amount', 'order-total']);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k) ?? [];
    list.push(it);
    m.set(k, list);
  }
  return m;
}

function giftcardDraft(
  vendor: string,
  gift: readonly Signal[],
  input: DraftInput,
  byId: Map<string, Signal>,
): IncidentDraft | null {
  if (!gift.some((s) => s.kind === 'giftcard.purchased' || s.kind === 'giftcard.opened')) return null;
  const ids = new Set(gift.map((s) => s.id));
  const links = input.links.filter((l) => ids.has(l.from) && (ids.has(l.to) || CHARGE_LINKS.has(l.rule)));
  const chargeIds = links
    .filter((l) => CHARGE_LINKS.has(l.rule) && !input.excluded.has(l.to) && byId.has(l.to))
    .map((l) => l.to);
  for (const c of chargeIds) ids.add(c);
  const because: string[] = [];
  if (chargeIds.length > 0) because.push('linked-charge');
  const purchases = gift
    .filter((s) => s.kind === 'giftcard.purchased')
    .sort((a, b) => signalTime(a) - signalTime(b));
  if (burst(purchases)) because.push('purchases-within-24h');
  if (rising(purchases)) because.push('rising-amounts');
  return {
    kind: 'giftcard_fraud',
    vendor,
    severity: because.length > 0 ? 'critical' : 'warning',
    signalIds: [...ids].sort(cmpId),
    links: links.filter((l) => ids.has(l.to)),
    because: because.length > 0 ? because : ['unacknowledged-purchase'],
  };
}

/**
 * Two or more gift-card purchases within 24 hours: people buy one gift card for a birthday; a thief buys several
 * at once (the story's ¥3,000, ¥10,000, ¥3,000 in seven minutes, and ¥20,000, ¥10,000, ¥20,000 a month later).
 */
const BURST_MS = 24 * HOUR;

function burst(purchases: readonly Signal[]): boolean {
  for (let i = 1; i < purchases.length; i++) {
    const a = purchases[i - 1];
    const b = purchases[i];
    if (a && b && signalTime(b) - signalTime(a) <= BURST_MS) return true;
  }
  return false;
}

/**
 * Rising amounts: three or more purchases, each at least the one before and the last above the first. Testing
 * a stolen account with a small card before buying big ones is the pattern card fraud teams call "ramping".
 */
function rising(purchases: readonly Signal[]): boolean {
  const amounts = purchases.map((p) => p.amount?.minor).filter((a): a is number => a !== undefined);
  if (amounts.length < 3) return false;
  return (
    amounts.every((a, i) => i === 0 || a >= (amounts[i - 1] ?? 0)) &&
    (amounts.at(-1) ?? 0) > (amounts[0] ?? 0)
  );
}

export function draftIncidents(input: DraftInput): IncidentDraft[] {
  const live = input.signals.filter((s) => !input.excluded.has(s.id));
  const byId = new Map(input.signals.map((s) => [s.id, s]));
  const evidence = live.filter(isEvidence);
  const drafts: IncidentDraft[] = [];

  // Gift-card fraud, per vendor. A cancellation joins when it cancels one of the gift-card orders.
  const giftOrders = new Set(
    evidence
      .filter((s) => s.kind === 'giftcard.purchased' && s.orderId)
      .map((s) => `${s.vendor}:${s.orderId}`),
  );
  const gift = evidence.filter(
    (s) =>
      GIFTCARD_KINDS.has(s.kind) ||
      (s.kind === 'order.cancelled' && giftOrders.has(`${s.vendor}:${s.orderId}`)),
  );
  const giftByVendor = groupBy(gift, (s) => s.vendor);
  for (const [vendor, signals] of giftByVendor) {
    const d = giftcardDraft(vendor, signals, input, byId);
    if (d) drafts.push(d);
  }

  // Account takeover, per vendor: critical when gift-card activity follows the account event.
  for (const [vendor, signals] of groupBy(
    evidence.filter((s) => ACCOUNT_KINDS.has(s.kind)),
    (s) => s.vendor,
  )) {
    const first = signals.reduce((t, s) => Math.min(t, signalTime(s)), Infinity);
    const followed = (giftByVendor.get(vendor) ?? []).some(
      (g) =>
        (g.kind === 'giftcard.purchased' || g.kind === 'giftcard.opened') &&
        signalTime(g) >= first &&
        signalTime(g) - first <= TAKEOVER_FOLLOW_MS,
    );
    drafts.push({
      kind: 'account_takeover',
      vendor,
      severity: followed ? 'critical' : 'warning',
      signalIds: signals.map((s) => s.id).sort(cmpId),
      links: [],
      because: [followed ? 'giftcard-activity-followed' : 'unacknowledged-account-event'],
    });
  }

  // Phishing, per imitated vendor.
  for (const [vendor, signals] of groupBy(
    live.filter((s) => s.kind === 'impersonation'),
    (s) => s.vendor,
  )) {
    drafts.push({
      kind: 'phishing',
      vendor,
      severity: 'info',
      signalIds: signals.map((s) => s.id).sort(cmpId),
      links: [],
      because: ['impersonation'],
    });
  }
  return drafts;
}
