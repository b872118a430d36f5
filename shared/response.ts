/**
 * Responding to an incident, and keeping passwords fresh: the watched service accounts with their reminder
 * policy, the one-click rotation (the vendor's official page, then "Done?"), the response playbook with the time
 * each step was done, and the refund-window countdown. Schemas for the contract (api.ts) and the pure helpers
 * that the core and the renderer share. Pure TypeScript: no Node, Electron or DOM.
 */
import { z } from 'zod';
import { AmountSchema, IncidentKindSchema } from './domain';

/**
 * Evidence (the default): rotation is due when an incident on the service is open or confirmed. Periodic: also
 * every N days, for the user who asks for it. NIST SP 800-63B advises against calendar changes: §5.1.1.2 (rev. 3)
 * says verifiers SHOULD NOT require periodic changes but SHALL force one on evidence of compromise; rev. 4
 * (§3.1.1.2) turns the first into SHALL NOT.
 */
export const SERVICE_POLICIES = ['evidence', 'periodic'] as const;
export const ServicePolicySchema = z.enum(SERVICE_POLICIES);
export type ServicePolicy = z.infer<typeof ServicePolicySchema>;

/** Where the last password change is known from. */
export const CHANGE_SOURCES = ['mail', 'entered', 'rotation'] as const;

/** The kinds of official page the curated list knows per vendor (electron/core/response/passwordPages.ts). */
export const PAGE_PURPOSES = ['password', 'signout', 'twoStep', 'orders', 'contact'] as const;
export const PagePurposeSchema = z.enum(PAGE_PURPOSES);
export type PagePurpose = z.infer<typeof PagePurposeSchema>;

export const MIN_PERIOD_DAYS = 1;
export const MAX_PERIOD_DAYS = 3650;

export const ServiceSchema = z.object({
  /** The vendor id (its main domain), as everywhere: "amazon.co.jp". */
  vendor: z.string(),
  /** Proposed from the mailbox (a shop or platform seen in mail), or added by hand. */
  origin: z.enum(['mailbox', 'manual']),
  policy: ServicePolicySchema,
  /** Set when the policy is periodic. */
  periodDays: z.number().int().nullable(),
  /** The last known password change: the latest of a rotation, a date entered, or a password-changed mail. */
  lastChange: z.object({ at: z.string(), source: z.enum(CHANGE_SOURCES) }).nullable(),
  /** Why rotation is due now, or null when it is not. Evidence wins over the calendar. */
  due: z
    .object({
      reason: z.enum(['evidence', 'periodic']),
      /** When it became due: the evidence's time, or the last change plus the period. */
      since: z.string(),
      /** The incident that makes it due (evidence only). */
      incidentId: z.string().nullable(),
    })
    .nullable(),
  /** The curated official pages for this vendor (passwordPages.ts); empty when none is known. */
  pages: z.array(PagePurposeSchema),
  /** When the reminder for the current due period was notified (periodic reminders notify once). */
  remindedAt: z.string().nullable(),
});
export type Service = z.infer<typeof ServiceSchema>;

export const ServicesSchema = z.object({
  services: z.array(ServiceSchema),
  /** Vendors with an official password page that the user may add by hand (not yet watched). */
  addable: z.array(z.string()),
});
export type Services = z.infer<typeof ServicesSchema>;

export const OpenedUrlSchema = z.object({
  openedAt: z.string(),
  vendor: z.string(),
  url: z.string(),
  purpose: PagePurposeSchema,
  incidentId: z.string().nullable(),
  /** shell: the shell opened it in the default browser (Electron); renderer: handed to the window to open. */
  via: z.enum(['shell', 'renderer']),
});
export type OpenedUrl = z.infer<typeof OpenedUrlSchema>;

export const OpenResultSchema = z.object({
  url: z.string(),
  /** True when the shell opened it; false when the renderer must (the headless shell cannot open a browser). */
  opened: z.boolean(),
});
export type OpenResult = z.infer<typeof OpenResultSchema>;

export const PhoneSchema = z.object({
  /** Where the number works: "JP" (toll-free within Japan), "US". */
  region: z.string(),
  number: z.string(),
});
export type Phone = z.infer<typeof PhoneSchema>;

export const STEP_KINDS = [
  'password',
  'signout',
  'twoStep',
  'orders',
  'contact',
  'bank',
  'statements',
  'phishingDelete',
  'phishingPassword',
] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

/** "password", "signout", …, or "bank:<bank vendor>" (one step per bank that charged). */
export const StepKeySchema = z.string().regex(/^[a-zA-Z]{1,30}(?::[a-z0-9.-]{1,100})?$/);

export const PlaybookStepSchema = z.object({
  key: z.string(),
  kind: StepKindSchema,
  /** Whose page or phone the step points at: the incident's vendor, or the bank for a bank step. */
  vendor: z.string(),
  /** The official page the step links to (passwordPages.ts), or null when none is known. */
  link: PagePurposeSchema.nullable(),
  /** Amazon's cancelled-orders filter rather than a plain order history. */
  cancelledOrders: z.boolean(),
  phones: z.array(PhoneSchema),
  doneAt: z.string().nullable(),
  /** Bank steps: charges linked since the step was done, not yet reported. */
  unreported: z.number().int(),
});
export type PlaybookStep = z.infer<typeof PlaybookStepSchema>;

