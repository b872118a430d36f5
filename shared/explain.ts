/**
 * Plain-language titles and explanations, in either language, built from an incident's evidence. Shared so the
 * scan output, native notifications and the window say the same thing.
 */
import type { Incident, Link, Locale, Signal } from './domain';
import { GIFTCARD_KINDS } from './domain';
import { INCIDENT_KIND_LABEL, t, VERDICT_LABEL } from './i18n';
import { formatAmount } from './money';
import { vendorInfo, vendorName } from './vendors';

/** The most purchases that fall inside one 24-hour window, in time order. */
function densestDay(purchases: readonly Signal[]): Signal[] {
  const sorted = [...purchases].sort((a, b) => signalTime(a) - signalTime(b));
  let best: Signal[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    if (!start) continue;
    const run = sorted.slice(i).filter((p) => signalTime(p) - signalTime(start) <= 86_400_000);
    if (run.length > best.length) best = run;
  }
  return best;
}

/** "7 minutes", "3 hours": a span, not a relative time. */
function describeSpan(ms: number, locale: Locale): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return locale === 'ja' ? `${minutes}分` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(ms / 3_600_000);
  return locale === 'ja' ? `${hours}時間` : `${hours} hours`;
}

export type LinkRule = 'same-amount' | 'order-total' | 'same-card' | 'same-order';

/** "3 min later", "2 h earlier", in the locale; rounds toward the larger unit once it reads better. */
export function describeDelta(ms: number, locale: Locale): string {
  const abs = Math.abs(ms);
  const before = ms < 0;
  const minutes = Math.round(abs / 60_000);
  if (minutes < 1) return t(locale, 'duration.justNow');
  if (minutes < 120)
    return t(locale, before ? 'duration.before.minutes' : 'duration.minutes', { n: minutes });
  const hours = Math.round(abs / 3_600_000);
  if (hours < 48) return t(locale, before ? 'duration.before.hours' : 'duration.hours', { n: hours });
  const days = Math.round(abs / 86_400_000);
  return t(locale, before ? 'duration.before.days' : 'duration.days', { n: days });
}

export function signalTime(s: Pick<Signal, 'occurredAt'>): number {
  return Date.parse(s.occurredAt);
}

function payer(s: Signal, locale: Locale): string {
  const info = vendorInfo(s.vendor);
  const name = vendorName(s.vendor, locale);
  const role = info?.role;
  if (locale === 'ja')
    return role === 'card' ? `カード会社（${name}）` : role === 'payment' ? name : `銀行（${name}）`;
  return role === 'card' ? `your card issuer (${name})` : role === 'payment' ? name : `your bank (${name})`;
}

/** One sentence for a link between two signals, e.g. for the line drawn between them on the timeline. */
export function describeLink(link: Pick<Link, 'rule'>, from: Signal, to: Signal, locale: Locale): string {
  const delta = signalTime(to) - signalTime(from);
  const when = describeDelta(delta, locale);
  const amount = to.amount ? formatAmount(to.amount, locale) : '';
  const opened = from.kind === 'giftcard.opened';
  switch (link.rule as LinkRule) {
    case 'same-amount':
      return locale === 'ja'
        ? `同額の${amount}: ギフトカードの${opened ? '開封' : '購入'}の${when}引き落とし`
        : `same amount ${amount}: charged ${when.replace(' later', ' after').replace(' earlier', ' before')} the gift card was ${opened ? 'opened' : 'bought'}`;
    case 'order-total':
      return locale === 'ja'
        ? `注文 ${from.orderId ?? ''} の合計額${amount}と一致`
        : `equals the ${amount} total of order ${from.orderId ?? ''}`;
    case 'same-card':
      return locale === 'ja'
        ? `同じ${from.amount ? formatAmount(from.amount, locale) : ''}のギフトカード（購入の${when}）`
        : `the same ${from.amount ? formatAmount(from.amount, locale) : ''} gift card, ${when}`;
    case 'same-order':
      return locale === 'ja' ? `同じ注文 ${from.orderId ?? ''}` : `the same order ${from.orderId ?? ''}`;
    default:
      return link.rule;
  }
}

export interface IncidentText {
  title: string;
  explanation: string;
}

/**
 * Title and explanation of an incident. The explanation leads with the strongest evidence: a linked charge
 * ("a ¥10,000 gift card bought from your Amazon account was opened, and 3 minutes later your bank debited
 * ¥10,000"), then the count of gift cards; the story behind this app is a user who saw each mail alone.
 */
