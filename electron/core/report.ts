/**
 * The scan contract (issue 2): one JSON document describing what a scan found, with ids local to the report
 * (s1, s2…; i1, i2…) so that two runs over the same mail compare equal.
 */
import type { Incident, Link, Signal } from '../../shared/domain';
import { severityRank } from '../../shared/domain';
import { explainIncident } from '../../shared/explain';
import type { Core } from './app';

export interface ReportSignal extends Omit<Signal, 'ruleId'> {
  readonly rule: string;
}

export interface ReportIncident {
  readonly id: string;
  readonly kind: Incident['kind'];
  readonly vendor: string;
  readonly severity: Incident['severity'];
  readonly status: Incident['status'];
  readonly title: string;
  readonly explanation: string;
  readonly signalIds: string[];
  readonly links: Link[];
}

export interface ScanReport {
  readonly version: 1;
  readonly messages: { readonly scanned: number; readonly unparsed: number };
  readonly signals: ReportSignal[];
  readonly incidents: ReportIncident[];
}

const byReportId = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export function buildReport(core: Core, scanned: number, unparsed: number): ScanReport {
  const all = core.repo.allSignals();
  const ids = new Map<string, string>();
  all.forEach((s, i) => ids.set(s.id, `s${i + 1}`));
  const rid = (id: string): string => ids.get(id) ?? id;
  const signals: ReportSignal[] = all.map(({ ruleId, ...s }) => ({ ...s, id: rid(s.id), rule: ruleId }));
  const byId = new Map(all.map((s) => [s.id, s]));
  const incidents = core.repo
    .incidents()
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || Number(a.id) - Number(b.id))
    .map((inc, i) => incidentForReport(inc, byId, rid, `i${i + 1}`));
  return { version: 1, messages: { scanned, unparsed }, signals, incidents };
}

export function incidentForReport(
  inc: Incident,
  byId: ReadonlyMap<string, Signal>,
  rid: (id: string) => string,
  id: string,
): ReportIncident {
  const members = inc.signalIds.map((s) => byId.get(s)).filter((s): s is Signal => s !== undefined);
  const text = explainIncident(inc, members, 'en');
  return {
    id,
    kind: inc.kind,
    vendor: inc.vendor,
    severity: inc.severity,
    status: inc.status,
    title: text.title,
    explanation: text.explanation,
    // Report ids follow time order, so two scans of the same mail compare equal whatever order it arrived in.
    signalIds: inc.signalIds.map(rid).sort(byReportId),
    links: inc.links
      .map((l) => ({ ...l, from: rid(l.from), to: rid(l.to) }))
      .sort((a, b) => byReportId(a.from, b.from) || byReportId(a.to, b.to)),
  };
}
