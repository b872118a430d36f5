import type { IncidentKind, IncidentStatus, Locale, Severity, SignalKind, Verdict } from './domain';

/**
 * UI strings in both languages. English is the reference: the Japanese table must have exactly the same keys
 * (the type below makes a missing key a compile error). Placeholders are {name}.
 */
const en = {
  'app.title': 'Mimamori',
  'app.tagline': 'Watching your mailbox for account takeover',
  'nav.timeline': 'Timeline',
  'nav.import': 'Import mail',
  'lang.label': 'Language',
  'timeline.empty': 'No security-relevant mail yet. Import mail files or add an account to start watching.',
  'timeline.incidents': 'Incidents',
  'timeline.noIncidents': 'No open incidents.',
  'timeline.events': 'Events',
  'timeline.giftcards': 'Gift cards and account',
  'timeline.payments': 'Bank and card',
  'timeline.linkedTo': 'Linked to',
  'timeline.verdict': 'Sender check',
  'timeline.order': 'Order',
  'timeline.recipient': 'Sent to',
  'timeline.merchant': 'Merchant',
  'timeline.card': 'Card',
  'timeline.subject': 'Subject',
  'timeline.from': 'From',
  'timeline.count': '{count} events',
  'incident.signals': '{count} mails',
  'incident.links': 'Linked evidence',
  'incident.actions': 'What to do',
  'incident.ack.mine': 'This was me',
  'incident.ack.notMine': 'Not me',
  'incident.ack.snooze': 'Snooze 1 day',
  'incident.step.password': 'Change your {vendor} password now, from the official site.',
  'incident.step.support':
    'Call {vendor} support and report the unauthorised orders; ask for the gift cards to be cancelled.',
  'incident.step.bank':
    'Call your bank or card issuer and report the charges: refunds depend on reporting quickly.',
  'incident.step.phishing': 'Do not click links in that mail. Delete it, or report it to the real {vendor}.',
  'import.title': 'Import mail files',
  'import.help': 'Choose .eml files or mbox exports (for example a Google Takeout mbox).',
  'import.choose': 'Choose files…',
  'import.result': 'Imported {scanned} mails: {signals} signals, {unparsed} unparsed.',
  'import.failed': 'Import failed: {reason}',
  'status.connected': 'Connected',
  'status.disconnected': 'Disconnected: retrying…',
  'banner.critical': '{count} critical incident(s) need your attention',
  'banner.warning': '{count} incident(s) to review',
  'duration.justNow': 'at the same moment',
  'duration.minutes': '{n} min later',
  'duration.hours': '{n} h later',
  'duration.days': '{n} days later',
  'duration.before.minutes': '{n} min earlier',
  'duration.before.hours': '{n} h earlier',
  'duration.before.days': '{n} days earlier',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  'app.title': '見守り',
  'app.tagline': 'アカウント乗っ取りの兆候をメールから見守ります',
  'nav.timeline': 'タイムライン',
  'nav.import': 'メールの取り込み',
  'lang.label': '言語',
  'timeline.empty':
    'セキュリティに関わるメールはまだありません。メールファイルを取り込むか、アカウントを追加してください。',
  'timeline.incidents': 'インシデント',
  'timeline.noIncidents': '対応が必要なインシデントはありません。',
  'timeline.events': 'イベント',
  'timeline.giftcards': 'ギフトカード・アカウント',
  'timeline.payments': '銀行・カード',
  'timeline.linkedTo': '関連',
  'timeline.verdict': '送信元の確認',
  'timeline.order': '注文番号',
  'timeline.recipient': '送信先',
  'timeline.merchant': '利用先',
  'timeline.card': 'カード',
  'timeline.subject': '件名',
  'timeline.from': '差出人',
  'timeline.count': '{count}件のイベント',
  'incident.signals': 'メール{count}通',
  'incident.links': '関連づけられた証拠',
  'incident.actions': 'やるべきこと',
  'incident.ack.mine': '自分の操作です',
  'incident.ack.notMine': '身に覚えがない',
  'incident.ack.snooze': '1日後に再通知',
  'incident.step.password': '公式サイトから今すぐ{vendor}のパスワードを変更してください。',
  'incident.step.support':
    '{vendor}のカスタマーサービスに電話し、身に覚えのない注文を報告してギフトカードの取り消しを依頼してください。',
  'incident.step.bank':
    '銀行またはカード会社に電話して利用を報告してください。補償は早く届け出るほど受けやすくなります。',
  'incident.step.phishing':
    'そのメールのリンクは開かないでください。削除するか、本物の{vendor}に報告してください。',
  'import.title': 'メールファイルの取り込み',
  'import.help': '.eml ファイルまたは mbox（Google Takeout など）を選んでください。',
  'import.choose': 'ファイルを選択…',
  'import.result': '{scanned}通を取り込みました（シグナル{signals}件、解析できなかったメール{unparsed}通）。',
  'import.failed': '取り込みに失敗しました: {reason}',
  'status.connected': '接続中',
  'status.disconnected': '切断されました。再接続しています…',
  'banner.critical': '緊急のインシデントが{count}件あります',
  'banner.warning': '確認が必要なインシデントが{count}件あります',
  'duration.justNow': '同時刻に',
  'duration.minutes': '{n}分後に',
  'duration.hours': '{n}時間後に',
  'duration.days': '{n}日後に',
  'duration.before.minutes': '{n}分前に',
  'duration.before.hours': '{n}時間前に',
  'duration.before.days': '{n}日前に',
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, ja };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return TABLES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export const SIGNAL_KIND_LABEL: Record<Locale, Record<SignalKind, string>> = {
  en: {
    'giftcard.purchased': 'Gift card bought',
    'giftcard.opened': 'Gift card opened',
    'giftcard.redeemed': 'Gift card redeemed',
    'order.cancelled': 'Order cancelled',
    'account.password_changed': 'Password changed',
    'account.password_reset': 'Password reset requested',
    'account.signin': 'Sign-in attempt',
    'account.changed': 'Account details changed',
    'payment.charge': 'Card or bank charge',
    'payment.refund': 'Refund',
    impersonation: 'Impersonation (phishing)',
  },
  ja: {
    'giftcard.purchased': 'ギフトカード購入',
    'giftcard.opened': 'ギフトカード開封',
    'giftcard.redeemed': 'ギフトカード登録',
    'order.cancelled': '注文キャンセル',
    'account.password_changed': 'パスワード変更',
    'account.password_reset': 'パスワード再設定の要求',
    'account.signin': 'サインイン試行',
    'account.changed': 'アカウント情報の変更',
    'payment.charge': 'カード・口座の利用',
    'payment.refund': '返金',
    impersonation: 'なりすまし（フィッシング）',
  },
};

