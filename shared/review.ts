/**
 * The timeline review (issue 6): the query behind the virtualised timeline, the stored mail behind an event, and
 * the rules for opening a link from a mail. Schemas here, the calls in api.ts.
 */
import { z } from 'zod';
import {
  AuthenticitySchema,
  LinkSchema,
  SeveritySchema,
  SignalKindSchema,
  SignalSchema,
  VerdictSchema,
} from './domain';

const id = z.string().regex(/^\d{1,15}$/);

/** The most signals one timeline.query returns. */
export const MAX_TIMELINE_PAGE = 500;

/** Where a page ends: the last signal's time (epoch ms) and id; the next page starts after it. */
export const TimelineCursorSchema = z.object({ ms: z.number().int(), id }).strict();
export type TimelineCursor = z.infer<typeof TimelineCursorSchema>;

export const TimelineFilterSchema = z
  .object({
    /** IMAP account ids, or "files" for mail imported from files. */
    accounts: z
      .array(z.union([id, z.literal('files')]))
      .max(100)
      .optional(),
    vendors: z.array(z.string().min(1).max(200)).max(100).optional(),
    kinds: z.array(SignalKindSchema).max(20).optional(),
    /** Severity of an incident the signal belongs to. */
    severities: z.array(SeveritySchema).max(3).optional(),
    verdicts: z.array(VerdictSchema).max(3).optional(),
    /** Full-text search over subject, sender, merchant, vendor, order id and recipient (every word must match). */
    text: z.string().max(200).optional(),
  })
  .strict();
export type TimelineFilter = z.infer<typeof TimelineFilterSchema>;

export const TimelineQueryInputSchema = z
  .object({
    filter: TimelineFilterSchema.optional(),
    order: z.enum(['newest', 'oldest']).optional(),
    cursor: TimelineCursorSchema.optional(),
    limit: z.number().int().min(1).max(MAX_TIMELINE_PAGE).optional(),
  })
  .strict();
export type TimelineQueryInput = z.infer<typeof TimelineQueryInputSchema>;

export const TimelinePageSchema = z.object({
  /** In the order asked for. */
  signals: z.array(SignalSchema),
  /** How many signals match the filter, on every page. */
  total: z.number().int(),
  /** Every link with at least one end among these signals (the other end may be on another page). */
  links: z.array(LinkSchema),
  /** Signal id → the incidents it belongs to (absent: none). */
  incidentIds: z.record(z.string(), z.array(z.string())),
  /** Where the next page starts, or null on the last page. */
  nextCursor: TimelineCursorSchema.nullable(),
  /** Every vendor with a signal, for the filter bar. */
  vendors: z.array(z.string()),
});
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

export const MailLinkSchema = z.object({
  url: z.string(),
  /** The link's text in the mail, when it was a link in HTML. */
  text: z.string().nullable(),
});
export type MailLink = z.infer<typeof MailLinkSchema>;

export const MessageDetailSchema = z.object({
  signalId: z.string(),
  messageId: z.string().nullable(),
  /** The From address, lower-cased: what the image allow-list is keyed on. */
  sender: z.string(),
  from: z.string(),
  subject: z.string(),
  date: z.string().nullable(),
  /** Every header in order, topmost first, with its name as written and its value decoded (RFC 2047). */
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  text: z.string(),
  /** The HTML body as it came, unsanitised: the renderer sanitises it before showing it. */
  html: z.string().nullable(),
  links: z.array(MailLinkSchema),
  authenticity: AuthenticitySchema,
  imagesAllowed: z.boolean(),
  /** Only the first part of a huge mail was kept. */
  truncated: z.boolean(),
  size: z.number().int(),
});
export type MessageDetail = z.infer<typeof MessageDetailSchema>;

export const LinkOpenResultSchema = z.object({
  /** True when the shell opened it in the default browser; false when the renderer must (headless). */
  opened: z.boolean(),
  /** The URL as checked and normalised: open exactly this. */
  url: z.string(),
});
export type LinkOpenResult = z.infer<typeof LinkOpenResultSchema>;

/** A sender address as stored (lower-cased by the parser) or typed. */
export const SenderSchema = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/);
