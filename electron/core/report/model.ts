/**
 * What an incident report says, in one language, before it becomes a PDF, a CSV or Markdown: the incident, its
 * events in time order with every field a support desk asks for, the links between them (which debit matches
 * which gift card), what was done when, and the script to read to support. Pure: the writers only lay it out.
 */
import type { Incident, Locale, Signal } from '../../../shared/domain';
import { describeLink, describeVerdict, explainIncident, signalTime } from '../../../shared/explain';
import {
  INCIDENT_KIND_LABEL,
  INCIDENT_STATUS_LABEL,
  SEVERITY_LABEL,
  SIGNAL_KIND_LABEL,
  VERDICT_LABEL,
} from '../../../shared/i18n';
import { formatAmount } from '../../../shared/money';
import { CHARGE_LINKS } from '../correlate/incidents';
import { vendorName } from '../../../shared/vendors';
import { actionLabel, rt } from './labels';
import { supportScript, type ScriptPart } from './script';

export interface ReportEvent {
  /** 1-based position in time order: "#3" in every format. */
  readonly n: number;
  readonly signal: Signal;
  /** "2026-04-21 10:02:11 +09:00": the mail's own wall-clock time and offset. */
  readonly time: string;
  readonly kindLabel: string;
  readonly vendorName: string;
  /** "¥3,000" in the locale, or '' when the mail stated no amount. */
  readonly amountText: string;
  readonly verdictLabel: string;
  /** "genuine: signed by amazon.co.jp, checked by Gmail". */
  readonly verdictText: string;
  /** One line per link touching this event: "#6: same amount ¥10,000: …". */
  readonly linked: readonly string[];
}

export interface ReportLink {
  readonly from: ReportEvent;
  readonly to: ReportEvent;
  readonly rule: string;
  readonly confidence: number;
  /** describeLink in the locale. */
  readonly text: string;
  /** A charge reference: a bank or card charge matched to a gift-card event. */
  readonly charge: boolean;
}

/** Something done about the incident, by Mimamori (incident_history) or by the user (a playbook step). */
export interface ReportAction {
  /** ISO 8601 with offset, as recorded. */
  readonly at: string;
  readonly time: string;
  /** Machine name: opened, escalated, dismissed, confirmed, snoozed, reopened, or a playbook step's id. */
  readonly action: string;
  readonly label: string;
  readonly detail: string | null;
  readonly source: 'history' | 'playbook';
}

/** An action as a source returns it, before it is labelled. */
export interface RawAction {
  readonly at: string;
  readonly action: string;
  /** The words to show, when the source brings its own; else labels.ts words `action`. */
  readonly label?: string;
  readonly detail: string | null;
  /** Signals the action concerns (a bank step's reported charges): shown as "#6 ¥10,000". */
  readonly refs?: readonly string[];
  readonly source: 'history' | 'playbook';
}

