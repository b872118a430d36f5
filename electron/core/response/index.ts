/**
 * Responding to a takeover, in the core: watched services and their due reminders, the one-click rotation (an
 * official page from passwordPages.ts, opened by the shell or handed to the window, and always recorded), the
 * playbook's steps and the refund windows. The Core spreads `handlers()` into its handler map and calls
 * `check()` whenever it refreshes the tray.
 */
import type { Alert, ApiInput, ApiOutput, EventName, EventPayload } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import type { Incident, Locale, Signal } from '../../../shared/domain';
import type {
  OpenResult,
  PagePurpose,
  RefundWindow,
  RESPONSE_API,
  Service,
  Services,
} from '../../../shared/response';
import { vendorInfo, vendorName, VENDORS } from '../../../shared/vendors';
import { identityOf, isVendorDomain } from '../recognise/identity';
import type { Db } from '../store/db';
import type { Repo } from '../store/repo';
import { PASSWORD_PAGES, pageUrl } from './passwordPages';
import { buildPlaybook, chargesByBank, passwordStepKey, type WindowInfo } from './playbook';
import { defaultWindow } from './refundWindows';
import { isoAt, serviceView } from './services';
import { ResponseStore, type ServiceRow } from './store';

export type ResponseMethod = keyof typeof RESPONSE_API;

