/**
 * The app core: composes the store, the pipeline and correlation, and implements the contract in shared/api.ts.
 * It never imports Electron; whatever a shell provides (notifications, tray, file picker) arrives through
 * `Platform`. Both shells and the scan command run exactly this.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  API,
  isApiMethod,
  type Alert,
  type ApiMethod,
  type AppStatus,
  type ApiOutput,
  type ApiResult,
  type EventName,
  type EventPayload,
  type ImportSummary,
  type Timeline,
} from '../../shared/api';
import type { AccountInput } from '../../shared/accounts';
import type { Incident, Locale, Severity } from '../../shared/domain';
import { severityRank } from '../../shared/domain';
import { explainIncident, nextStep } from '../../shared/explain';
import { t } from '../../shared/i18n';
import { correlate, wakeSnoozed, type IncidentChange } from './correlate/reconcile';
import { trayIconPng } from './alerts/icon';
import { toIso } from './parse/datetime';
import { triage } from './parse/triage';
import { commitMails, prepareMail, type PreparedMail, type RecogniseContext } from './pipeline';
import { createDkimChecker, type DkimChecker } from './recognise/dkim';
import { DEFAULT_TRUST, type TrustPolicy } from './recognise/authenticity';
import { BUILT_IN_IDENTITIES, BUILT_IN_RULES } from './recognise/rules';
import type { VendorIdentity } from './recognise/identity';
import { checkUserRule, compileUserRule } from './recognise/userRules';
import { UserRulesRepo } from './store/userRules';
import { reviewHandlers, type ReviewMethod } from './review';
import { reportHandlers } from './report/handlers';
import { recentFrom } from './sources/imap/sample';
import {
  UserRulesFileSchema,
  type RuleTestResult,
  type UserRule,
  type UserRulesFile,
} from '../../shared/userRules';
import type { Rule } from './recognise/rule';
import { KeychainUnavailableError, namespaced, type SecretStore } from './secrets/secrets';
import { bufferMessages, readMailPath, type RawMessage } from './sources/files';
import { senderTokens } from './sources/imap/criteria';
import { AccountError, ImapManager } from './sources/imap/manager';
import { endpointOf } from './sources/imap/watcher';
import { AccountsRepo } from './store/accounts';
import { fileLogger, type Logger } from './log';
import { openDb, type Db } from './store/db';
import { Repo } from './store/repo';
import { ResponseCore } from './response';

export type TrayState = AppStatus['state'];

export interface TrayStatus {
  readonly state: TrayState;
  readonly openIncidents: number;
  readonly tooltip: string;
  /** Watched services whose password is due for rotation (response/). */
  readonly rotationsDue: number;
}

/** What a shell gives the core. Every member is optional except the shell's name and the locale. */
export interface Platform {
  readonly shell: 'electron' | 'headless';
  systemLocale(): Locale;
  notify?(alert: Alert): void;
  setTray?(status: TrayStatus): void;
  /** Shows a native file picker; resolves to the chosen paths, or null when cancelled. */
  pickFiles?(): Promise<string[] | null>;
  /** The OS keychain. Without one, accounts cannot be saved (and the user is told how to fix it). */
  readonly secrets?: SecretStore;
  /** Start the app when the user logs in (Electron: the OS login items); absent where the shell cannot. */
  setStartAtLogin?(on: boolean): void;
  /**
   * Opens a URL in the default browser (Electron: shell.openExternal). The core calls it only with a URL that
   * passed its allow-list (links.open); absent in the headless shell, where the renderer opens the link itself.
   */
  openUrl?(url: string): Promise<void> | void;
}

/** Stands in when a shell has no keychain: every write refuses, saying so. */
const NO_KEYCHAIN: SecretStore = {
  check: () => Promise.reject(new KeychainUnavailableError('this shell has no keychain')),
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new KeychainUnavailableError('this shell has no keychain')),
  delete: () => Promise.resolve(false),
};

