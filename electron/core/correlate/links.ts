/**
 * Links between signals: the evidence that a gift card bought from the user's account is what their bank
 * charged. Pure and deterministic: the same signals in any order give the same links.
 */
import type { Link, Signal } from '../../../shared/domain';
import { describeLink, signalTime, type LinkRule } from '../../../shared/explain';
import { vendorInfo } from '../../../shared/vendors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface CorrelationWindow {
  /** How long before the gift-card mail a charge may arrive. */
  readonly chargeLeadMs: number;
  /** How long after the gift-card mail a charge may arrive. */
  readonly chargeLagMs: number;
  /** How long after a purchase the "opened" notice of the same card may come. */
  readonly openedWithinMs: number;
}

/**
 * Defaults. Debit-card notices (楽天銀行, Sony Bank WALLET, SBI) are sent at authorisation, within minutes of the
 * purchase; in the story the debit came "at once" after the opened notice. Card "速報" notices come within a
 * day, and settlement notices can trail by days, so the lag is 3 days. The lead of 2 hours covers a bank mail
 * that beats Amazon's own mail, and Date headers stamped by slow relays. A month-old purchase is outside the
 * window on purpose: what links it is the later "opened" notice, which is the moment of the charge.
 */
export const DEFAULT_WINDOW: CorrelationWindow = {
  chargeLeadMs: 2 * HOUR,
  chargeLagMs: 3 * DAY,
  openedWithinMs: 400 * DAY,
};

/** Counts as evidence: a suspicious mail never does (a phish can copy a genuine usage block). */
export function isEvidence(s: Signal): boolean {
  return s.authenticity.verdict !== 'suspicious';
}

const fold = (s: string): string =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-_*＊・,]/g, '');

/**
 * A charge's merchant is compatible with a vendor when it is absent (楽天銀行 prints none) or names the vendor
 * in one of the forms banks print: "AMAZON.CO.JP", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "AMAZON CO JP", "AMZN Mktp",
 * "Amazon Downloads", "アマゾン".
 */
export function merchantCompatible(merchant: string | null, vendor: string): boolean {
  if (merchant === null || merchant.trim() === '') return true;
  const descriptors = vendorInfo(vendor)?.merchantDescriptors ?? [];
  const m = fold(merchant);
  return descriptors.some((d) => m.includes(fold(d)));
}

function link(rule: LinkRule, from: Signal, to: Signal, confidence: number): Link {
  return {
    from: from.id,
    to: to.id,
    rule,
    confidence: Math.round(confidence * 100) / 100,
    reason: describeLink({ rule }, from, to, 'en'),
  };
}

/** Ids are decimal strings from the database: compare them as numbers so "9" sorts before "10". */
export const cmpId = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
const byTimeThenId = (a: Signal, b: Signal): number => timeOf(a) - timeOf(b) || cmpId(a.id, b.id);

/** Parsed once per signal object: Date.parse in the inner loops dominated correlation at a few thousand signals. */
const times = new WeakMap<Signal, number>();
function timeOf(s: Signal): number {
  let t = times.get(s);
  if (t === undefined) {
    t = signalTime(s);
    times.set(s, t);
  }
  return t;
}