export function explainIncident(
  incident: Pick<Incident, 'kind' | 'vendor' | 'severity' | 'links'>,
  signals: readonly Signal[],
  locale: Locale,
): IncidentText {
  const byId = new Map(signals.map((s) => [s.id, s]));
  const vendor = vendorName(incident.vendor, locale);
  const title = `${INCIDENT_KIND_LABEL[locale][incident.kind]}: ${vendor}`;
  const fmt = (s: Signal | undefined): string => (s?.amount ? formatAmount(s.amount, locale) : '');

  if (incident.kind === 'giftcard_fraud') {
    const purchases = signals.filter((s) => s.kind === 'giftcard.purchased');
    const cancelled = signals.filter((s) => s.kind === 'order.cancelled');
    const chargeLinks = incident.links
      .filter((l) => l.rule === 'same-amount' || l.rule === 'order-total')
      .map((l) => ({ l, g: byId.get(l.from), c: byId.get(l.to) }))
      .filter((x): x is { l: Link; g: Signal; c: Signal } => x.g !== undefined && x.c !== undefined)
      .sort((a, b) => signalTime(b.c) - signalTime(a.c));
    const parts: string[] = [];
    const latest = chargeLinks[0];
    if (latest) {
      const when = describeDelta(signalTime(latest.c) - signalTime(latest.g), locale);
      const opened = latest.g.kind === 'giftcard.opened';
      if (locale === 'ja') {
        parts.push(
          `${vendor}のアカウントで購入された${fmt(latest.g)}のギフトカードが${opened ? '開封され' : '購入され'}、その${when}${payer(latest.c, locale)}から${fmt(latest.c)}が引き落とされました。`,
        );
      } else {
        parts.push(
          `A ${fmt(latest.g)} gift card bought from your ${vendor} account was ${opened ? 'opened' : 'bought'}, and ${when.replace(' later', '')} later ${payer(latest.c, locale)} debited ${fmt(latest.c)}.`,
        );
      }
    }
    const burst = densestDay(purchases);
    if (!latest && burst.length >= 2) {
      const first = burst[0];
      const last = burst.at(-1);
      const span = first && last ? describeSpan(signalTime(last) - signalTime(first), locale) : '';
      parts.push(
        locale === 'ja'
          ? `${span}のあいだに${burst.length}件のギフトカードが購入されました。乗っ取られたアカウントでよく見られる動きです。`
          : `${burst.length} gift cards were bought within ${span}, a pattern of a taken-over account.`,
      );
    }
    if (purchases.length > 0) {
      const total = purchases.reduce((sum, s) => sum + (s.amount?.minor ?? 0), 0);
      const currency = purchases.find((s) => s.amount)?.amount?.currency;
      const totalText = currency ? formatAmount({ currency, minor: total }, locale) : '';
      parts.push(
        locale === 'ja'
          ? `ギフトカードの購入は${purchases.length}件、合計${totalText}です。`
          : `${purchases.length} gift card purchase${purchases.length === 1 ? '' : 's'} totalling ${totalText}.`,
      );
    } else if (!latest) {
      const g = signals.find((s) => GIFTCARD_KINDS.has(s.kind));
      parts.push(
        locale === 'ja'
          ? `${vendor}のアカウントから${fmt(g)}のギフトカードの動きがありました。`
          : `There was ${fmt(g)} of gift-card activity on your ${vendor} account.`,
      );
    }
    if (cancelled.length > 0) {
      parts.push(
        locale === 'ja'
          ? `${cancelled.length}件の注文はキャンセルされています（「キャンセルされた注文」の一覧を確認してください）。`
          : `${cancelled.length} order${cancelled.length === 1 ? ' was' : 's were'} cancelled: check the cancelled-orders page.`,
      );
    }
    if (chargeLinks.length > 1) {
      parts.push(
        locale === 'ja'
          ? `関連づけられた引き落としは${chargeLinks.length}件です。`
          : `${chargeLinks.length} charges are linked to these gift cards.`,
      );
    }
    parts.push(
      locale === 'ja'
        ? '身に覚えがなければ、アカウントが第三者に使われている可能性があります。'
        : 'If this was not you, someone else may be using your account.',
    );
    return { title, explanation: parts.join(' ') };
  }

  if (incident.kind === 'account_takeover') {
    const first = [...signals].sort((a, b) => signalTime(a) - signalTime(b))[0];
    const what = first ? first.kind : 'account.changed';
    const followed = incident.severity === 'critical';
    const ja: Record<string, string> = {
      'account.password_changed': 'パスワードが変更されました',
      'account.password_reset': 'パスワードの再設定が要求されました',
      'account.signin': '新しいサインインの試行がありました',
      'account.changed': 'アカウント情報が変更されました',
    };
    const en: Record<string, string> = {
      'account.password_changed': 'password was changed',
      'account.password_reset': 'password reset was requested',
      'account.signin': 'account had a new sign-in attempt',
      'account.changed': 'account details were changed',
    };
    const explanation =
      locale === 'ja'
        ? `${vendor}の${ja[what] ?? ja['account.changed']}。${followed ? 'その後ギフトカードの動きがありました。' : ''}身に覚えがなければ、すぐにパスワードを変更してください。`
        : `Your ${vendor} ${en[what] ?? en['account.changed']}.${followed ? ' Gift-card activity followed.' : ''} If this was not you, change the password now.`;
    return { title, explanation };
  }

  const reasons = [...new Set(signals.map((s) => s.authenticity.reason))].slice(0, 2).join('; ');
  const explanation =
    locale === 'ja'
      ? `${vendor}を名乗るメールが送信元の確認に失敗しました（${reasons}）。リンクを開かないでください。`
      : `A mail claiming to be from ${vendor} failed the sender check (${reasons}). Do not open its links.`;
  return { title, explanation };
}

