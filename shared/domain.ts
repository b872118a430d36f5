/**
 * Domain types shared by the core, both shells and the renderer, with their zod schemas beside them.
 * Pure TypeScript: no Node, Electron or DOM (enforced by tsconfig.shared.json and lint).
 */
import { z } from 'zod';

export const SIGNAL_KINDS = [
  'giftcard.purchased',
  'giftcard.opened',
  'giftcard.redeemed',
  'order.cancelled',
  'account.password_changed',
  'account.password_reset',
  'account.signin',
  'account.changed',
  'payment.charge',
  'payment.refund',
  'impersonation',
] as const;
export const SignalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof SignalKindSchema>;

export const GIFTCARD_KINDS: ReadonlySet<SignalKind> = new Set([
  'giftcard.purchased',
  'giftcard.opened',
  'giftcard.redeemed',
]);
export const ACCOUNT_KINDS: ReadonlySet<SignalKind> = new Set([
  'account.password_changed',
  'account.password_reset',
  'account.signin',
  'account.changed',
]);

export const VERDICTS = ['verified', 'unverified', 'suspicious'] as const;
export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

export const INCIDENT_KINDS = ['giftcard_fraud', 'account_takeover', 'phishing'] as const;
export const IncidentKindSchema = z.enum(INCIDENT_KINDS);
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Open: alerting. Closed as "this was me", confirmed as fraud ("not me"), or snoozed until a time. */
export const INCIDENT_STATUSES = ['open', 'dismissed', 'confirmed', 'snoozed'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/** ISO 4217 code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/);

/** An amount as an integer count of the currency's minor unit: JPY 3000 is ¥3,000; USD 15000 is $150.00. */
export const AmountSchema = z.object({
  currency: CurrencySchema,
  minor: z.number().int(),
});
export type Amount = z.infer<typeof AmountSchema>;

export const AuthenticitySchema = z.object({
  verdict: VerdictSchema,
  /** Plain words: "dmarc=pass header.from=amazon.co.jp (mx.google.com)". */
  reason: z.string(),
});
export type Authenticity = z.infer<typeof AuthenticitySchema>;

export const MessageRefSchema = z.object({
  messageId: z.string().nullable(),
  from: z.string(),
  subject: z.string(),
  /** The Date header as an ISO 8601 string with its own offset, or null when absent or unreadable. */
  date: z.string().nullable(),
});
export type MessageRef = z.infer<typeof MessageRefSchema>;

export const SignalSchema = z.object({
  id: z.string(),
  kind: SignalKindSchema,
  /** The service the mail is about, by its main domain: "amazon.co.jp", "rakuten-card.co.jp". */
  vendor: z.string(),
  amount: AmountSchema.nullable(),
  /** ISO 8601 with offset: from the body where stated, else the Date header. */
  occurredAt: z.string(),
  merchant: z.string().nullable(),
  cardLast4: z.string().nullable(),
  orderId: z.string().nullable(),
  recipient: z.string().nullable(),
  authenticity: AuthenticitySchema,
  message: MessageRefSchema,
  /** Which rule recognised it, for the explanation in the window. */
  ruleId: z.string(),
});
export type Signal = z.infer<typeof SignalSchema>;

export const LinkSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Machine name of the rule that made the link. */
  rule: z.string(),
  /** 0..1: how sure the link is. */
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type Link = z.infer<typeof LinkSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  kind: IncidentKindSchema,
  vendor: z.string(),
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  snoozedUntil: z.string().nullable(),
  signalIds: z.array(z.string()),
  links: z.array(LinkSchema),
  openedAt: z.string(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const LOCALES = ['en', 'ja'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;
