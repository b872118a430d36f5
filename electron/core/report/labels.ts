/**
 * The words of an incident report (PDF, CSV and Markdown), in both languages. UI strings live in shared/i18n.ts;
 * these are read only by the core's report writers, so they stay beside them. The Japanese table must have
 * exactly the English keys (a missing key is a compile error).
 */
import type { Locale } from '../../../shared/domain';
import { vendorName } from '../../../shared/vendors';

const en = {
  'doc.title': 'Incident report',
  'doc.generatedBy': 'Made by Mimamori from the notification mails in your mailbox.',
  'doc.page': 'page {n} of {total}',
  'meta.incident': 'Incident',
  'meta.kind': 'Kind',
  'meta.severity': 'Severity',
  'meta.status': 'Status',
  'meta.vendor': 'Service',
  'meta.opened': 'Opened',
  'meta.asOf': 'As of',
  'meta.events': 'Mails',
  'section.summary': 'Summary',
  'section.script': 'What to tell support',
  'section.timeline': 'Timeline',
  'section.links': 'Linked evidence',
  'section.actions': 'What was done when',
  'script.intro':
    'Read this out or paste it into the contact form. It is built from the mails below; check it before you use it.',
  'script.to': 'To {name}',
  'col.n': '#',
  'col.time': 'Time',
  'col.kind': 'Event',
  'col.vendor': 'From',
  'col.amount': 'Amount',
  'col.amountMinor': 'Amount (minor units)',
  'col.currency': 'Currency',
  'col.merchant': 'Merchant',
  'col.card': 'Card',
  'col.order': 'Order number',
  'col.recipient': 'Sent to',
  'col.messageId': 'Message-ID',
  'col.sender': 'Sender',
  'col.subject': 'Subject',
  'col.verdict': 'Sender check',
  'col.verdictReason': 'Sender check: reason',
  'col.linked': 'Linked to',
  'col.incident': 'Incident',
  'col.incidentKind': 'Incident kind',
  'col.severity': 'Severity',
  'col.status': 'Status',
  'col.title': 'Incident title',
  'col.signalId': 'Event id',
  'col.at': 'When',
  'col.action': 'Action',
  'col.detail': 'Detail',
  'col.source': 'Recorded by',
  'col.from': 'From event',
  'col.to': 'To event',
  'col.reason': 'Why they are linked',
  'col.confidence': 'Confidence',
  'links.none': 'No links between these mails.',
  'links.charge': 'charge reference',
  'actions.none': 'Nothing recorded yet.',
  'actions.source.history': 'Mimamori',
  'actions.source.playbook': 'Response playbook',
  'action.opened': 'Incident opened',
  'action.escalated': 'Severity raised',
  'action.reopened': 'Reopened (snooze ended)',
  'action.dismissed': 'Marked “this was me”',
  'action.confirmed': 'Confirmed as fraud (“not me”)',
  'action.snoozed': 'Snoozed',
  'action.rotation': 'Password change confirmed after one-click rotation ({vendor})',
  'action.url': 'Opened the official {page} page ({vendor})',
  'action.charges': 'charges reported: {list}',
  'step.password': 'Changed the {vendor} password',
  'step.signout': 'Signed out of every device ({vendor})',
  'step.twoStep': 'Turned on two-step verification ({vendor})',
  'step.orders': 'Checked the cancelled orders ({vendor})',
  'step.contact': 'Contacted {vendor}',
  'step.bank': 'Reported the charges to {vendor}',
  'step.statements': 'Checked the bank and card statements',
  'step.phishingDelete': 'Deleted the phishing mail',
  'step.phishingPassword': 'Changed the {vendor} password (after the phishing mail)',
  'page.password': 'change-password',
  'page.signout': 'sign-out',
  'page.twoStep': 'two-step verification',
  'page.orders': 'orders',
  'page.contact': 'contact',
  'fallback.font':
    'Japanese text could not be rendered: no Japanese font was found on this computer (install IPAGothic, Noto Sans CJK or another Japanese font). Characters it could not show are replaced by “?”; the CSV and Markdown exports hold the full text.',
  'fallback.refused':
    'A Japanese PDF needs a Japanese font, and none was found on this computer. Install IPAGothic (Debian: fonts-ipafont-gothic) or Noto Sans CJK, or export the report as Markdown or CSV, which keep the Japanese text.',
} as const;

export type ReportKey = keyof typeof en;