export interface CoreOptions {
  readonly dataDir: string;
  readonly platform: Platform;
  readonly version: string;
  readonly clock?: () => Date;
  /** Run alerts through shells (off for the scan command's throw-away database). */
  readonly alerts?: boolean;
  readonly rules?: readonly Rule[];
  readonly trust?: TrustPolicy;
  /** Watch the configured IMAP accounts (the shells); the scan and CLI commands leave this off. */
  readonly watch?: boolean;
  /** Local DKIM checks (default: the system resolver); false turns them off. */
  readonly dkim?: DkimChecker | false;
  /** Where the core writes its log (default: <dataDir>/logs/mimamori.log; the scan passes NO_LOG). */
  readonly log?: Logger;
  /** Test seams for the IMAP watchers. */
  readonly imap?: { backoff?: { baseMs: number; maxMs: number }; connectTimeoutMs?: number };
}

export const DB_FILE = 'mimamori.sqlite';
/** Exchange Online and Outlook.com IMAP hosts: their mail carries Microsoft's id-less Authentication-Results. */
const MICROSOFT_IMAP = /(^|\.)(office365\.com|outlook\.com|hotmail\.com)$/i;
const BATCH = 500;
/** How often watch mode re-checks what time alone changes (see recheck()). */
const RECHECK_MS = 3_600_000;

export class ApiInputError extends Error {
  override readonly name = 'ApiInputError';
}
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
export class UnsupportedError extends Error {
  override readonly name = 'UnsupportedError';
}

type Handlers = { [M in ApiMethod]: (input: never) => Promise<ApiOutput<M>> | ApiOutput<M> };

