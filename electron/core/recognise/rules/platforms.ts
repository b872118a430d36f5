/**
 * Gift-card platforms other than Amazon: Apple, Google Play and Steam (mail-formats.md §5). Their receipts are
 * known (senders, subjects, some labels), their gift-card mails are not (§8: "Apple Gift Card, Google Play gift
 * code, Steam wallet code: no gifting-specific templates"). So every rule here needs the platform's exact sender,
 * its receipt subject, and a gift-card item in the body; an ordinary app or game purchase is no signal.
 */
import type { Rule, RulePack } from '../rule';
import { subjectWithout } from './markers';

// ---------------------------------------------------------------------------------------------------------------
// Apple
// ---------------------------------------------------------------------------------------------------------------

const APPLE = { vendor: 'apple.com', currency: 'USD', zone: 'America/Los_Angeles' } as const;
const APPLE_ID = ['appleid@id.apple.com'];
const APPLE_ACCOUNT = String.raw`(?:Apple\s*ID|Apple\s*Account|Apple\s*アカウント)`;
const APPLE_ADVICE = /\btips?\b|scam|phishing|protect your|beware|詐欺|ご注意/i;

/**
 * A gift card as a receipt item: "Apple Gift Card", "App Store & iTunes Gift Card", "iTunes Gift Card", the
 * older "Apple Store Gift Card" (§5's phishing sample names it), "Apple ギフトカード". Not "Apple Gift Card balance" or "ギフトカード残高", which pay for something else.
 */
const APPLE_GIFT_ITEM = new RegExp(
  String.raw`(?:\bApple(?:\s*Store)?|\bApp Store(?:\s*(?:&|and)\s*iTunes)?|\biTunes)\s*(?:Gift\s*Card\b(?!\s*(?:balance|credit))|ギフトカード(?!残高|の残高))`,
  'i',
);