export const CountdownSchema = z.object({
  bank: z.string(),
  windowDays: z.number().int(),
  /** The window is the bank's default (refundWindows.ts) or one the user set. */
  windowCustom: z.boolean(),
  /** US debit cards (Regulation E): liability is lowest when reported within 2 business days. */
  early: z.object({ businessDays: z.number().int(), deadline: z.string() }).nullable(),
  /** The earliest linked charge not yet reported (or, when all are reported, the earliest of all). */
  charge: z.object({ signalId: z.string(), occurredAt: z.string(), amount: AmountSchema.nullable() }),
  /** The charge's time plus the window, in the charge's own offset. */
  deadline: z.string(),
  /** When the bank step covering every charge was done; null while some charge is unreported. */
  reportedAt: z.string().nullable(),
  charges: z.number().int(),
});
export type Countdown = z.infer<typeof CountdownSchema>;

export const PlaybookSchema = z.object({
  incidentId: z.string(),
  kind: IncidentKindSchema,
  vendor: z.string(),
  steps: z.array(PlaybookStepSchema),
  /** One per bank with linked charges, the most pressing first. */
  countdowns: z.array(CountdownSchema),
});
export type Playbook = z.infer<typeof PlaybookSchema>;

export const RefundWindowSchema = z.object({
  vendor: z.string(),
  days: z.number().int(),
  defaultDays: z.number().int(),
  custom: z.boolean(),
});
export type RefundWindow = z.infer<typeof RefundWindowSchema>;

export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 3650;

const DAY = 86_400_000;

export type CountdownState = 'open' | 'urgent' | 'passed' | 'reported';

/**
 * Where a countdown stands at `nowMs`: urgent in its last tenth, and never later than three days before the
 * deadline (a 30-day window turns urgent with 3 days left, a 60-day one with 6).
 */
export function countdownState(
  c: Pick<Countdown, 'deadline' | 'windowDays' | 'reportedAt'>,
  nowMs: number,
): { state: CountdownState; msLeft: number } {
  const msLeft = Date.parse(c.deadline) - nowMs;
  if (c.reportedAt !== null) return { state: 'reported', msLeft };
  if (msLeft <= 0) return { state: 'passed', msLeft };
  const urgentMs = Math.max(3 * DAY, c.windowDays * DAY * 0.1);
  return { state: msLeft <= urgentMs ? 'urgent' : 'open', msLeft };
}

/** Whole days and hours in a span (never negative). */
export function splitSpan(ms: number): { days: number; hours: number } {
  const abs = Math.max(0, Math.abs(ms));
  const days = Math.floor(abs / DAY);
  return { days, hours: Math.floor((abs - days * DAY) / 3_600_000) };
}

const empty = z.object({}).strict();
const incidentId = z.string().regex(/^\d{1,15}$/);
/** A vendor id: its main domain. */
export const VendorIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/);
const periodDays = z.number().int().min(MIN_PERIOD_DAYS).max(MAX_PERIOD_DAYS);

/** The calls of this feature, spread into the contract (api.ts). */
export const RESPONSE_API = {
  'services.list': { input: empty, output: ServicesSchema },
  /** Adds a service by hand, or changes its policy or its last change ("YYYY-MM-DD"; null clears an entered one). */
  'services.save': {
    input: z
      .object({
        vendor: VendorIdSchema,
        policy: ServicePolicySchema,
        periodDays: periodDays.optional(),
        lastChanged: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable()
          .optional(),
      })
      .strict(),
    output: ServiceSchema,
  },
  /** Stops watching a service; it is not proposed from the mailbox again (adding it by hand brings it back). */
  'services.remove': { input: z.object({ vendor: VendorIdSchema }).strict(), output: z.null() },
  /** Opens (Electron) or hands out (headless) the vendor's official page for a purpose, and records it. */
  'response.open': {
    input: z
      .object({ vendor: VendorIdSchema, purpose: PagePurposeSchema, incidentId: incidentId.optional() })
      .strict(),
    output: OpenResultSchema,
  },
  /** Every official URL the core opened or handed out, newest first. */
  'response.opened': { input: empty, output: z.array(OpenedUrlSchema) },
  /** "Done?" answered yes after a rotation. */
  'rotation.done': {
    input: z.object({ vendor: VendorIdSchema, incidentId: incidentId.optional() }).strict(),
    output: ServiceSchema,
  },
  'playbook.get': { input: z.object({ incidentId }).strict(), output: PlaybookSchema },
  'playbook.setStep': {
    input: z.object({ incidentId, step: StepKeySchema, done: z.boolean() }).strict(),
    output: PlaybookSchema,
  },
  'refundWindows.list': { input: empty, output: z.array(RefundWindowSchema) },
  /** A bank's refund window in days; null goes back to the default. */
  'refundWindows.set': {
    input: z
      .object({
        vendor: VendorIdSchema,
        days: z.number().int().min(MIN_WINDOW_DAYS).max(MAX_WINDOW_DAYS).nullable(),
      })
      .strict(),
    output: RefundWindowSchema,
  },
} as const;

/** The events of this feature, spread into the contract's events (api.ts). */
export const RESPONSE_EVENTS = {
  /** A watched service was added, changed, rotated or removed: the Passwords screen fetches again. */
  'services.changed': z.object({}),
  /** A shell asks the window to show a screen (the tray's "Passwords to rotate", a reminder clicked). */
  'view.focus': z.object({ view: z.enum(['passwords']) }),
} as const;
