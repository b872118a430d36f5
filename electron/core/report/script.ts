/**
 * What to tell support, in Japanese or English, built from the incident's mails: the story's victim had to piece
 * the dates, amounts and order numbers together on the phone, a month late. One part per addressee: the shop
 * whose account was used, then each bank or card issuer that charged for it.
 */
import type { Incident, Link, Locale, Signal } from '../../../shared/domain';
import { signalTime } from '../../../shared/explain';
import { formatAmount } from '../../../shared/money';
import { vendorInfo, vendorName } from '../../../shared/vendors';

export interface ScriptPart {
  /** Who to say it to: "Amazon.co.jp", "楽天銀行". */
  readonly to: string;
  readonly vendor: string;
  readonly text: string;
}

export interface ScriptInput {
  readonly incident: Pick<Incident, 'kind' | 'vendor'>;
  /** The incident's signals. */
  readonly signals: readonly Signal[];
  readonly links: readonly Pick<Link, 'from' | 'to' | 'rule'>[];
  /** When the user changed the password after this incident (a playbook step or a rotation), if they did. */
  readonly passwordChangedAt?: string | null;
}

/** "I changed my password on 22 May 2026 at 22:05." when the playbook recorded it. */
function passwordSentence(input: ScriptInput, locale: Locale): string[] {
  const at = input.passwordChangedAt;
  if (!at) return [];
  return [
    locale === 'ja'
      ? `パスワードは${dateText(at, locale)} ${local(at).hm}に変更済みです。`
      : `I changed my password on ${dateText(at, locale)} at ${local(at).hm}.`,
  ];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The mail's own local date and time, read from its ISO string (never converted to this machine's zone). */
function local(iso: string): { day: string; y: number; m: number; d: number; hm: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso);
  if (!m) return { day: iso.slice(0, 10), y: 0, m: 0, d: 0, hm: '' };
  const [, y = '0', mo = '0', d = '0', hm = ''] = m;
  return { day: `${y}-${mo}-${d}`, y: Number(y), m: Number(mo), d: Number(d), hm };
}

/** "21 April 2026" / "2026年4月21日". */
export function dateText(iso: string, locale: Locale): string {
  const t = local(iso);
  if (t.y === 0) return t.day;
  return locale === 'ja' ? `${t.y}年${t.m}月${t.d}日` : `${t.d} ${MONTHS[t.m - 1] ?? t.m} ${t.y}`;
}