const APPLE_RULES: readonly Rule[] = [
  {
    ...APPLE,
    id: 'apple.com/giftcard-purchased',
    kind: 'giftcard.purchased',
    basis:
      'Receipt from no_reply@email.apple.com, subject "Your receipt from Apple." with "ORDER ID:", "TOTAL: $" ' +
      '(2020-23 text) or "Order ID:" (2025+ HTML) (mail-formats.md §5, code id 7787051142, 388 real mails [V]). ' +
      'That a gift-card purchase shows the card as an item ("Apple Gift Card", "App Store & iTunes Gift Card") ' +
      'is inferred [I]: no gift-card receipt was seen (§8). An ordinary app receipt is no signal.',
    from: ['no_reply@email.apple.com'],
    subject: [/Your receipt from Apple/i, /Apple\s*からの領収書/],
    body: [APPLE_GIFT_ITEM],
    fields: {
      // "TOTAL: $100.00" (text), "Total  $100.00" (HTML table cells), "合計 ¥3,000". "Subtotal" is another word.
      amount: [{ label: ['TOTAL', 'Total', 'Order Total', '合計', 'ご請求額'] }],
      // "ORDER ID: MH6FBTX82G", "Order ID: MH6FBTX82G" (§5 [V]; the id format from the phishing subject, §5).
      orderId: [{ pattern: /(?:ORDER ID|Order ID|注文番号)\s*:?\s*([A-Z0-9]{8,12})\b/ }],
      recipient: [{ label: ['Recipient', 'Send To', 'To', '受取人', '送信先'] }],
    },
  },
  {
    ...APPLE,
    id: 'apple.com/password-changed',
    kind: 'account.password_changed',
    basis:
      'Apple ID mail comes from appleid@id.apple.com (mail-formats.md §5 [V]); the subject "Your Apple ID ' +
      'password has been changed/reset" (Apple Account since 2024) is inferred [I].',
    from: APPLE_ID,
    subject: [
      subjectWithout(
        new RegExp(String.raw`${APPLE_ACCOUNT}(?:'s)?\s+password (?:has been|was) (?:changed|reset)`, 'i'),
        APPLE_ADVICE,
      ),
      subjectWithout(
        new RegExp(String.raw`${APPLE_ACCOUNT}\s*の\s*パスワードが(?:変更|リセット)されました`),
        APPLE_ADVICE,
      ),
    ],
    fields: {},
  },
  {
    ...APPLE,
    id: 'apple.com/signin',
    kind: 'account.signin',
    basis:
      'Apple ID mail from appleid@id.apple.com (mail-formats.md §5 [V]); subjects such as "Your Apple ID was used ' +
      'to sign in to iCloud via a web browser" and sign-ins on a new device are inferred [I].',
    from: APPLE_ID,
    subject: [
      new RegExp(String.raw`${APPLE_ACCOUNT}\s+was used to sign in`, 'i'),
      /\bsign[- ]?in (?:to|on|from) a new (?:device|browser|iPhone|iPad|Mac)\b/i,
      /\bnew sign[- ]?in\b/i,
      new RegExp(String.raw`${APPLE_ACCOUNT}.*サインイン(?:に使用|がありました)`),
      /新しい(?:デバイス|ブラウザ).*サインイン/,
    ].map((re) => subjectWithout(re, APPLE_ADVICE)),
    fields: {},
  },
  {
    ...APPLE,
    id: 'apple.com/account-changed',
    kind: 'account.changed',
    basis:
      'Apple ID mail from appleid@id.apple.com (mail-formats.md §5 [V]); "Your Apple ID information has been ' +
      'updated", "…email address/phone number … was changed/added" are inferred [I]. Lures that ask for a ' +
      'verification or say the account is locked are not changes.',
    from: APPLE_ID,
    subject: [
      subjectWithout(
        new RegExp(
          String.raw`${APPLE_ACCOUNT}(?: information)? (?:has been|was) (?:updated|changed)|\b(?:e-?mail address|(?:trusted )?phone number|payment (?:method|information)|shipping address|rescue e-?mail)\b.{0,30}\b(?:has been |was )?(?:changed|updated|added|removed)\b|${APPLE_ACCOUNT}\s*(?:の情報)?が(?:変更|更新)されました`,
          'i',
        ),
        /password|パスワード|verify|locked|disabled|suspend|expire|action required|ロック|停止|確認してください/i,
      ),
    ],
    fields: {},
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Google Play
// ---------------------------------------------------------------------------------------------------------------

const GOOGLE_PLAY_RULES: readonly Rule[] = [
  {
    vendor: 'play.google.com',
    currency: 'JPY',
    zone: 'Asia/Tokyo',
    id: 'play.google.com/giftcard-purchased',
    kind: 'giftcard.purchased',
    basis:
      'Order receipt from googleplay-noreply@google.com, subject "Google Play のご注文明細…", "合計:", "注文日", ' +
      'order ids "GPA.xxxx-xxxx-xxxx-xxxxx" (kake-bo GooglePlayUsageService, mail-formats.md §5 [V]); the English ' +
      'subject "Your Google Play Order Receipt" is inferred [I]. A gift-code purchase was never seen (§5 [I]): ' +
      'only a receipt whose item is a Google Play gift card or gift code counts; an app purchase is no signal.',
    from: ['googleplay-noreply@google.com'],
    subject: [/^Google Play\s*のご注文明細/, /^Your Google Play Order Receipt/i],
    body: [
      /Google Play\s*(?:ギフト(?:カード|コード)(?!残高|の残高)|(?:digital\s+)?gift\s+(?:card|code)\b(?!\s*balance))/i,
    ],
    fields: {
      amount: [{ label: ['合計', 'Total'] }],
      // "注文日: 2026/04/21 10:02:11 JST" (kake-bo reads six numbers from the 注文日 line).
      date: [{ label: ['注文日', 'Order date'] }],
      orderId: [{ pattern: /\b(GPA\.\d{4}-\d{4}-\d{4}-\d{5})\b/ }],
      recipient: [{ label: ['受取人', 'Recipient', '送信先'] }],
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Steam
// ---------------------------------------------------------------------------------------------------------------

const STEAM = { vendor: 'steampowered.com', currency: 'JPY', zone: 'Asia/Tokyo' } as const;

const STEAM_RULES: readonly Rule[] = [
  {
    ...STEAM,
    id: 'steampowered.com/giftcard-purchased',
    kind: 'giftcard.purchased',
    basis:
      'Purchase receipt from noreply@steampowered.com, subject "Steam でのご購入、ありがとうございます！", body ' +
      '"Steam でのお取引、ありがとうございました。", "この取引の合計:", "発行日" (kake-bo SteamUsageService, ' +
      'mail-formats.md §5 [V]); the English "Thank you for your Steam purchase!" is inferred [I]. A Steam Digital ' +
      'Gift Card or wallet-code item was never seen (§8 [I]); an ordinary game purchase, or a top-up of the ' +
      'user\'s own wallet ("お支払い方法: Steam ウォレット"), is no signal.',
    from: ['noreply@steampowered.com'],
    subject: [/Steam\s*でのご購入、?ありがとうございます/, /Thank you for your Steam purchase/i],
    bodyAny: [
      /Steam\s*(?:デジタル\s*)?ギフトカード/,
      /Steam\s*ウォレット\s*コード/,
      /\bSteam (?:Digital )?Gift Card\b/i,
      /\bSteam Wallet (?:Code|Card)\b/i,
    ],
    fields: {
      amount: [{ label: 'この取引の合計' }, { label: ['合計', 'Total'] }],
      // "発行日 2024年1月1日 10時41分 JST": the day is read, the time comes from the Date header on that day.
      date: [{ label: ['発行日', 'Date issued'] }],
      orderId: [{ label: ['注文番号', 'Order number', 'Invoice'] }],
      recipient: [{ label: ['受取人', 'Recipient'] }],
    },
  },
  {
    ...STEAM,
    id: 'steampowered.com/signin',
    kind: 'account.signin',
    basis:
      'Steam Guard notice "Your Steam account: Access from new web or mobile device" with an access code, sent ' +
      'when someone with the password signs in from a new device (brief; described by visualfoodie.com) [I]; the ' +
      'older "Access from new computer" and a Japanese form are inferred [I].',
    from: ['noreply@steampowered.com'],
    subject: [
      /Your Steam account:\s*Access from new/i,
      /Steam\s*アカウント.*新しい.*(?:端末|デバイス|コンピューター?).*アクセス/,
    ],
    fields: {},
  },
];

export const PLATFORMS: RulePack = {
  identities: [
    {
      vendor: 'apple.com',
      // no_reply@email.apple.com, appleid@id.apple.com (mail-formats.md §5 [V]).
      domains: ['apple.com', 'email.apple.com', 'id.apple.com'],
      // Not "apple": "pineapple.com", "snapple.com", "applebees.com" contain it, and "apply"/"ample" are one edit
      // away. Not "icloud" either: iCloud users mail from icloud.com, and "cloud" is one edit away.
      brandTokens: ['appleid', 'apple-support', 'applesupport', 'apple-store'],
      // The names Apple sends under ("Apple", "Apple ID", "App Store", "iTunes Store") and the ones phishers add
      // ("Apple Support", "Apple ID Service"); whole names only, so "Apple Valley Dental" claims nothing.
      displayNames:
        /^(?:apple(?:\.com)?|app ?store|itunes(?: store)?|アップル)(?:\s+(?:id|account|support|store|service|services|security|billing|receipts?|team|アカウント|サポート))*$/i,
      // Hosts genuine Apple mail links to or loads images from; icloud.com and me.com are ordinary mailboxes.
      infraDomains: [
        'mzstatic.com',
        'cdn-apple.com',
        'apple-cloudkit.com',
        'icloud.com',
        'icloud-content.com',
        'me.com',
        'mac.com',
        'apple.news',
      ],
    },
    {
      vendor: 'play.google.com',
      // googleplay-noreply@google.com (mail-formats.md §5 [V]). Every google.com sender claims this identity; only
      // the receipt rule gives a signal.
      domains: ['google.com'],
      // Not "google": googlemail.com and googlegroups.com carry it in ordinary mail.
      brandTokens: ['googleplay', 'google-play'],
      displayNames: /\bgoogle\s*play\b|グーグル\s*プレイ/i,
      infraDomains: [
        'googleusercontent.com',
        'gstatic.com',
        'googleapis.com',
        'googlemail.com',
        'googlegroups.com',
        'google.co.jp',
        'youtube.com',
      ],
    },
    {
      vendor: 'steampowered.com',
      domains: ['steampowered.com'],
      // Not "steam": "team" and "stream" are one edit away. The community look-alikes ("steamcommunnity.com",
      // "steamcommunlty.ru") are the classic Steam phish.
      brandTokens: ['steampowered', 'steamcommunity'],
      displayNames: /^(?:steam|valve)(?:\s+(?:support|store|guard|community|team|account|corporation))*$/i,
      // Valve's own hosts in genuine mail: the community site, images and the store's CDN.
      infraDomains: [
        'steamcommunity.com',
        'steamstatic.com',
        'steamusercontent.com',
        'steamgames.com',
        'steam-chat.com',
        'valvesoftware.com',
      ],
    },
  ],
  rules: [...APPLE_RULES, ...GOOGLE_PLAY_RULES, ...STEAM_RULES],
};