/** Mail providers by the authserv-id they stamp, for saying who checked a mail. */
function providerName(authservId: string): string {
  const id = authservId.toLowerCase();
  if (id === 'mx.google.com') return 'Gmail';
  if (id.endsWith('yahoo.co.jp')) return 'Yahoo! JAPAN';
  if (id.endsWith('yahoo.com')) return 'Yahoo';
  if (id.endsWith('icloud.com') || id.endsWith('me.com')) return 'iCloud';
  if (id.endsWith('outlook.com') || id === 'the mailbox provider') return 'Microsoft';
  if (id.endsWith('messagingengine.com')) return 'Fastmail';
  return authservId;
}

/**
 * What the sender check found, without its verdict: "signed by amazon.co.jp, checked by Gmail" for a mail a
 * provider vouched for, otherwise the technical reason as it came.
 */
export function verdictDetail(a: Pick<Signal['authenticity'], 'verdict' | 'reason'>, locale: Locale): string {
  const signed = /^(?:dmarc|dkim)=pass header\.(?:from|d)=(\S+) \(([^)]+)\)/.exec(a.reason);
  if (a.verdict === 'verified' && signed) {
    const [, domain = '', by = ''] = signed;
    if (by === 'verified locally') {
      return locale === 'ja'
        ? `${domain} の DKIM 署名を見守りが確認済み`
        : `signed by ${domain}, DKIM checked by Mimamori`;
    }
    return locale === 'ja'
      ? `${domain} の署名を ${providerName(by)} が確認済み`
      : `signed by ${domain}, checked by ${providerName(by)}`;
  }
  return a.reason;
}

/**
 * The sender check in words a person reads at a glance: "genuine: signed by amazon.co.jp, checked by Gmail" is
 * what the story's victim needed to see beside the mail she took for spam. The technical reason stays available.
 */
export function describeVerdict(
  a: Pick<Signal['authenticity'], 'verdict' | 'reason'>,
  locale: Locale,
): string {
  return `${VERDICT_LABEL[locale][a.verdict]}: ${verdictDetail(a, locale)}`;
}

/** The one thing to do first, for a notification: the story's victim lost money by waiting. */
export function nextStep(incident: Pick<Incident, 'kind' | 'vendor' | 'severity'>, locale: Locale): string {
  const vendor = vendorName(incident.vendor, locale);
  if (incident.kind === 'phishing') {
    return locale === 'ja'
      ? `次に: リンクを開かずに削除してください。`
      : `Next: delete it without opening its links.`;
  }
  if (incident.kind === 'giftcard_fraud' && incident.severity === 'critical') {
    return locale === 'ja'
      ? `次に: ${vendor}のパスワードを変更し、${vendor}と銀行・カード会社に今すぐ連絡してください。`
      : `Next: change your ${vendor} password, then call ${vendor} and your bank now.`;
  }
  return locale === 'ja'
    ? `次に: 身に覚えがなければ${vendor}のパスワードを変更してください。`
    : `Next: if this was not you, change your ${vendor} password.`;
}