export interface IncidentReport {
  readonly locale: Locale;
  readonly incident: Incident;
  readonly title: string;
  readonly explanation: string;
  readonly kindLabel: string;
  readonly severityLabel: string;
  readonly statusLabel: string;
  readonly vendorName: string;
  readonly openedAt: string;
  /** The latest moment the report knows of (last action, change or mail): its date, never the wall clock. */
  readonly asOf: string;
  readonly events: readonly ReportEvent[];
  readonly links: readonly ReportLink[];
  readonly actions: readonly ReportAction[];
  readonly script: readonly ScriptPart[];
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "2026-04-21T10:02:11+09:00" → "2026-04-21 10:02:11 +09:00", keeping the time the mail stated. */
export function formatTime(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [, day = '', hm = '', sec = '00', off] = m;
  const offset =
    off === undefined ? '' : off === 'Z' ? ' +00:00' : ` ${off.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  return `${day} ${hm}:${sec}${offset}`;
}

export interface ReportInput {
  readonly incident: Incident;
  /** The incident's signals (any order; others are ignored). */
  readonly signals: readonly Signal[];
  readonly actions: readonly RawAction[];
}

export function buildIncidentReport(input: ReportInput, locale: Locale): IncidentReport {
  const { incident } = input;
  const wanted = new Set(incident.signalIds);
  const signals = input.signals
    .filter((s) => wanted.has(s.id))
    .sort((a, b) => signalTime(a) - signalTime(b) || Number(a.id) - Number(b.id));
  const byId = new Map(signals.map((s) => [s.id, s]));
  const position = new Map(signals.map((s, i) => [s.id, i + 1]));
  const linkText = new Map<string, string>();
  const linkedOf = new Map<string, string[]>();
  for (const l of incident.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to) continue;
    const text = describeLink(l, from, to, locale);
    linkText.set(`${l.from}-${l.to}`, text);
    linkedOf.set(l.from, [...(linkedOf.get(l.from) ?? []), `#${position.get(l.to)}: ${text}`]);
    linkedOf.set(l.to, [...(linkedOf.get(l.to) ?? []), `#${position.get(l.from)}: ${text}`]);
  }
  const events: ReportEvent[] = signals.map((s, i) => ({
    n: i + 1,
    signal: s,
    time: formatTime(s.occurredAt),
    kindLabel: SIGNAL_KIND_LABEL[locale][s.kind],
    vendorName: vendorName(s.vendor, locale),
    amountText: s.amount ? formatAmount(s.amount, locale) : '',
    verdictLabel: VERDICT_LABEL[locale][s.authenticity.verdict],
    verdictText: describeVerdict(s.authenticity, locale),
    linked: linkedOf.get(s.id) ?? [],
  }));
  const eventOf = new Map(events.map((e) => [e.signal.id, e]));
  const links: ReportLink[] = [];
  for (const l of incident.links) {
    const from = eventOf.get(l.from);
    const to = eventOf.get(l.to);
    if (!from || !to) continue;
    links.push({
      from,
      to,
      rule: l.rule,
      confidence: l.confidence,
      text: linkText.get(`${l.from}-${l.to}`) ?? l.reason,
      charge: CHARGE_LINKS.has(l.rule),
    });
  }
  links.sort((a, b) => a.from.n - b.from.n || a.to.n - b.to.n);
  const withRefs = (a: RawAction, l: Locale): string | null => {
    const refs = (a.refs ?? [])
      .map((id) => eventOf.get(id))
      .filter((e): e is ReportEvent => e !== undefined)
      .map((e) => `#${e.n}${e.amountText ? ` ${e.amountText}` : ''}`);
    if (refs.length === 0) return a.detail;
    const list = rt(l, 'action.charges', { list: refs.join(l === 'ja' ? '、' : ', ') });
    return a.detail ? `${a.detail}; ${list}` : list;
  };
  const actions: ReportAction[] = [...input.actions]
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Date.parse(x.a.at) - Date.parse(y.a.at) || x.i - y.i)
    .map(({ a }) => ({
      at: a.at,
      time: formatTime(a.at),
      action: a.action,
      label: a.label ?? actionLabel(locale, a.action, incident.vendor),
      detail: withRefs(a, locale),
      source: a.source,
    }));
  const text = explainIncident(incident, signals, locale);
  const moments = [
    incident.updatedAt,
    incident.openedAt,
    ...actions.map((a) => a.at),
    ...signals.map((s) => s.occurredAt),
  ].filter((m) => !Number.isNaN(Date.parse(m)));
  const asOf = moments.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), incident.openedAt);
  return {
    locale,
    incident,
    title: text.title,
    explanation: text.explanation,
    kindLabel: INCIDENT_KIND_LABEL[locale][incident.kind],
    severityLabel: SEVERITY_LABEL[locale][incident.severity],
    statusLabel: INCIDENT_STATUS_LABEL[locale][incident.status],
    vendorName: vendorName(incident.vendor, locale),
    openedAt: incident.openedAt,
    asOf,
    events,
    links,
    actions,
    script: supportScript(
      {
        incident,
        signals,
        links: incident.links,
        passwordChangedAt:
          actions.find((a) => /^(?:step:(?:password|phishingPassword)|rotation:)/.test(a.action))?.at ?? null,
      },
      locale,
    ),
  };
}

/** "mimamori-incident-1-2026-05-22-ja.pdf": ASCII only, so every browser and file system keeps it. */
export function reportFileName(report: IncidentReport, ext: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(report.asOf)?.[0] ?? 'undated';
  return `mimamori-incident-${report.incident.id}-${day}-${report.locale}.${ext}`;
}

/** The heading line every format starts with. */
export function reportHeading(report: IncidentReport): string {
  return `${rt(report.locale, 'doc.title')}: ${report.title}`;
}
