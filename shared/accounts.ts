/**
 * Mail accounts as the renderer and the CLI see them. A password never appears in any of these types: it goes
 * from the form straight to the core's keychain and is never sent back (`hasSecret` says whether one is stored).
 */
import { z } from 'zod';

export const TLS_MODES = ['implicit', 'starttls', 'none'] as const;
export const TlsModeSchema = z.enum(TLS_MODES);
export type TlsMode = z.infer<typeof TlsModeSchema>;

const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'a host name or an IP address');

/** SHA-256 fingerprint of a certificate the user chose to trust ("AB:CD:…"), as a mail client's security exception. */
export const FingerprintSchema = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

export const AccountInputSchema = z
  .object({
    label: z.string().max(100).optional(),
    host,
    port: z.number().int().min(1).max(65535),
    tls: TlsModeSchema,
    user: z.string().min(1).max(320),
    /** Pin for a self-signed server certificate, confirmed by the user after a connection test showed it. */
    trustedFingerprint: FingerprintSchema.nullable().optional(),
  })
  .strict();
export type AccountInput = z.infer<typeof AccountInputSchema>;

export const FOLDER_ROLES = ['inbox', 'junk', 'all', 'other'] as const;
export type FolderRole = (typeof FOLDER_ROLES)[number];

export const FolderSchema = z.object({
  path: z.string(),
  role: z.enum(FOLDER_ROLES),
  selected: z.boolean(),
});
export type Folder = z.infer<typeof FolderSchema>;

export const ACCOUNT_STATES = [
  'connecting',
  'syncing',
  'idle',
  'polling',
  'backoff',
  'error',
  'paused',
  'stopped',
] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const SyncProgressSchema = z.object({
  done: z.number().int(),
  total: z.number().int(),
  /** Messages per second over the last minute of work. */
  rate: z.number(),
  /** Seconds left at that rate, or null when unknown. */
  etaSeconds: z.number().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const AccountStatusSchema = z.object({
  state: z.enum(ACCOUNT_STATES),
  /** Plain-language reason for error and backoff. */
  reason: z.string().nullable(),
  /** When the next attempt is due (backoff) or the next poll (idle/polling). */
  nextAttemptAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  backfill: SyncProgressSchema.nullable(),
});
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const AccountSchema = z.object({
  id: z.string(),
  label: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: TlsModeSchema,
  user: z.string(),
  trustedFingerprint: z.string().nullable(),
  backfillMonths: z.number().int(),
  pollSeconds: z.number().int(),
  folders: z.array(FolderSchema),
  hasSecret: z.boolean(),
  status: AccountStatusSchema,
});
export type Account = z.infer<typeof AccountSchema>;

export const CONNECTION_FAILURES = [
  'auth',
  'tls',
  'untrusted-certificate',
  'unreachable',
  'timeout',
  'not-imap4rev1',
  'protocol',
  'no-keychain',
] as const;
export type ConnectionFailure = (typeof CONNECTION_FAILURES)[number];

export const ConnectionTestSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    capabilities: z.array(z.string()),
    folders: z.array(FolderSchema),
  }),
  z.object({
    ok: z.literal(false),
    failure: z.enum(CONNECTION_FAILURES),
    message: z.string(),
    /** For an untrusted (self-signed) certificate: its fingerprint, so the user can decide to trust it. */
    fingerprint: z.string().nullable(),
  }),
]);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  /** Short note on app passwords, both languages. */
  readonly note: { readonly en: string; readonly ja: string };
}

/** Provider presets. Hosts and ports are the providers' published IMAP settings. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    host: 'imap.gmail.com',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Use an app password (Google Account → Security → 2-Step Verification → App passwords); your normal password will be refused.',
      ja: 'アプリ パスワードを使ってください（Google アカウント → セキュリティ → 2 段階認証プロセス → アプリ パスワード）。通常のパスワードは使えません。',
    },
  },
  {
    id: 'outlook',
    name: 'Outlook / Microsoft 365',
    host: 'outlook.office365.com',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Microsoft is phasing out passwords for IMAP; where your account still allows it, use an app password from Security → Advanced security options.',
      ja: 'Microsoft は IMAP のパスワード認証を段階的に廃止しています。利用できる場合は「セキュリティ → 高度なセキュリティ オプション」でアプリ パスワードを作成してください。',
    },
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    host: 'imap.mail.me.com',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Create an app-specific password at appleid.apple.com → Sign-In and Security; the user name is your iCloud address.',
      ja: 'appleid.apple.com の「サインインとセキュリティ」で App 用パスワードを作成してください。ユーザー名は iCloud のメールアドレスです。',
    },
  },
  {
    id: 'yahoo-japan',
    name: 'Yahoo!メール (Yahoo! JAPAN)',
    host: 'imap.mail.yahoo.co.jp',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Turn on IMAP access in Yahoo! Mail settings (IMAP/POP/SMTP アクセス) first; the user name is your Yahoo! JAPAN ID.',
      ja: 'Yahoo!メールの設定「IMAP/POP/SMTPアクセスとメール転送」で IMAP を有効にしてください。ユーザー名は Yahoo! JAPAN ID です。',
    },
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    host: 'imap.mail.yahoo.com',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Generate an app password in Account Security → Generate app password.',
      ja: '「アカウントのセキュリティ → アプリ パスワードを生成」でアプリ パスワードを作成してください。',
    },
  },
  {
    id: 'generic',
    name: 'Other IMAP server',
    host: '',
    port: 993,
    tls: 'implicit',
    note: {
      en: 'Ask your provider for the IMAP host and port; prefer port 993 with TLS.',
      ja: 'IMAP のホスト名とポートはプロバイダーに確認してください。可能なら TLS（ポート 993）を使ってください。',
    },
  },
];

export const DEFAULT_BACKFILL_MONTHS = 12;
export const DEFAULT_POLL_SECONDS = 300;