/** "a, b and c" / "a、b、c". */
export function listText(items: readonly string[], locale: Locale): string {
  if (locale === 'ja') return items.join('、');
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "three" up to ten, then digits, as English style guides write counts in prose. */
export const count = (n: number): string => WORDS[n] ?? String(n);
const amountOf = (s: Signal | undefined, locale: Locale): string =>
  s?.amount ? formatAmount(s.amount, locale) : '';
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const byTime = (a: Signal, b: Signal): number => signalTime(a) - signalTime(b) || Number(a.id) - Number(b.id);

/** The bank or card issuer, and how it took the money: "Rakuten Bank debited" / "楽天銀行から…が引き落とされ". */
function charged(c: Signal, locale: Locale): string {
  const name = vendorName(c.vendor, locale);
  const card = vendorInfo(c.vendor)?.role === 'card';
  const amount = amountOf(c, locale);
  if (locale === 'ja')
    return card ? `${name}で${amount}が請求されました` : `${name}から${amount}が引き落とされました`;
  return card ? `${name} charged ${amount} to my card` : `${name} debited ${amount}`;
}

function giftcardScript(input: ScriptInput, locale: Locale): ScriptPart[] {
  const ja = locale === 'ja';
  const shop = vendorName(input.incident.vendor, locale);
  const signals = [...input.signals].sort(byTime);
  const byId = new Map(signals.map((s) => [s.id, s]));
  const purchases = signals.filter((s) => s.kind === 'giftcard.purchased');
  const cancelled = uniq(
    signals.filter((s) => s.kind === 'order.cancelled' && s.orderId).map((s) => s.orderId ?? ''),
  );
  const used = signals.filter((s) => s.kind === 'giftcard.opened' || s.kind === 'giftcard.redeemed');
  const chargeLinks = input.links
    .filter((l) => l.rule === 'same-amount' || l.rule === 'order-total')
    .map((l) => ({ g: byId.get(l.from), c: byId.get(l.to) }))
    .filter((x): x is { g: Signal; c: Signal } => x.g !== undefined && x.c !== undefined)
    .sort((a, b) => byTime(a.c, b.c));
  // A card opened later is the purchase it came from: same order, or linked as the same card.
  const purchaseOf = (g: Signal): Signal | undefined => {
    if (g.kind === 'giftcard.purchased') return g;
    const l = input.links.find((x) => x.rule === 'same-card' && x.to === g.id);
    return (l && byId.get(l.from)) ?? purchases.find((p) => g.orderId !== null && p.orderId === g.orderId);
  };
  const orderOf = (g: Signal): string | null => g.orderId ?? purchaseOf(g)?.orderId ?? null;

  const parts: string[] = [];
  parts.push(
    ja
      ? `${shop}のアカウントが第三者に不正に使われた件でご連絡しました。`
      : `I am contacting you because my ${shop} account was used without my permission.`,
  );
  const days = new Map<string, Signal[]>();
  for (const p of purchases)
    days.set(local(p.occurredAt).day, [...(days.get(local(p.occurredAt).day) ?? []), p]);
  let nth = 0;
  for (const group of days.values()) {
    const first = group[0];
    if (!first) continue;
    const again = nth++ > 0;
    const date = dateText(first.occurredAt, locale);
    const amounts = listText(
      group.map((p) => amountOf(p, locale)).filter((a) => a !== ''),
      locale,
    );
    const orders = uniq(group.map((p) => p.orderId).filter((o): o is string => o !== null));
    const detail = ja
      ? [amounts && `金額 ${amounts}`, orders.length > 0 && `注文番号 ${orders.join('、')}`]
          .filter(Boolean)
          .join('／')
      : [
          amounts,
          orders.length > 0 && `${plural(orders.length, 'order', 'orders')} ${listText(orders, locale)}`,
        ]
          .filter(Boolean)
          .join('; ');
    const paren = detail === '' ? '' : ja ? `（${detail}）` : ` (${detail})`;
    const n = group.length;
    parts.push(
      ja
        ? again
          ? `${date}にも、${shop}のギフトカードが${n}件${paren}購入されました。`
          : `${date}、私のアカウントで身に覚えのない${shop}のギフトカードが${n}件${paren}購入されました。`
        : again
          ? `On ${date}, ${count(n)} more${paren} ${plural(n, 'was', 'were')} bought.`
          : `On ${date}, ${n === 1 ? (/^[aeiou]/i.test(shop) ? 'an' : 'a') : count(n)} ${shop} gift ${plural(n, 'card', 'cards')}${paren} ${plural(n, 'was', 'were')} bought from my account without my permission.`,
    );
  }
  if (cancelled.length > 0) {
    parts.push(
      ja
        ? `注文番号 ${cancelled.join('、')} はその後キャンセルされました。`
        : `${plural(cancelled.length, 'Order', 'Orders')} ${listText(cancelled, locale)} ${plural(cancelled.length, 'was', 'were')} cancelled afterwards.`,
    );
  }
  const told = new Set<Signal>();
  for (const g of used) {
    const t = local(g.occurredAt);
    const order = orderOf(g);
    const what = g.kind === 'giftcard.opened' ? (ja ? '開封され' : 'opened') : ja ? '使われ' : 'redeemed';
    const card = ja
      ? `${order ? `注文番号 ${order} の` : ''}${amountOf(g, locale)}のギフトカードが${what}`
      : `the ${amountOf(g, locale)} card${order ? ` of order ${order}` : ''} was ${what}`;
    const charges = chargeLinks.filter((x) => x.g === g).map((x) => x.c);
    const then = charges.map((c) => {
      told.add(c);
      const ct = local(c.occurredAt);
      const when =
        ct.day === t.day
          ? ja
            ? `${ct.hm}に`
            : `at ${ct.hm}`
          : ja
            ? `${dateText(c.occurredAt, locale)} ${ct.hm}に`
            : `on ${dateText(c.occurredAt, locale)} at ${ct.hm}`;
      return ja ? `${when}${charged(c, locale)}` : `${when} ${charged(c, locale)}`;
    });
    parts.push(
      ja
        ? `${dateText(g.occurredAt, locale)} ${t.hm}、${card}${then.length > 0 ? `、${then.join('。また')}` : 'ました'}。`
        : `On ${dateText(g.occurredAt, locale)} at ${t.hm} ${card}${then.length > 0 ? `, and ${listText(then, locale)}` : ''}.`,
    );
  }
  for (const { g, c } of chargeLinks) {
    if (told.has(c)) continue;
    told.add(c);
    const order = orderOf(g);
    const ct = local(c.occurredAt);
    parts.push(
      ja
        ? `${dateText(c.occurredAt, locale)} ${ct.hm}に、${order ? `注文番号 ${order} の` : ''}ギフトカードの代金として${charged(c, locale)}。`
        : `On ${dateText(c.occurredAt, locale)} at ${ct.hm} ${charged(c, locale)} for the gift card${order ? ` of order ${order}` : ''}.`,
    );
  }
  const recipients = uniq(purchases.map((p) => p.recipient).filter((r): r is string => r !== null));
  if (recipients.length > 0) {
    parts.push(
      ja
        ? `ギフトカードの送信先（${recipients.join('、')}）に心当たりはありません。`
        : `The cards were sent to ${listText(recipients, locale)}, whom I do not know.`,
    );
  }
  const usedOrders = new Set(used.map(orderOf).filter((o): o is string => o !== null));
  const remaining = uniq(
    purchases
      .filter((p) => !used.some((u) => purchaseOf(u) === p))
      .map((p) => p.orderId)
      .filter((o): o is string => o !== null && !cancelled.includes(o) && !usedOrders.has(o)),
  );
  parts.push(...passwordSentence(input, locale));
  if (ja) {
    parts.push(
      remaining.length > 0
        ? `これらは私の購入ではありません。まだ使われていないギフトカード（注文番号 ${remaining.join('、')}）の取り消しと、請求された代金の返金、アカウントの保護をお願いします。`
        : 'これらは私の購入ではありません。請求された代金の返金と、アカウントの保護をお願いします。',
    );
    parts.push('通知メールは保存してあり、各メールの Message-ID を記録しています。');
  } else {
    parts.push(
      remaining.length > 0
        ? `I did not make these purchases. Please cancel the cards that have not been used yet (${plural(remaining.length, 'order', 'orders')} ${listText(remaining, locale)}), refund what was charged, and secure my account.`
        : 'I did not make these purchases. Please refund what was charged and secure my account.',
    );
    parts.push('I have kept the notification mails and can give you the Message-ID of each.');
  }
  const out: ScriptPart[] = [{ to: shop, vendor: input.incident.vendor, text: parts.join(ja ? '' : ' ') }];

  const payers = uniq(chargeLinks.map((x) => x.c.vendor));
  for (const payer of payers) {
    const charges = uniq(chargeLinks.filter((x) => x.c.vendor === payer).map((x) => x.c)).sort(byTime);
    const name = vendorName(payer, locale);
    const card = vendorInfo(payer)?.role === 'card';
    const last4 = uniq(charges.map((c) => c.cardLast4).filter((x): x is string => x !== null));
    const items = charges.map((c) =>
      ja
        ? `${dateText(c.occurredAt, locale)} ${local(c.occurredAt).hm} の${amountOf(c, locale)}`
        : `${amountOf(c, locale)} on ${dateText(c.occurredAt, locale)} at ${local(c.occurredAt).hm}`,
    );
    const cardText =
      last4.length === 0
        ? ''
        : ja
          ? `（カード番号の下4桁 ${last4.join('、')}）`
          : ` (card ending ${listText(last4, locale)})`;
    out.push({
      to: name,
      vendor: payer,
      text: ja
        ? `身に覚えのない${card ? '請求' : '引き落とし'}${charges.length}件についてご連絡しました${cardText}：${items.join('、')}。${shop}のアカウントが第三者に使われ、ギフトカードの代金として支払われたものです。${shop}にも報告しています。不正利用として扱い、カードの利用停止と補償の手続きをお願いします。`
        : `I am contacting you about ${count(charges.length)} ${plural(charges.length, card ? 'charge' : 'debit', card ? 'charges' : 'debits')} I did not authorise${cardText}: ${listText(items, locale)}. They paid for ${shop} gift cards bought from my ${shop} account by someone else, and I have reported this to ${shop}. Please treat them as unauthorised use, stop the card, and tell me how to claim compensation.`,
    });
  }
  return out;
}

const ACCOUNT_WHAT: Record<Locale, Record<string, string>> = {
  en: {
    'account.password_changed': 'my password was changed',
    'account.password_reset': 'a password reset was requested',
    'account.signin': 'someone signed in, or tried to',
    'account.changed': 'my account details were changed',
  },
  ja: {
    'account.password_changed': 'パスワードが変更されました',
    'account.password_reset': 'パスワードの再設定が要求されました',
    'account.signin': 'サインイン（またはその試み）がありました',
    'account.changed': 'アカウント情報が変更されました',
  },
};

function takeoverScript(input: ScriptInput, locale: Locale): ScriptPart[] {
  const ja = locale === 'ja';
  const shop = vendorName(input.incident.vendor, locale);
  const signals = [...input.signals].sort(byTime);
  const parts: string[] = [
    ja ? `${shop}のアカウントについてご連絡しました。` : `I am contacting you about my ${shop} account.`,
  ];
  for (const s of signals) {
    const what = ACCOUNT_WHAT[locale][s.kind];
    if (!what) continue;
    const hm = local(s.occurredAt).hm;
    parts.push(
      ja
        ? `${dateText(s.occurredAt, locale)} ${hm}に${what}。`
        : `On ${dateText(s.occurredAt, locale)} at ${hm} ${what}.`,
    );
  }
  const purchases = signals.filter((s) => s.kind === 'giftcard.purchased');
  if (purchases.length > 0) {
    const orders = uniq(purchases.map((p) => p.orderId).filter((o): o is string => o !== null));
    parts.push(
      ja
        ? `その後、ギフトカードが${purchases.length}件購入されました${orders.length > 0 ? `（注文番号 ${orders.join('、')}）` : ''}。`
        : `Afterwards ${count(purchases.length)} gift ${plural(purchases.length, 'card was', 'cards were')} bought${orders.length > 0 ? ` (${plural(orders.length, 'order', 'orders')} ${listText(orders, locale)})` : ''}.`,
    );
  }
  parts.push(...passwordSentence(input, locale));
  parts.push(
    ja
      ? 'これは私の操作ではありません。アカウントの保護、すべての端末からのサインアウト、身に覚えのない注文や変更の確認をお願いします。'
      : 'This was not me. Please secure my account, sign out every device, and check for orders or changes I did not make.',
  );
  return [{ to: shop, vendor: input.incident.vendor, text: parts.join(ja ? '' : ' ') }];
}

function phishingScript(input: ScriptInput, locale: Locale): ScriptPart[] {
  const ja = locale === 'ja';
  const shop = vendorName(input.incident.vendor, locale);
  const mails = [...input.signals].sort(byTime).map((s) => {
    const id = s.message.messageId ? `<${s.message.messageId}>` : ja ? 'なし' : 'none';
    return ja
      ? `${dateText(s.occurredAt, locale)} ${local(s.occurredAt).hm}、差出人 ${s.message.from}、件名「${s.message.subject}」、Message-ID ${id}`
      : `on ${dateText(s.occurredAt, locale)} at ${local(s.occurredAt).hm}, from ${s.message.from}, subject “${s.message.subject}”, Message-ID ${id}`;
  });
  const reasons = uniq(input.signals.map((s) => s.authenticity.reason));
  return [
    {
      to: shop,
      vendor: input.incident.vendor,
      text: ja
        ? `${shop}を名乗る不審なメールを受け取ったので報告します（${mails.join('。')}）。送信元の確認に失敗しています（${reasons.join('、')}）。リンクは開いておらず、情報も入力していません。`
        : `I am reporting ${plural(mails.length, 'a mail', 'mails')} that claim${plural(mails.length, 's', '')} to be from ${shop} but ${plural(mails.length, 'is', 'are')} not genuine (${mails.join('; ')}). The sender check failed: ${reasons.join('; ')}. I have not opened its links or entered any details.`,
    },
  ];
}

export function supportScript(input: ScriptInput, locale: Locale): ScriptPart[] {
  switch (input.incident.kind) {
    case 'giftcard_fraud':
      return giftcardScript(input, locale);
    case 'account_takeover':
      return takeoverScript(input, locale);
    case 'phishing':
      return phishingScript(input, locale);
  }
}
