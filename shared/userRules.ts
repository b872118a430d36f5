/**
 * Rules a user writes for their own bank or shop, in the window. Plain words, not regular expressions: a sender,
 * a subject marker, the labels their notices print before the amount, merchant and date, and what kind of event
 * the mail is. The core compiles them into the same Rule the built-in packs use, so they behave identically.
 */
import { z } from 'zod';
import { SignalKindSchema, VerdictSchema } from './domain';

/** The kinds a user rule may produce: what their bank or shop mails announce. */
export const USER_RULE_KINDS = [
  'payment.charge',
  'payment.refund',
  'giftcard.purchased',
  'account.password_changed',
  'account.password_reset',
  'account.signin',
  'account.changed',
] as const;

const label = z.string().trim().min(1).max(40);

/** rules.test's limits: at most this many sample mails, each at most 8 MiB of base64. */
export const MAX_SAMPLES = 20;
export const MAX_SAMPLE_BASE64 = 8 * 1024 * 1024;

export const UserRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
    /** What the user calls it: "My credit union". */
    name: z.string().trim().min(1).max(80),
    /** "alerts@mybank.example" (exact address) or "mybank.example" (the domain and its subdomains). */
    sender: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^(?:[a-z0-9._%+-]+@)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/,
        'an address or a domain, like alerts@mybank.example or mybank.example',
      ),
    /** Text the subject contains ("ご利用のお知らせ"); empty accepts any subject from the sender. */
    subjectContains: z.string().trim().max(100).default(''),
    kind: z.enum(USER_RULE_KINDS),
    amountLabels: z.array(label).max(5).default([]),
    merchantLabels: z.array(label).max(5).default([]),
    dateLabels: z.array(label).max(5).default([]),
    /** ISO 4217 currency of amounts printed without a sign. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('JPY'),
    /** IANA time zone of body times that name none. */
    timeZone: z.string().min(1).max(64).default('Asia/Tokyo'),
  })
  .strict()
  .refine((r) => !r.kind.startsWith('payment.') || r.amountLabels.length > 0, {
    message: 'a charge or refund rule needs at least one amount label',
    path: ['amountLabels'],
  });
export type UserRule = z.infer<typeof UserRuleSchema>;
export type UserRuleInput = z.input<typeof UserRuleSchema>;

/** The file a user exports and imports. */
export const UserRulesFileSchema = z
  .object({
    format: z.literal('mimamori-rules'),
    version: z.literal(1),
    rules: z.array(UserRuleSchema).max(500),
  })
  .strict();
export type UserRulesFile = z.infer<typeof UserRulesFileSchema>;

export const RuleTestResultSchema = z.object({
  /** The mails the rule was tried on. */
  mails: z.array(
    z.object({
      source: z.string(),
      from: z.string(),
      subject: z.string(),
      date: z.string().nullable(),
      matched: z.boolean(),
      /** What the rule extracted, in plain fields. */
      signals: z.array(
        z.object({
          kind: SignalKindSchema,
          amount: z.object({ currency: z.string(), minor: z.number().int() }).nullable(),
          merchant: z.string().nullable(),
          occurredAt: z.string(),
          verdict: VerdictSchema,
        }),
      ),
    }),
  ),
  /** Why no mail could be tried, when none was. */
  note: z.string().nullable(),
});
export type RuleTestResult = z.infer<typeof RuleTestResultSchema>;