type ResponseHandlers = {
  [M in ResponseMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

export interface ResponseDeps {
  readonly db: Db;
  readonly repo: Repo;
  readonly clock: () => Date;
  readonly now: () => string;
  readonly locale: () => Locale;
  readonly notify?: (alert: Alert) => void;
  /** The shell's browser opener (Electron); absent in the headless shell. */
  readonly openUrl?: (url: string) => Promise<void> | void;
  /** Raise reminders (off for the scan command). */
  readonly alerts: boolean;
  readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /**
   * Something the tray counts changed: the core refreshes the tray (which calls check()). The core's hourly
   * re-check in watch mode refreshes it too, which is when periodic reminders fall due without any other change.
   */
  readonly changed: () => void;
  readonly notFound: (message: string) => Error;
  readonly invalid: (message: string) => Error;
}

/** Banks, card issuers and payment services: the vendors with a refund window. */
function isPayer(role: string | undefined): boolean {
  return role === 'bank' || role === 'card' || role === 'payment';
}

/** Roles whose vendors are proposed as watched services when seen in the mailbox. */
const PROPOSED_ROLES = new Set(['shop', 'platform']);

export class ResponseCore {
  readonly store: ResponseStore;
  private seenSignal = 0;

  constructor(private readonly deps: ResponseDeps) {
    this.store = new ResponseStore(deps.db);
  }

  private nowMs(): number {
    return this.deps.clock().getTime();
  }

  /** Proposes the shops and platforms seen in new mail as watched services. */
  private propose(): void {
    const max = this.store.maxSignalId();
    if (max === this.seenSignal) return;
    const at = this.deps.now();
    for (const vendor of this.store.vendorsSince(this.seenSignal)) {
      const role = vendorInfo(vendor)?.role;
      if (role && PROPOSED_ROLES.has(role)) this.store.propose(vendor, at);
    }
    this.seenSignal = max;
  }

  /** Every watched (not removed) service with its due state. */
  services(): Service[] {
    return this.servicesWithRows().map((x) => x.service);
  }

  /** The watched services, each with the row it was built from. */
  private servicesWithRows(): { service: Service; row: ServiceRow }[] {
    this.propose();
    const evidence = this.store.evidence();
    const mail = new Map(this.store.mailChanges().map((m) => [m.vendor, m]));
    const now = this.nowMs();
    return this.store
      .services()
      .filter((r) => r.hidden === 0)
      .map((row) => ({ service: serviceView(row, evidence, mail.get(row.vendor), now), row }));
  }

  private service(vendor: string): Service {
    const s = this.services().find((x) => x.vendor === vendor);
    if (!s) throw this.deps.notFound(`no watched service ${vendor}`);
    return s;
  }

  dueCount(): number {
    return this.services().filter((s) => s.due !== null).length;
  }

  /**
   * Raises each periodic reminder once per due period (remembered in the database, so neither a restart nor the
   * hourly re-check repeats it), and forgets it when the service stops being due. Evidence makes a service due
   * together with its incident, whose own alert already says to change the password: no second notification.
   * Returns how many services are due (the tray's count), from the same look at the services.
   */
  check(): number {
    let due = 0;
    for (const { service: s, row } of this.servicesWithRows()) {
      if (s.due !== null) due++;
      if (s.due === null && row.reminded_at !== null) this.store.setReminded(s.vendor, null);
      if (s.due?.reason !== 'periodic' || row.reminded_at !== null) continue;
      this.store.setReminded(s.vendor, this.deps.now());
      if (!this.deps.alerts) continue;
      const locale = this.deps.locale();
      const vendor = vendorName(s.vendor, locale);
      const alert: Alert = {
        incidentId: '',
        severity: 'warning',
        kind: 'account_takeover',
        title: t(locale, 'reminder.title', { vendor }),
        body: t(locale, 'reminder.body', { vendor, days: s.periodDays ?? 0 }),
        escalated: false,
        reminder: { vendor: s.vendor },
      };
      this.deps.emit('alert', alert);
      this.deps.notify?.(alert);
    }
    return due;
  }

  private touched(): void {
    this.deps.emit('services.changed', {});
    this.deps.changed();
  }

  private windowOf(overrides: Map<string, number>): (bank: string) => WindowInfo {
    return (bank) => {
      const d = defaultWindow(bank);
      const custom = overrides.get(bank);
      return {
        days: custom ?? d.days,
        custom: custom !== undefined,
        ...(d.earlyBusinessDays ? { earlyBusinessDays: d.earlyBusinessDays } : {}),
      };
    };
  }

  /** The incident and its signals, which a playbook is built from. */
  private incidentWithSignals(incidentId: number): { incident: Incident; signals: Signal[] } {
    const incident = this.deps.repo.incident(incidentId);
    if (!incident) throw this.deps.notFound(`no incident ${incidentId}`);
    return { incident, signals: this.deps.repo.signalsByIds(incident.signalIds) };
  }

  private playbookOf(incident: Incident, signals: readonly Signal[]): ApiOutput<'playbook.get'> {
    return buildPlaybook({
      incident,
      signals,
      steps: this.store.steps(Number(incident.id)),
      windowOf: this.windowOf(this.store.windows()),
    });
  }

  playbook(incidentId: number): ApiOutput<'playbook.get'> {
    const { incident, signals } = this.incidentWithSignals(incidentId);
    return this.playbookOf(incident, signals);
  }

  /**
   * Ticks or unticks a step; a bank step records which charges it reported; the password step is a rotation.
   * The steps, rotations and opened pages are the incident's record of what was done (the report reads these
   * tables, report/actions.ts), so nothing is copied into incident_history.
   */
  setStep(incidentId: number, key: string, done: boolean): ApiOutput<'playbook.get'> {
    const { incident, signals } = this.incidentWithSignals(incidentId);
    const playbook = this.playbookOf(incident, signals);
    const step = playbook.steps.find((s) => s.key === key);
    if (!step) throw this.deps.invalid(`this incident's playbook has no step ${key}`);
    const now = this.deps.now();
    this.deps.db.transaction(() => {
      if (done) {
        let detail: string | null = null;
        if (step.kind === 'bank') {
          const charges = chargesByBank(signals).get(step.vendor) ?? [];
          detail = JSON.stringify({ charges: charges.map((c) => c.id) });
        }
        this.store.setStep(incidentId, key, now, detail);
        if (key === passwordStepKey(playbook.kind))
          this.store.recordRotation(playbook.vendor, now, incidentId);
      } else {
        this.store.clearStep(incidentId, key);
      }
    })();
    if (key === passwordStepKey(playbook.kind)) this.touched();
    return this.playbookOf(incident, signals);
  }

  /** The curated page, checked again: https, on the vendor's own domain. */
  private officialUrl(vendor: string, purpose: PagePurpose): string {
    const url = pageUrl(vendor, purpose);
    const identity = identityOf(vendor);
    if (!url || !identity) throw this.deps.notFound(`no official ${purpose} page is known for ${vendor}`);
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.username || u.password || !isVendorDomain(identity, u.hostname)) {
      throw this.deps.invalid(`refusing ${url}: not an https page on ${vendor}'s own domains`);
    }
    return u.toString();
  }

  async open(vendor: string, purpose: PagePurpose, incidentId: number | null): Promise<OpenResult> {
    const url = this.officialUrl(vendor, purpose);
    if (incidentId !== null && !this.deps.repo.incident(incidentId))
      throw this.deps.notFound(`no incident ${incidentId}`);
    const opener = this.deps.openUrl;
    this.store.recordOpened({
      opened_at: this.deps.now(),
      vendor,
      url,
      purpose,
      incident_id: incidentId,
      via: opener ? 'shell' : 'renderer',
    });
    if (opener) await opener(url);
    return { url, opened: opener !== undefined };
  }

  /** "Done?" answered yes: the rotation is recorded, the reminder cleared, the playbook's password step ticked. */
  rotated(vendor: string, incidentId: number | null): Service {
    if (!vendorInfo(vendor)) throw this.deps.notFound(`unknown vendor ${vendor}`);
    const now = this.deps.now();
    const incident = incidentId === null ? null : this.deps.repo.incident(incidentId);
    if (incidentId !== null && !incident) throw this.deps.notFound(`no incident ${incidentId}`);
    this.deps.db.transaction(() => {
      this.store.recordRotation(vendor, now, incidentId);
      if (incident && incident.vendor === vendor) {
        const key = passwordStepKey(incident.kind);
        this.store.setStep(Number(incident.id), key, now, null);
      }
    })();
    this.touched();
    return this.service(vendor);
  }

  private save(input: ApiInput<'services.save'>): Service {
    if (!vendorInfo(input.vendor)) throw this.deps.invalid(`unknown vendor ${input.vendor}`);
    if (input.policy === 'periodic' && input.periodDays === undefined)
      throw this.deps.invalid('a periodic reminder needs its period in days');
    const existing = this.store.service(input.vendor);
    let changedAt = existing?.changed_at ?? null;
    let changedHow = existing?.changed_how ?? null;
    if (input.lastChanged === null && changedHow === 'entered') {
      changedAt = null;
      changedHow = null;
    } else if (typeof input.lastChanged === 'string') {
      changedAt = this.enteredDate(input.lastChanged);
      changedHow = 'entered';
    }
    this.store.save({
      vendor: input.vendor,
      policy: input.policy,
      period: input.policy === 'periodic' ? (input.periodDays ?? null) : null,
      changedAt,
      changedHow,
      at: this.deps.now(),
    });
    this.touched();
    return this.service(input.vendor);
  }

  /** "2026-03-01" as this machine's local midnight; never in the future. */
  private enteredDate(date: string): string {
    const [y, m, d] = date.split('-').map(Number);
    const local = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
    if (local.getFullYear() !== y || local.getMonth() !== (m ?? 1) - 1 || local.getDate() !== d)
      throw this.deps.invalid(`${date} is not a date`);
    if (local.getTime() > this.nowMs()) throw this.deps.invalid('the last change cannot be in the future');
    return isoAt(local.getTime());
  }

  private refundWindow(vendor: string, overrides = this.store.windows()): RefundWindow {
    const d = defaultWindow(vendor);
    const custom = overrides.get(vendor);
    return { vendor, days: custom ?? d.days, defaultDays: d.days, custom: custom !== undefined };
  }

  private refundWindows(): RefundWindow[] {
    const overrides = this.store.windows();
    return VENDORS.filter((v) => isPayer(v.role)).map((v) => this.refundWindow(v.id, overrides));
  }

  list(): Services {
    const services = this.services();
    const watched = new Set(services.map((s) => s.vendor));
    return {
      services,
      addable: PASSWORD_PAGES.filter((p) => p.pages.password && !watched.has(p.vendor)).map((p) => p.vendor),
    };
  }

  handlers(): ResponseHandlers {
    const id = (s: string | undefined): number | null => (s === undefined ? null : Number(s));
    return {
      'services.list': () => this.list(),
      'services.save': (input) => this.save(input),
      'services.remove': (input) => {
        if (!this.store.hide(input.vendor, this.deps.now()))
          throw this.deps.notFound(`no watched service ${input.vendor}`);
        this.touched();
        return null;
      },
      'response.open': (input) => this.open(input.vendor, input.purpose, id(input.incidentId)),
      'response.opened': () =>
        this.store.opened(500).map((r) => ({
          openedAt: r.opened_at,
          vendor: r.vendor,
          url: r.url,
          purpose: r.purpose,
          incidentId: r.incident_id === null ? null : String(r.incident_id),
          via: r.via,
        })),
      'rotation.done': (input) => this.rotated(input.vendor, id(input.incidentId)),
      'playbook.get': (input) => this.playbook(Number(input.incidentId)),
      'playbook.setStep': (input) => this.setStep(Number(input.incidentId), input.step, input.done),
      'refundWindows.list': () => this.refundWindows(),
      'refundWindows.set': (input) => {
        if (!isPayer(vendorInfo(input.vendor)?.role))
          throw this.deps.invalid(`${input.vendor} is not a bank, card issuer or payment service`);
        this.store.setWindow(input.vendor, input.days, this.deps.now());
        return this.refundWindow(input.vendor);
      },
    };
  }
}