export const VERDICT_LABEL: Record<Locale, Record<Verdict, string>> = {
  en: { verified: 'genuine', unverified: 'not verified', suspicious: 'suspicious' },
  ja: { verified: '本物', unverified: '未確認', suspicious: '不審' },
};

export const SEVERITY_LABEL: Record<Locale, Record<Severity, string>> = {
  en: { info: 'Info', warning: 'Warning', critical: 'Critical' },
  ja: { info: '情報', warning: '警告', critical: '緊急' },
};

export const INCIDENT_KIND_LABEL: Record<Locale, Record<IncidentKind, string>> = {
  en: {
    giftcard_fraud: 'Gift-card fraud',
    account_takeover: 'Account takeover',
    phishing: 'Phishing',
  },
  ja: {
    giftcard_fraud: 'ギフトカードの不正購入',
    account_takeover: 'アカウント乗っ取り',
    phishing: 'フィッシング',
  },
};

export const INCIDENT_STATUS_LABEL: Record<Locale, Record<IncidentStatus, string>> = {
  en: { open: 'Open', dismissed: 'This was me', confirmed: 'Confirmed fraud', snoozed: 'Snoozed' },
  ja: { open: '未対応', dismissed: '自分の操作', confirmed: '不正と確認', snoozed: '保留中' },
};