export function linkSignals(signals: readonly Signal[], window: CorrelationWindow = DEFAULT_WINDOW): Link[] {
  const evidence = signals.filter(isEvidence);
  const giftEvents = evidence
    .filter((s) => (s.kind === 'giftcard.purchased' || s.kind === 'giftcard.opened') && s.amount !== null)
    .sort(byTimeThenId);
  const charges = evidence.filter((s) => s.kind === 'payment.charge' && s.amount !== null).sort(byTimeThenId);
  const links: Link[] = [];

  // same-amount: every (gift-card event, charge) pair that fits, matched greedily from the closest in time, so
  // each charge and each gift-card event is used at most once.
  const giftByAmount = new Map<string, Signal[]>();
  for (const g of giftEvents) {
    const key = `${g.amount?.currency}:${g.amount?.minor}`;
    const list = giftByAmount.get(key) ?? [];
    list.push(g);
    giftByAmount.set(key, list);
  }
  const pairs: { g: Signal; c: Signal; dt: number }[] = [];
  for (const c of charges) {
    const list = giftByAmount.get(`${c.amount?.currency}:${c.amount?.minor}`) ?? [];
    // The list is in time order: only the gift-card events inside the window around the charge are visited
    // (binary search for the window's start), so a mailbox with years of charges stays linear.
    const ct = timeOf(c);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeOf(list[mid] as Signal) < ct - window.chargeLagMs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) {
      const g = list[i] as Signal;
      const dt = ct - timeOf(g);
      if (dt < -window.chargeLeadMs) break;
      if (dt > window.chargeLagMs) continue;
      if (!merchantCompatible(c.merchant, g.vendor)) continue;
      pairs.push({ g, c, dt });
    }
  }
  pairs.sort(
    (a, b) =>
      Math.abs(a.dt) - Math.abs(b.dt) ||
      // On a tie the opened notice wins: in the story the charge followed the opening, not the purchase.
      (a.g.kind === 'giftcard.opened' ? -1 : 0) - (b.g.kind === 'giftcard.opened' ? -1 : 0) ||
      cmpId(a.c.id, b.c.id) ||
      cmpId(a.g.id, b.g.id),
  );
  const usedCharge = new Set<string>();
  const usedGift = new Set<string>();
  for (const { g, c, dt } of pairs) {
    if (usedCharge.has(c.id) || usedGift.has(g.id)) continue;
    usedCharge.add(c.id);
    usedGift.add(g.id);
    const named = c.merchant !== null && c.merchant.trim() !== '';
    const close = Math.abs(dt) <= 15 * MINUTE;
    links.push(link('same-amount', g, c, named ? (close ? 0.95 : 0.85) : close ? 0.8 : 0.65));
  }

  // order-total: a charge equal to the total of one order of several gift cards, linked to each card.
  const orders = new Map<string, Signal[]>();
  for (const g of giftEvents) {
    if (g.kind !== 'giftcard.purchased' || !g.orderId) continue;
    const list = orders.get(`${g.vendor}:${g.orderId}`) ?? [];
    list.push(g);
    orders.set(`${g.vendor}:${g.orderId}`, list);
  }
  for (const cards of orders.values()) {
    if (cards.length < 2) continue;
    const currency = cards[0]?.amount?.currency;
    if (!cards.every((g) => g.amount?.currency === currency)) continue;
    const total = cards.reduce((sum, g) => sum + (g.amount?.minor ?? 0), 0);
    const start = signalTime(cards[0] as Signal);
    const charge = charges.find((c) => {
      if (usedCharge.has(c.id) || !c.amount || c.amount.currency !== currency || c.amount.minor !== total)
        return false;
      const dt = signalTime(c) - start;
      return (
        dt >= -window.chargeLeadMs &&
        dt <= window.chargeLagMs &&
        merchantCompatible(c.merchant, cards[0]?.vendor ?? '')
      );
    });
    if (!charge) continue;
    usedCharge.add(charge.id);
    for (const g of cards) links.push(link('order-total', g, charge, 0.8));
  }

  // same-card: an "opened" notice and the earlier purchase of a card of the same amount from the same vendor.
  const purchases = giftEvents.filter((g) => g.kind === 'giftcard.purchased');
  const usedPurchase = new Set<string>();
  for (const o of giftEvents.filter((g) => g.kind === 'giftcard.opened')) {
    const candidates = purchases.filter((p) => {
      if (usedPurchase.has(p.id) || p.vendor !== o.vendor) return false;
      if (p.amount?.currency !== o.amount?.currency || p.amount?.minor !== o.amount?.minor) return false;
      if (p.orderId && o.orderId && p.orderId !== o.orderId) return false;
      const dt = signalTime(o) - signalTime(p);
      return dt >= 0 && dt <= window.openedWithinMs;
    });
    // The latest earlier purchase: cards are usually opened in the order they were sent.
    const p = candidates.at(-1);
    if (!p) continue;
    usedPurchase.add(p.id);
    links.push(link('same-card', p, o, p.orderId && p.orderId === o.orderId ? 0.95 : 0.75));
  }

  // same-order: a cancellation and the purchase it cancels.
  for (const x of evidence.filter((s) => s.kind === 'order.cancelled' && s.orderId)) {
    const p = purchases.find((g) => g.vendor === x.vendor && g.orderId === x.orderId);
    if (p) links.push(link('same-order', p, x, 1));
  }
  return links.sort((a, b) => cmpId(a.from, b.from) || cmpId(a.to, b.to));
}