export class Core {
  readonly db: Db;
  readonly repo: Repo;
  readonly accounts: AccountsRepo;
  readonly userRules: UserRulesRepo;
  readonly imap: ImapManager;
  /** Watched services, one-click rotation, the response playbook (response/). */
  readonly response: ResponseCore;
  readonly log: Logger;
  /** This data directory's keychain namespace (see namespaced()). */
  readonly installId: string;
  private readonly secrets: SecretStore;
  private compiled: { rules: readonly Rule[]; identities: readonly VendorIdentity[] } | null = null;
  private readonly emitter = new EventEmitter();
  private readonly clock: () => Date;
  private readonly handlers: Handlers;
  private recheckTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: CoreOptions) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.db = openDb(path.join(opts.dataDir, DB_FILE));
    this.repo = new Repo(this.db);
    this.accounts = new AccountsRepo(this.db);
    this.userRules = new UserRulesRepo(this.db);
    this.installId = this.repo.getSetting('install.id') ?? randomBytes(8).toString('hex');
    this.repo.setSetting('install.id', this.installId);
    this.secrets = namespaced(opts.platform.secrets ?? NO_KEYCHAIN, this.installId);
    this.log = opts.log ?? fileLogger(opts.dataDir, (line) => process.stderr.write(`${line}\n`));
    this.clock = opts.clock ?? (() => new Date());
    this.response = new ResponseCore({
      db: this.db,
      repo: this.repo,
      clock: () => this.clock(),
      now: () => this.now(),
      locale: () => this.locale(),
      ...(opts.platform.notify ? { notify: (a: Alert) => opts.platform.notify?.(a) } : {}),
      ...(opts.platform.openUrl ? { openUrl: (url: string) => opts.platform.openUrl?.(url) } : {}),
      alerts: opts.alerts !== false,
      emit: (event, payload) => this.emit(event, payload),
      changed: () => this.updateTray(),
      notFound: (message) => new NotFoundError(message),
      invalid: (message) => new ApiInputError(message),
    });
    this.imap = new ImapManager({
      repo: this.repo,
      accounts: this.accounts,
      secrets: this.secrets,
      context: () => this.recogniseContext(),
      tokens: () => senderTokens(this.rules()),
      now: () => this.clock(),
      afterBatch: (b) => this.afterBatch(b),
      onChange: () => {
        this.emit('accounts.changed', {});
        this.updateTray();
      },
      log: this.log,
      ...(opts.imap?.backoff ? { backoff: opts.imap.backoff } : {}),
      ...(opts.imap?.connectTimeoutMs ? { connectTimeoutMs: opts.imap.connectTimeoutMs } : {}),
    });
    this.handlers = {
      'app.info': () => ({
        version: opts.version,
        shell: opts.platform.shell,
        locale: this.locale(),
        capabilities: { pickFiles: opts.platform.pickFiles !== undefined },
      }),
      'timeline.get': (input: { limit?: number }) => this.timeline(input.limit ?? 5000),
      'app.status': () => this.appStatus(),
      'settings.get': () => ({
        locale: this.locale(),
        startAtLogin: opts.platform.setStartAtLogin ? this.repo.getSetting('startAtLogin') === 'true' : null,
      }),
      'settings.setStartAtLogin': (input: { on: boolean }) => {
        if (!opts.platform.setStartAtLogin)
          throw new UnsupportedError(
            'this shell cannot start at login: use your init system (systemd, launchd)',
          );
        opts.platform.setStartAtLogin(input.on);
        this.repo.setSetting('startAtLogin', String(input.on));
        return null;
      },
      'incident.acknowledge': (input: {
        incidentId: string;
        action: 'dismiss' | 'confirm' | 'snooze';
        snoozeHours?: number;
      }) => this.acknowledge(Number(input.incidentId), input.action, input.snoozeHours ?? 24),
      'import.files': async (input: { files: { name: string; base64: string }[] }) => {
        const sources = input.files.map((f) => bufferMessages(Buffer.from(f.base64, 'base64'), f.name));
        return this.importMessages(concat(sources));
      },
      'import.pick': async () => {
        const pick = opts.platform.pickFiles;
        if (!pick)
          throw new UnsupportedError(
            'this shell has no file picker: use the upload or `npm run cli -- import PATH`',
          );
        const paths = await pick();
        return paths && paths.length > 0 ? this.importPaths(paths) : null;
      },
      'settings.setLocale': (input: { locale: Locale }) => {
        this.repo.setSetting('locale', input.locale);
        this.emit('timeline.changed', { reason: 'locale' });
        this.updateTray();
        return null;
      },
      'accounts.list': () => this.imap.list(),
      'accounts.test': (input: { account: AccountInput; password?: string; id?: string }) =>
        this.imap.test(
          input.account,
          input.password ?? null,
          input.id === undefined ? undefined : Number(input.id),
        ),
      'accounts.add': (input: { account: AccountInput; password: string }) =>
        this.imap.add(input.account, input.password),
      'accounts.update': (input: {
        id: string;
        account?: AccountInput;
        password?: string;
        folders?: { path: string; selected: boolean }[];
        backfillMonths?: number;
        pollSeconds?: number;
      }) => {
        const { id, ...patch } = input;
        return this.imap.update(Number(id), patch);
      },
      'accounts.remove': async (input: { id: string }) => {
        if (!this.accounts.get(Number(input.id))) throw new NotFoundError(`no account ${input.id}`);
        await this.imap.remove(Number(input.id));
        return null;
      },
      'accounts.syncNow': (input: { id?: string }) => {
        this.imap.syncNow(input.id === undefined ? undefined : Number(input.id));
        return null;
      },
      ...this.userRuleHandlers(),
      ...this.response.handlers(),
      ...this.reviewHandlers(),
      ...reportHandlers({
        repo: this.repo,
        db: this.db,
        notFound: (message) => new NotFoundError(message),
        unsupported: (message) => new UnsupportedError(message),
      }),
      'accounts.setPaused': async (input: { id: string; paused: boolean }) => {
        if (!this.accounts.get(Number(input.id))) throw new NotFoundError(`no account ${input.id}`);
        await this.imap.setPaused(Number(input.id), input.paused);
        return null;
      },
    };
    if (opts.watch) {
      this.recheckTimer = setInterval(() => this.recheck(), RECHECK_MS);
      this.recheckTimer.unref();
      this.imap.start();
    }
  }

  /**
   * Watch mode's hourly look at what time alone changes: snoozes that ran out reopen (with their alert) and
   * periodic password reminders fall due (the tray refresh checks them), though no mail arrived.
   */
  recheck(): void {
    const woken = wakeSnoozed(this.repo, this.now());
    this.announce(woken);
    if (woken.length > 0) this.emit('timeline.changed', { reason: 'snooze' });
    this.updateTray();
  }

  /**
   * A watcher stored a batch of mail: correlate and tell the windows, unless the batch held no signal (most of a
   * backfill), which changes neither the links, the incidents nor the timeline.
   */
  afterBatch(b?: { stored: number; signals: number }): void {
    if (b !== undefined && b.signals === 0) return;
    this.correlateNow();
    this.emit('timeline.changed', { reason: 'sync' });
  }

  private reviewHandlers(): Pick<Handlers, ReviewMethod> {
    const platform = this.opts.platform;
    return reviewHandlers({
      db: this.db,
      log: this.log,
      now: () => this.now(),
      openUrl: platform.openUrl ? (url) => platform.openUrl?.(url) : undefined,
      notFound: (message) => new NotFoundError(message),
      invalid: (message) => new ApiInputError(message),
    });
  }

  private userRuleHandlers(): Pick<
    Handlers,
    'rules.list' | 'rules.save' | 'rules.delete' | 'rules.test' | 'rules.export' | 'rules.import'
  > {
    return {
      'rules.list': () => this.userRules.list(),
      'rules.save': (input: { rule: UserRule }) => this.saveUserRule(input.rule),
      'rules.delete': (input: { id: string }) => {
        if (!this.userRules.remove(input.id)) throw new NotFoundError(`no rule ${input.id}`);
        this.compiled = null;
        this.emit('timeline.changed', { reason: 'rules' });
        return null;
      },
      'rules.test': (input: { rule: UserRule; samples?: { name: string; base64: string }[] }) =>
        this.testUserRule(input.rule, input.samples ?? []),
      'rules.export': () => {
        const file: UserRulesFile = {
          format: 'mimamori-rules',
          version: 1,
          rules: this.userRules.list().map(({ id: _id, ...r }) => r),
        };
        return { file: `${JSON.stringify(file, null, 2)}\n` };
      },
      'rules.import': (input: { file: string }) => {
        let json: unknown;
        try {
          json = JSON.parse(input.file);
        } catch {
          throw new ApiInputError('not a Mimamori rules file: it is not JSON');
        }
        const parsed = UserRulesFileSchema.safeParse(json);
        if (!parsed.success) {
          throw new ApiInputError(
            `not a Mimamori rules file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        }
        // A rule the user already has, or that the file holds twice, is saved once.
        const existing = new Set(this.userRules.list().map(({ id: _id, ...r }) => JSON.stringify(r)));
        const fresh: UserRule[] = [];
        for (const { id: _id, ...r } of parsed.data.rules) {
          const key = JSON.stringify(r);
          if (existing.has(key)) continue;
          existing.add(key);
          fresh.push(r);
        }
        for (const r of fresh) this.checkRule(r);
        if (fresh.length > 0) {
          const now = this.now();
          this.changeRules(() => {
            for (const r of fresh) this.userRules.save(r, now);
          });
        }
        return { imported: fresh.length };
      },
    };
  }

  /** Validates and stores a user rule, new or edited (see changeRules()). */
  saveUserRule(rule: UserRule): UserRule & { id: string } {
    this.checkRule(rule);
    const id = this.changeRules(() => this.userRules.save(rule, this.now()));
    return { ...rule, id };
  }

  private checkRule(rule: UserRule): void {
    try {
      checkUserRule(rule);
    } catch (err) {
      throw new ApiInputError((err as Error).message);
    }
  }

  /**
   * Writes user rules in one transaction, then syncs and refreshes the timeline once. When the writes change the
   * senders the server-side search asks for (a new rule's, or an edited one's), every IMAP mailbox is searched
   * again from the start, so that past mail from the new sender is read (stored mail is de-duplicated by content).
   */
  private changeRules<T>(write: () => T): T {
    const before = senderTokens(this.rules());
    const out = this.db.transaction(write)();
    this.compiled = null;
    if (JSON.stringify(senderTokens(this.rules())) !== JSON.stringify(before))
      this.accounts.forgetSyncState();
    this.imap.syncNow();
    this.emit('timeline.changed', { reason: 'rules' });
    return out;
  }

  /** Tries a rule on uploaded samples and on recent mail from its sender in the configured accounts. */
  async testUserRule(rule: UserRule, samples: { name: string; base64: string }[]): Promise<RuleTestResult> {
    try {
      checkUserRule(rule);
    } catch (err) {
      throw new ApiInputError((err as Error).message);
    }
    const compiled = compileUserRule({ ...rule, id: 'draft' });
    const ctx: RecogniseContext = {
      ...this.recogniseContext(),
      rules: [compiled.rule],
      identities: [...this.identities(), compiled.identity],
    };
    const raws: RawMessage[] = samples.map((s) => ({ raw: Buffer.from(s.base64, 'base64'), source: s.name }));
    let note: string | null = null;
    for (const a of this.accounts.list().slice(0, 3)) {
      const password = await this.secrets.get(String(a.id), 'password').catch(() => null);
      if (password === null) continue;
      const folders = this.accounts
        .mailboxes(a.id)
        .filter((m) => m.selected)
        .map((m) => m.path);
      try {
        raws.push(...(await recentFrom(endpointOf(a), password, folders, rule.sender, 10)));
      } catch (err) {
        note = `could not search ${a.label}: ${(err as Error).message}`;
      }
    }
    const mails: RuleTestResult['mails'] = [];
    for (const m of raws) {
      const p = await prepareMail(m.raw, m.source, ctx, m.size);
      mails.push({
        source: m.source,
        from: p.meta.fromAddr,
        subject: p.meta.subject,
        date: p.meta.dateIso,
        matched: p.signals.length > 0,
        signals: p.signals.map((s) => ({
          kind: s.kind,
          amount: s.amount,
          merchant: s.merchant,
          occurredAt: s.occurredAt,
          verdict: s.authenticity.verdict,
        })),
      });
    }
    if (mails.length === 0 && note === null) {
      note =
        this.accounts.list().length === 0
          ? 'no account to search and no sample given: add a sample .eml'
          : `no mail from ${rule.sender} was found`;
    }
    return { mails, note };
  }

  identities(): readonly VendorIdentity[] {
    return this.compile().identities;
  }

  private compile(): { rules: readonly Rule[]; identities: readonly VendorIdentity[] } {
    if (!this.compiled) {
      const users = this.userRules.list().map((r) => compileUserRule(r));
      this.compiled = {
        rules: [...(this.opts.rules ?? BUILT_IN_RULES), ...users.map((u) => u.rule)],
        identities: [...BUILT_IN_IDENTITIES, ...users.map((u) => u.identity)],
      };
    }
    return this.compiled;
  }

  /** The built-in rules followed by the user's own. */
  rules(): readonly Rule[] {
    return this.compile().rules;
  }

  /** Trusted Authentication-Results: the built-in providers plus the host of each configured account. */
  trust(): TrustPolicy {
    const base = this.opts.trust ?? DEFAULT_TRUST;
    const hosts = this.imap.hosts();
    return {
      patterns: base.patterns,
      hosts: [...base.hosts, ...hosts],
      anonymous: base.anonymous === true || hosts.some((h) => MICROSOFT_IMAP.test(h)),
    };
  }

  private dkimChecker: DkimChecker | null | undefined;

  recogniseContext(): RecogniseContext {
    if (this.dkimChecker === undefined) {
      this.dkimChecker = this.opts.dkim === false ? null : (this.opts.dkim ?? createDkimChecker());
    }
    return {
      rules: this.rules(),
      identities: this.identities(),
      trust: this.trust(),
      nowIso: this.now(),
      ...(this.dkimChecker ? { dkim: this.dkimChecker } : {}),
    };
  }

  now(): string {
    return toIso({ ms: this.clock().getTime(), offsetMinutes: -this.clock().getTimezoneOffset() });
  }

  locale(): Locale {
    const v = this.repo.getSetting('locale');
    return v === 'ja' || v === 'en' ? v : this.opts.platform.systemLocale();
  }

  /** Validates the input against the contract and runs the handler; never throws. */
  async handle(method: unknown, input: unknown): Promise<ApiResult<unknown>> {
    if (!isApiMethod(method)) return { ok: false, error: { code: 'invalid', message: 'unknown method' } };
    const parsed = API[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid',
          message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        },
      };
    }
    try {
      const handler = this.handlers[method] as (i: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof ApiInputError)
        return { ok: false, error: { code: 'invalid', message: err.message } };
      if (err instanceof NotFoundError)
        return { ok: false, error: { code: 'not_found', message: err.message } };
      if (err instanceof UnsupportedError)
        return { ok: false, error: { code: 'unsupported', message: err.message } };
      if (err instanceof AccountError || err instanceof KeychainUnavailableError) {
        return { ok: false, error: { code: 'invalid', message: err.message } };
      }
      // Internal detail stays in the log; the renderer gets a generic message.
      this.log.log('error', 'call failed', {
        method,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      return { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
  }

  timeline(limit: number): Timeline {
    const incidents = this.sortedIncidents();
    const recent = this.repo.recentSignals(limit);
    const have = new Set(recent.map((s) => s.id));
    const missing = incidents.flatMap((i) => i.signalIds).filter((id) => !have.has(id));
    const extra = this.repo.signalsByIds([...new Set(missing)]);
    const signals = [...recent, ...extra].sort(
      (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || Number(b.id) - Number(a.id),
    );
    return { incidents, signals, total: this.repo.countSignals() };
  }

  /** Active incidents first, most severe first, then newest. */
  sortedIncidents(): Incident[] {
    const active = (i: Incident): number =>
      i.status === 'open' || i.status === 'confirmed' ? 0 : i.status === 'snoozed' ? 1 : 2;
    return this.repo
      .incidents()
      .sort(
        (a, b) =>
          active(a) - active(b) ||
          severityRank(b.severity) - severityRank(a.severity) ||
          b.updatedAt.localeCompare(a.updatedAt) ||
          Number(b.id) - Number(a.id),
      );
  }

  acknowledge(id: number, action: 'dismiss' | 'confirm' | 'snooze', snoozeHours: number): Incident {
    const incident = this.repo.incident(id);
    if (!incident) throw new NotFoundError(`no incident ${id}`);
    const now = this.now();
    this.db.transaction(() => {
      if (action === 'dismiss') {
        this.repo.setIncidentStatus(id, 'dismissed', null, now);
        this.repo.addHistory(id, now, 'dismissed', 'this was me');
      } else if (action === 'confirm') {
        this.repo.setIncidentStatus(id, 'confirmed', null, now);
        this.repo.addHistory(id, now, 'confirmed', 'not me');
      } else {
        const until = toIso({
          ms: this.clock().getTime() + snoozeHours * 3_600_000,
          offsetMinutes: -this.clock().getTimezoneOffset(),
        });
        this.repo.setIncidentStatus(id, 'snoozed', until, now);
        this.repo.addHistory(id, now, 'snoozed', `until ${until}`);
      }
    })();
    this.emit('timeline.changed', { reason: 'acknowledged' });
    this.updateTray();
    const updated = this.repo.incident(id);
    if (!updated) throw new NotFoundError(`no incident ${id}`);
    return updated;
  }

  async importPaths(paths: readonly string[]): Promise<ImportSummary> {
    return this.importMessages(concat(paths.map((p) => readMailPath(p))));
  }

  /** Imports messages in batches of one transaction each, then correlates once and alerts. */
  async importMessages(messages: AsyncIterable<RawMessage>): Promise<ImportSummary> {
    const summary = { scanned: 0, unparsed: 0, duplicates: 0, signals: 0, errors: [] as string[] };
    let batch: PreparedMail[] = [];
    const flush = (): void => {
      const r = commitMails(this.repo, batch);
      summary.unparsed += r.unparsed;
      summary.duplicates += r.duplicates;
      summary.signals += r.signals;
      for (const p of batch)
        if (p.meta.status === 'unparsed' && summary.errors.length < 20)
          summary.errors.push(`${p.meta.source}: ${p.meta.error}`);
      batch = [];
    };
    const ctx = this.recogniseContext();
    for await (const m of messages) {
      summary.scanned++;
      // Most of a mailbox is from senders nobody watches: they are not parsed, and not stored (nothing about
      // them would be shown), which keeps a 100,000-mail Takeout import to seconds (BENCHMARKS.md).
      if (triage(m.raw, ctx.identities) === 'skip') continue;
      batch.push(await prepareMail(m.raw, m.source, ctx, m.size));
      if (batch.length >= BATCH) flush();
    }
    flush();
    this.log.log('info', 'imported', {
      scanned: summary.scanned,
      unparsed: summary.unparsed,
      duplicates: summary.duplicates,
      signals: summary.signals,
    });
    this.correlateNow();
    this.emit('timeline.changed', { reason: 'import' });
    return summary;
  }

  /** Correlates, then raises one alert per new, escalated or reopened incident. */
  correlateNow(): IncidentChange[] {
    const changes = correlate(this.repo, this.now());
    this.announce(changes);
    this.updateTray();
    return changes;
  }

  /** Logs incident changes and raises their alerts. */
  private announce(changes: readonly IncidentChange[]): void {
    for (const c of changes) {
      this.log.log('info', `incident ${c.change}`, {
        incident: c.incident.id,
        kind: c.incident.kind,
        severity: c.incident.severity,
        signals: c.incident.signalIds.length,
      });
    }
    if (this.opts.alerts !== false) {
      const locale = this.locale();
      for (const c of changes) {
        if (c.incident.status === 'dismissed') continue;
        const signals = this.repo.signalsByIds(c.incident.signalIds);
        const text = explainIncident(c.incident, signals, locale);
        const alert: Alert = {
          incidentId: c.incident.id,
          severity: c.incident.severity,
          kind: c.incident.kind,
          title: text.title,
          body: `${text.explanation}\n${nextStep(c.incident, locale)}`,
          escalated: c.change !== 'opened',
        };
        this.emit('alert', alert);
        this.opts.platform.notify?.(alert);
      }
    }
  }

  /**
   * The tray's state: incidents first (critical, warning), then what the accounts are doing (syncing with the
   * backfill progress and ETA, or an error), else watching. The tooltip says it in the user's language.
   */
  trayStatus(rotationsDue = this.response.dueCount()): TrayStatus {
    const open = this.repo.incidentSummaries().filter((i) => i.status === 'open' || i.status === 'confirmed');
    const worst = open.reduce<Severity | null>(
      (w, i) => (w === null || severityRank(i.severity) > severityRank(w) ? i.severity : w),
      null,
    );
    const locale = this.locale();
    const ja = locale === 'ja';
    const statuses = this.accounts.list().map((a) => this.imap.status(a.id));
    const backfills = statuses.map((s) => s.backfill).filter((b) => b !== null);
    const failing = statuses.filter((s) => s.state === 'error' || s.state === 'backoff').length;
    const lines: string[] = [];
    lines.push(
      open.length === 0
        ? ja
          ? '見守り: 異常なし'
          : 'Mimamori: all quiet'
        : ja
          ? `見守り: 未対応のインシデント ${open.length}件`
          : `Mimamori: ${open.length} open incident${open.length === 1 ? '' : 's'}`,
    );
    if (backfills.length > 0) {
      const done = backfills.reduce((n, b) => n + b.done, 0);
      const total = backfills.reduce((n, b) => n + b.total, 0);
      const etas = backfills.map((b) => b.etaSeconds).filter((e): e is number => e !== null);
      const eta = etas.length > 0 ? Math.max(...etas) : null;
      const etaText =
        eta === null
          ? ''
          : ja
            ? `、残り約${Math.ceil(eta / 60)}分`
            : `, about ${Math.ceil(eta / 60)} min left`;
      lines.push(
        ja
          ? `過去のメールを確認中 ${done}/${total}${etaText}`
          : `Checking past mail ${done}/${total}${etaText}`,
      );
    }
    if (rotationsDue > 0) lines.push(t(locale, 'status.rotations', { count: rotationsDue }));
    if (failing > 0)
      lines.push(
        ja
          ? `接続できないアカウント: ${failing}`
          : `${failing} account${failing === 1 ? '' : 's'} cannot connect`,
      );
    const state: TrayState =
      worst === 'critical'
        ? 'critical'
        : worst === 'warning'
          ? 'warning'
          : failing > 0
            ? 'error'
            : statuses.some((s) => s.state === 'syncing')
              ? 'syncing'
              : 'watching';
    return { state, openIncidents: open.length, tooltip: lines.join('\n'), rotationsDue };
  }

  appStatus(status = this.trayStatus()): AppStatus {
    return {
      ...status,
      icon: `data:image/png;base64,${trayIconPng(status.state, status.openIncidents, 32).toString('base64')}`,
    };
  }

  private lastStatus = '';

  /** One refresh: the reminders checked and the due count taken from the same look at the services. */
  private updateTray(): void {
    const status = this.trayStatus(this.response.check());
    this.opts.platform.setTray?.(status);
    const key = JSON.stringify(status);
    if (key !== this.lastStatus) {
      this.lastStatus = key;
      this.emit('status.changed', this.appStatus(status));
    }
  }

  /** A shell's notification was clicked: every window shows that incident. */
  focusIncident(id: string): void {
    this.emit('incident.focus', { incidentId: id });
  }

  /** A shell asks every window to show a screen (the tray's "Passwords to rotate"). */
  focusView(view: 'passwords'): void {
    this.emit('view.focus', { view });
  }

  async close(): Promise<void> {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    await this.imap.stop();
    this.db.close();
  }
}

/** The messages of each source in turn. */
export async function* concat<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const s of sources) yield* s;
}