const ja: Record<ReportKey, string> = {
  'doc.title': 'インシデント報告書',
  'doc.generatedBy': '見守りが、メールボックスに届いた通知メールから作成しました。',
  'doc.page': '{n} / {total} ページ',
  'meta.incident': 'インシデント',
  'meta.kind': '種類',
  'meta.severity': '重要度',
  'meta.status': '状態',
  'meta.vendor': 'サービス',
  'meta.opened': '検出日時',
  'meta.asOf': '記録の時点',
  'meta.events': 'メール',
  'section.summary': '概要',
  'section.script': 'サポート窓口に伝えること',
  'section.timeline': '経緯',
  'section.links': '関連づけられた証拠',
  'section.actions': '対応の記録',
  'script.intro':
    '電話で読み上げるか、問い合わせフォームに貼り付けてください。下記のメールから作成した文面です。使う前に内容を確かめてください。',
  'script.to': '{name}へ',
  'col.n': '番号',
  'col.time': '日時',
  'col.kind': '内容',
  'col.vendor': '送信元のサービス',
  'col.amount': '金額',
  'col.amountMinor': '金額（最小単位）',
  'col.currency': '通貨',
  'col.merchant': '利用先',
  'col.card': 'カード',
  'col.order': '注文番号',
  'col.recipient': '送信先',
  'col.messageId': 'Message-ID',
  'col.sender': '差出人',
  'col.subject': '件名',
  'col.verdict': '送信元の確認',
  'col.verdictReason': '送信元の確認: 根拠',
  'col.linked': '関連',
  'col.incident': 'インシデント',
  'col.incidentKind': 'インシデントの種類',
  'col.severity': '重要度',
  'col.status': '状態',
  'col.title': 'インシデント名',
  'col.signalId': 'イベントID',
  'col.at': '日時',
  'col.action': '対応',
  'col.detail': '詳細',
  'col.source': '記録元',
  'col.from': '関連元',
  'col.to': '関連先',
  'col.reason': '関連の根拠',
  'col.confidence': '確度',
  'links.none': 'これらのメールの間に関連はありません。',
  'links.charge': '引き落としとの対応',
  'actions.none': 'まだ記録はありません。',
  'actions.source.history': '見守り',
  'actions.source.playbook': '対応手順',
  'action.opened': 'インシデントを検出',
  'action.escalated': '重要度が上昇',
  'action.reopened': '保留の期限切れで再開',
  'action.dismissed': '「自分の操作」として解除',
  'action.confirmed': '不正と確認（「自分ではない」）',
  'action.snoozed': '保留',
  'action.rotation': 'ワンクリック変更のあとパスワードの変更を確認（{vendor}）',
  'action.url': '公式の{page}ページを開いた（{vendor}）',
  'action.charges': '報告した利用: {list}',
  'step.password': '{vendor}のパスワードを変更',
  'step.signout': 'すべての端末からサインアウト（{vendor}）',
  'step.twoStep': '2段階認証を有効化（{vendor}）',
  'step.orders': 'キャンセルされた注文を確認（{vendor}）',
  'step.contact': '{vendor}に連絡',
  'step.bank': '{vendor}に利用を報告',
  'step.statements': '銀行とカードの明細を確認',
  'step.phishingDelete': 'フィッシングメールを削除',
  'step.phishingPassword': '{vendor}のパスワードを変更（フィッシングメールを受けて）',
  'page.password': 'パスワード変更',
  'page.signout': 'サインアウト',
  'page.twoStep': '2段階認証',
  'page.orders': '注文履歴',
  'page.contact': '問い合わせ',
  'fallback.font':
    '日本語のフォントが見つからないため、日本語を表示できませんでした（IPAゴシックや Noto Sans CJK などを入れてください）。表示できない文字は「?」に置き換えています。CSV と Markdown の書き出しには全文が入っています。',
  'fallback.refused':
    '日本語の PDF には日本語フォントが必要ですが、このコンピューターには見つかりませんでした。IPAゴシック（Debian: fonts-ipafont-gothic）や Noto Sans CJK を入れるか、日本語がそのまま残る Markdown か CSV で書き出してください。',
};

const TABLES: Record<Locale, Record<ReportKey, string>> = { en, ja };

export function rt(locale: Locale, key: ReportKey, params: Record<string, string | number> = {}): string {
  return TABLES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/**
 * The words for an action a source recorded (actions.ts): incident_history's own names ("opened"), playbook
 * steps ("step:password", "step:bank:<bank>"), rotations ("rotation:<vendor>") and opened pages
 * ("url:<purpose>:<vendor>"). An unknown name is shown as it is.
 */
export function actionLabel(locale: Locale, action: string, incidentVendor: string): string {
  const has = (key: string): key is ReportKey => key in en;
  const name = (v: string | undefined): string => vendorName(v || incidentVendor, locale);
  const [head = '', a = '', b] = action.split(':');
  if (head === 'step') {
    // "bank:<vendor>" names the bank; every other step is about the incident's own vendor.
    const key = `step.${a}`;
    return has(key) ? rt(locale, key, { vendor: name(b) }) : action;
  }
  if (head === 'rotation') return rt(locale, 'action.rotation', { vendor: name(a) });
  if (head === 'url') {
    const page = `page.${a}`;
    return rt(locale, 'action.url', { page: has(page) ? rt(locale, page) : a, vendor: name(b) });
  }
  const key = `action.${action}`;
  return has(key) ? rt(locale, key) : action;
}
