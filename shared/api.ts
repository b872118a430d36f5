/**
 * The one contract between the renderer and the core: calls (request → result) and pushed events. The Electron
 * preload, the Electron main process and the headless shell's socket all speak exactly this; the core validates
 * every input against the schema here before it reaches a handler.
 */
import { z } from 'zod';
import { AccountInputSchema, AccountSchema, ConnectionTestSchema } from './accounts';
import { IncidentSchema, LocaleSchema, SignalSchema } from './domain';
import { MAX_SAMPLE_BASE64, MAX_SAMPLES, RuleTestResultSchema, UserRuleSchema } from './userRules';
import {
  LinkOpenResultSchema,
  MessageDetailSchema,
  SenderSchema,
  TimelinePageSchema,
  TimelineQueryInputSchema,
} from './review';
import { RESPONSE_API, RESPONSE_EVENTS } from './response';
import type { EVENT_NAMES_LIST, METHOD_NAMES } from './ipc';

export const AppInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'headless']),
  locale: LocaleSchema,
  capabilities: z.object({
    /** The shell can show a native file picker and import what the user chose (Electron). */
    pickFiles: z.boolean(),
  }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const TRAY_STATES = ['watching', 'syncing', 'warning', 'critical', 'error'] as const;

/** What the tray shows (Electron) or the page title and favicon (headless). */
export const AppStatusSchema = z.object({
  state: z.enum(TRAY_STATES),
  openIncidents: z.number().int(),
  tooltip: z.string(),
  /** The tray icon as a PNG data URL, for the headless shell's favicon. */
  icon: z.string(),
  /** Watched services whose password is due for rotation (shared/response.ts). */
  rotationsDue: z.number().int(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const SettingsSchema = z.object({
  locale: LocaleSchema,
  /** null where the shell cannot start at login (the headless shell: use your init system). */
  startAtLogin: z.boolean().nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const TimelineSchema = z.object({
  incidents: z.array(IncidentSchema),
  /** Newest first. Every signal an incident refers to is included. */
  signals: z.array(SignalSchema),
  /** How many signals exist in all (the list may be a page). */
  total: z.number().int(),
});
export type Timeline = z.infer<typeof TimelineSchema>;

export const ImportSummarySchema = z.object({
  scanned: z.number().int(),
  unparsed: z.number().int(),
  duplicates: z.number().int(),
  signals: z.number().int(),
  errors: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** An exported incident report, as a file for the renderer to offer as a download. */
export const ReportFileSchema = z.object({
  /** ASCII only: "mimamori-incident-1-2026-05-22-ja.pdf". */
  filename: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  /** Said to the user when the file could not hold everything (a PDF without a Japanese font), else null. */
  notice: z.string().nullable(),
});
export type ReportFile = z.infer<typeof ReportFileSchema>;

/** 64 MiB of base64 per call: bigger mailboxes go through the file picker (Electron) or the command line. */
export const MAX_UPLOAD_BASE64 = 64 * 1024 * 1024 * (4 / 3);

const empty = z.object({}).strict();
const accountId = z.string().regex(/^\d{1,15}$/);

export const API = {
  'app.info': { input: empty, output: AppInfoSchema },
  'app.status': { input: empty, output: AppStatusSchema },
  'settings.get': { input: empty, output: SettingsSchema },
  'settings.setStartAtLogin': { input: z.object({ on: z.boolean() }).strict(), output: z.null() },
  'timeline.get': {
    input: z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    output: TimelineSchema,
  },
  'incident.acknowledge': {
    input: z
      .object({
        incidentId: z.string().regex(/^\d{1,15}$/),
        action: z.enum(['dismiss', 'confirm', 'snooze']),
        snoozeHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .optional(),
      })
      .strict(),
    output: IncidentSchema,
  },
  'import.files': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().max(500),
                base64: z.string().max(MAX_UPLOAD_BASE64),
              })
              .strict(),
          )
          .min(1)
          .max(1000),
      })
      .strict(),
    output: ImportSummarySchema,
  },
  'import.pick': { input: empty, output: ImportSummarySchema.nullable() },
  'settings.setLocale': { input: z.object({ locale: LocaleSchema }).strict(), output: z.null() },
  'accounts.list': { input: empty, output: z.array(AccountSchema) },
  'accounts.test': {
    input: z
      .object({
        account: AccountInputSchema,
        password: z.string().min(1).max(1000).optional(),
        id: accountId.optional(),
      })
      .strict(),
    output: ConnectionTestSchema,
  },
  'accounts.add': {
    input: z.object({ account: AccountInputSchema, password: z.string().min(1).max(1000) }).strict(),
    output: z.object({ account: AccountSchema.nullable(), test: ConnectionTestSchema }),
  },
  'accounts.update': {
    input: z
      .object({
        id: accountId,
        account: AccountInputSchema.optional(),
        password: z.string().min(1).max(1000).optional(),
        folders: z
          .array(z.object({ path: z.string().max(1000), selected: z.boolean() }).strict())
          .max(1000)
          .optional(),
        backfillMonths: z.number().int().min(1).max(120).optional(),
        pollSeconds: z.number().int().min(30).max(86_400).optional(),
      })
      .strict(),
    output: z.object({ account: AccountSchema.nullable(), test: ConnectionTestSchema.nullable() }),
  },
  'accounts.remove': { input: z.object({ id: accountId }).strict(), output: z.null() },
  'accounts.syncNow': { input: z.object({ id: accountId.optional() }).strict(), output: z.null() },
  'accounts.setPaused': {
    input: z.object({ id: accountId, paused: z.boolean() }).strict(),
    output: z.null(),
  },
  'rules.list': { input: empty, output: z.array(UserRuleSchema) },
  'rules.save': { input: z.object({ rule: UserRuleSchema }).strict(), output: UserRuleSchema },
  'rules.delete': { input: z.object({ id: z.string().regex(/^\d{1,15}$/) }).strict(), output: z.null() },
  'rules.test': {
    input: z
      .object({
        rule: UserRuleSchema,
        samples: z
          .array(z.object({ name: z.string().max(500), base64: z.string().max(MAX_SAMPLE_BASE64) }).strict())
          .max(MAX_SAMPLES)
          .optional(),
      })
      .strict(),
    output: RuleTestResultSchema,
  },
  'rules.export': { input: empty, output: z.object({ file: z.string() }) },
  'rules.import': {
    input: z.object({ file: z.string().max(1024 * 1024) }).strict(),
    output: z.object({ imported: z.number().int() }),
  },
  // The incident report for the support call (electron/core/report/).
  'report.export': {
    input: z
      .object({
        incidentId: z.string().regex(/^\d{1,15}$/),
        format: z.enum(['pdf', 'csv', 'md']),
        locale: LocaleSchema,
      })
      .strict(),
    output: ReportFileSchema,
  },
  // The timeline review (shared/review.ts).
  'timeline.query': { input: TimelineQueryInputSchema, output: TimelinePageSchema },
  'message.get': {
    input: z.object({ signalId: z.string().regex(/^\d{1,15}$/) }).strict(),
    output: MessageDetailSchema,
  },
  'links.open': {
    input: z
      .object({
        url: z.string().min(1).max(8192),
        messageSignalId: z
          .string()
          .regex(/^\d{1,15}$/)
          .optional(),
      })
      .strict(),
    output: LinkOpenResultSchema,
  },
  'senders.allowImages': {
    input: z.object({ sender: SenderSchema, allow: z.boolean() }).strict(),
    output: z.object({ sender: z.string(), allowed: z.boolean() }),
  },
  // Responding: watched services, one-click rotation, the playbook, refund windows (shared/response.ts).
  ...RESPONSE_API,
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.infer<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

export const AlertSchema = z.object({
  incidentId: z.string(),
  severity: IncidentSchema.shape.severity,
  kind: IncidentSchema.shape.kind,
  title: z.string(),
  body: z.string(),
  escalated: z.boolean(),
  /** Set for a password-rotation reminder (no incident: incidentId is ''), shared/response.ts. */
  reminder: z.object({ vendor: z.string() }).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const EVENTS = {
  /** Something the timeline shows changed; the renderer fetches again. */
  'timeline.changed': z.object({ reason: z.string() }),
  /** A new or escalated incident, once per change (never once per mail). */
  alert: AlertSchema,
  /** The tray state changed (incidents, syncing, errors). */
  'status.changed': AppStatusSchema,
  /** The user clicked a notification: show that incident. */
  'incident.focus': z.object({ incidentId: z.string() }),
  /** An account was added, changed or removed, or its sync status moved: the renderer fetches the list again. */
  'accounts.changed': z.object({}),
  // Watched services and the window's screens (shared/response.ts).
  ...RESPONSE_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export type ApiError = { code: 'invalid' | 'not_found' | 'unsupported' | 'internal'; message: string };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the renderer holds: implemented over Electron IPC by the preload, or over the headless socket. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The preload's global, as the renderer sees it. Callbacks get payloads only, never Electron event objects. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

// Compile-time proof that the preload's name lists (ipc.ts) are exactly the contract's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsMatch: Same<(typeof METHOD_NAMES)[number], ApiMethod> = true;
const eventsMatch: Same<(typeof EVENT_NAMES_LIST)[number], EventName> = true;
void methodsMatch;
void eventsMatch;
