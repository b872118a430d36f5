/**
 * Queries over the database, as small typed functions. Statements are prepared once per connection.
 */
import type {
  Incident,
  IncidentKind,
  IncidentStatus,
  Link,
  Severity,
  Signal,
  Verdict,
} from '../../../shared/domain';
import type { RecognisedSignal } from '../recognise/engine';
import type { Db } from './db';

export interface MessageMeta {
  readonly dedupeKey: string;
  readonly messageId: string | null;
  readonly source: string;
  readonly fromAddr: string;
  readonly fromName: string;
  readonly subject: string;
  readonly dateIso: string | null;
  readonly size: number;
  readonly status: 'recognised' | 'ignored' | 'unparsed';
  readonly error: string | null;
  readonly claimedVendor: string | null;
  readonly verdict: Verdict | null;
  readonly verdictReason: string | null;
  readonly importedAt: string;
}

/** A signal row joined with its message's m_* columns, as every signal query selects it. */
export interface SignalRow {
  id: number;
  kind: Signal['kind'];
  vendor: string;
  rule_id: string;
  amount_minor: number | null;
  currency: string | null;
  occurred_at: string;
  merchant: string | null;
  card_last4: string | null;
  order_id: string | null;
  recipient: string | null;
  verdict: Verdict;
  verdict_reason: string;
  m_message_id: string | null;
  m_from_addr: string;
  m_from_name: string;
  m_subject: string;
  m_date_iso: string | null;
}

interface IncidentRow {
  id: number;
  kind: IncidentKind;
  vendor: string;
  severity: Severity;
  status: IncidentStatus;
  snoozed_until: string | null;
  opened_at: string;
  updated_at: string;
}

export function formatFrom(name: string, addr: string): string {
  return name ? `${name} <${addr}>` : addr;
}

export function toSignal(r: SignalRow): Signal {
  return {
    id: String(r.id),
    kind: r.kind,
    vendor: r.vendor,
    amount:
      r.amount_minor !== null && r.currency !== null ? { currency: r.currency, minor: r.amount_minor } : null,
    occurredAt: r.occurred_at,
    merchant: r.merchant,
    cardLast4: r.card_last4,
    orderId: r.order_id,
    recipient: r.recipient,
    authenticity: { verdict: r.verdict, reason: r.verdict_reason },
    message: {
      messageId: r.m_message_id,
      from: formatFrom(r.m_from_name, r.m_from_addr),
      subject: r.m_subject,
      date: r.m_date_iso,
    },
    ruleId: r.rule_id,
  };
}

/** A links row, as every link query selects it. */
export interface LinkRow {
  from_signal: number;
  to_signal: number;
  rule: string;
  confidence: number;
  reason: string;
}

export function toLink(r: LinkRow): Link {
  return {
    from: String(r.from_signal),
    to: String(r.to_signal),
    rule: r.rule,
    confidence: r.confidence,
    reason: r.reason,
  };
}

/** The columns of a SignalRow, over `signals s JOIN messages m` (toSignal ignores any further column). */
export const SIGNAL_COLUMNS = `s.id, s.kind, s.vendor, s.rule_id, s.amount_minor, s.currency, s.occurred_at, s.merchant,
         s.card_last4, s.order_id, s.recipient, s.verdict, s.verdict_reason,
         m.message_id AS m_message_id, m.from_addr AS m_from_addr, m.from_name AS m_from_name,
         m.subject AS m_subject, m.date_iso AS m_date_iso`;

const SIGNAL_SELECT = `SELECT ${SIGNAL_COLUMNS} FROM signals s JOIN messages m ON m.id = s.message_id`;

export class Repo {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      insertMessage: db.prepare(`
        INSERT INTO messages (dedupe_key, message_id, source, from_addr, from_name, subject, date_iso, size, status,
                              error, claimed_vendor, verdict, verdict_reason, imported_at)
        VALUES (@dedupeKey, @messageId, @source, @fromAddr, @fromName, @subject, @dateIso, @size, @status,
                @error, @claimedVendor, @verdict, @verdictReason, @importedAt)
        ON CONFLICT (dedupe_key) DO NOTHING`),
      insertSignal: db.prepare(`
        INSERT INTO signals (message_id, seq, kind, vendor, rule_id, amount_minor, currency, occurred_at, occurred_ms,
                             merchant, card_last4, order_id, recipient, verdict, verdict_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      allSignals: db.prepare(`${SIGNAL_SELECT} ORDER BY s.occurred_ms, s.id`),
      recentSignals: db.prepare(`${SIGNAL_SELECT} ORDER BY s.occurred_ms DESC, s.id DESC LIMIT ?`),
      signalsByIds: db.prepare(`${SIGNAL_SELECT} WHERE s.id IN (SELECT value FROM json_each(?))`),
      countSignals: db.prepare('SELECT count(*) AS n FROM signals'),
      // The same charge: vendor, amount, day (as the issuer wrote it) and merchant when both name one.
      sameCharge: db.prepare(`
        SELECT id FROM signals
        WHERE rule_id IN (SELECT value FROM json_each(@rules)) AND vendor = @vendor AND kind = @kind
          AND amount_minor = @minor AND currency = @currency AND substr(occurred_at, 1, 10) = @day
          AND (merchant IS NULL OR @merchant IS NULL OR merchant = @merchant)`),
      deleteSignal: db.prepare('DELETE FROM signals WHERE id = ?'),
      deleteLinks: db.prepare('DELETE FROM links'),
      insertLink: db.prepare(
        'INSERT INTO links (from_signal, to_signal, rule, confidence, reason) VALUES (?, ?, ?, ?, ?)',
      ),
      incidents: db.prepare('SELECT * FROM incidents ORDER BY id'),
      // Through incident_signals' primary key: linear in the incident's links, where an IN over json_each of a
      // few thousand ids made loading one large incident take over a second.
      incidentLinks: db.prepare(`
        SELECT l.from_signal, l.to_signal, l.rule, l.confidence, l.reason FROM links l
        JOIN incident_signals a ON a.incident_id = @id AND a.signal_id = l.from_signal
        JOIN incident_signals b ON b.incident_id = @id AND b.signal_id = l.to_signal
        ORDER BY l.from_signal, l.to_signal`),
      incident: db.prepare('SELECT * FROM incidents WHERE id = ?'),
      activeIncident: db.prepare(
        "SELECT * FROM incidents WHERE kind = ? AND vendor = ? AND status IN ('open', 'snoozed', 'confirmed') ORDER BY id DESC LIMIT 1",
      ),
      insertIncident: db.prepare(
        "INSERT INTO incidents (kind, vendor, severity, status, opened_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)",
      ),
      updateIncident: db.prepare('UPDATE incidents SET severity = ?, updated_at = ? WHERE id = ?'),
      setStatus: db.prepare(
        'UPDATE incidents SET status = ?, snoozed_until = ?, updated_at = ? WHERE id = ?',
      ),
      wakeSnoozed: db.prepare(
        "UPDATE incidents SET status = 'open', snoozed_until = NULL, updated_at = ? WHERE status = 'snoozed' AND snoozed_until <= ? RETURNING id",
      ),
      addIncidentSignal: db.prepare(
        'INSERT OR IGNORE INTO incident_signals (incident_id, signal_id) VALUES (?, ?)',
      ),
      incidentSignalIds: db.prepare(
        'SELECT signal_id FROM incident_signals WHERE incident_id = ? ORDER BY signal_id',
      ),
      dismissedSignalIds: db.prepare(`
        SELECT DISTINCT x.signal_id FROM incident_signals x JOIN incidents i ON i.id = x.incident_id
        WHERE i.status = 'dismissed'`),
      addHistory: db.prepare(
        'INSERT INTO incident_history (incident_id, at, action, detail) VALUES (?, ?, ?, ?)',
      ),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      messageCounts: db.prepare('SELECT status, count(*) AS n FROM messages GROUP BY status'),
    };
  }

  /** Returns the new message's row id, or null when the same mail is already stored. */
  insertMessage(m: MessageMeta): number | null {
    const r = this.s.insertMessage.run(m);
    return r.changes === 1 ? Number(r.lastInsertRowid) : null;
  }

  insertSignal(messageRow: number, seq: number, s: RecognisedSignal): void {
    this.s.insertSignal.run(
      messageRow,
      seq,
      s.kind,
      s.vendor,
      s.ruleId,
      s.amount?.minor ?? null,
      s.amount?.currency ?? null,
      s.occurredAt,
      Date.parse(s.occurredAt),
      s.merchant,
      s.cardLast4,
      s.orderId,
      s.recipient,
      s.authenticity.verdict,
      s.authenticity.reason,
    );
  }

  /** Signals from any of `rules` that record the same charge as `s` (see Rule.settles). */
  sameCharge(rules: readonly string[], s: RecognisedSignal): number[] {
    if (rules.length === 0 || !s.amount) return [];
    return (
      this.s.sameCharge.all({
        rules: JSON.stringify(rules),
        vendor: s.vendor,
        kind: s.kind,
        minor: s.amount.minor,
        currency: s.amount.currency,
        day: s.occurredAt.slice(0, 10),
        merchant: s.merchant,
      }) as { id: number }[]
    ).map((r) => r.id);
  }

  deleteSignal(id: number): void {
    this.s.deleteSignal.run(id);
  }

  allSignals(): Signal[] {
    return (this.s.allSignals.all() as SignalRow[]).map(toSignal);
  }

  recentSignals(limit: number): Signal[] {
    return (this.s.recentSignals.all(limit) as SignalRow[]).map(toSignal);
  }

  signalsByIds(ids: readonly string[]): Signal[] {
    if (ids.length === 0) return [];
    return (this.s.signalsByIds.all(JSON.stringify(ids.map(Number))) as SignalRow[]).map(toSignal);
  }

  countSignals(): number {
    return (this.s.countSignals.get() as { n: number }).n;
  }

  replaceLinks(links: readonly Link[]): void {
    this.s.deleteLinks.run();
    for (const l of links)
      this.s.insertLink.run(Number(l.from), Number(l.to), l.rule, l.confidence, l.reason);
  }

  incidentLinks(id: number): Link[] {
    return (this.s.incidentLinks.all({ id }) as LinkRow[]).map(toLink);
  }

  /** Kind, vendor, severity and status of every incident, without signals or links: for the tray. */
  incidentSummaries(): Pick<IncidentRow, 'id' | 'kind' | 'vendor' | 'severity' | 'status'>[] {
    return this.s.incidents.all() as IncidentRow[];
  }

  private toIncident(r: IncidentRow): Incident {
    const signalIds = (this.s.incidentSignalIds.all(r.id) as { signal_id: number }[]).map((x) =>
      String(x.signal_id),
    );
    return {
      id: String(r.id),
      kind: r.kind,
      vendor: r.vendor,
      severity: r.severity,
      status: r.status,
      snoozedUntil: r.snoozed_until,
      signalIds,
      links: this.incidentLinks(r.id),
      openedAt: r.opened_at,
      updatedAt: r.updated_at,
    };
  }

  incidents(): Incident[] {
    return (this.s.incidents.all() as IncidentRow[]).map((r) => this.toIncident(r));
  }

  incident(id: number): Incident | null {
    const r = this.s.incident.get(id) as IncidentRow | undefined;
    return r ? this.toIncident(r) : null;
  }

  activeIncident(kind: IncidentKind, vendor: string): IncidentRow | null {
    return (this.s.activeIncident.get(kind, vendor) as IncidentRow | undefined) ?? null;
  }

  createIncident(kind: IncidentKind, vendor: string, severity: Severity, at: string): number {
    return Number(this.s.insertIncident.run(kind, vendor, severity, at, at).lastInsertRowid);
  }

  updateIncidentSeverity(id: number, severity: Severity, at: string): void {
    this.s.updateIncident.run(severity, at, id);
  }

  setIncidentStatus(id: number, status: IncidentStatus, snoozedUntil: string | null, at: string): void {
    this.s.setStatus.run(status, snoozedUntil, at, id);
  }

  /** Reopens incidents whose snooze has run out; returns their ids. */
  wakeSnoozed(nowIso: string): number[] {
    return (this.s.wakeSnoozed.all(nowIso, nowIso) as { id: number }[]).map((r) => r.id);
  }

  /** Adds signals to an incident; returns how many were new to it. */
  addIncidentSignals(id: number, signalIds: readonly string[]): number {
    let added = 0;
    for (const s of signalIds) added += this.s.addIncidentSignal.run(id, Number(s)).changes;
    return added;
  }

  dismissedSignalIds(): Set<string> {
    return new Set(
      (this.s.dismissedSignalIds.all() as { signal_id: number }[]).map((r) => String(r.signal_id)),
    );
  }

  addHistory(incidentId: number, at: string, action: string, detail: string | null = null): void {
    this.s.addHistory.run(incidentId, at, action, detail);
  }

  getSetting(key: string): string | null {
    return (this.s.getSetting.get(key) as { value: string } | undefined)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.s.setSetting.run(key, value);
  }

  messageCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.messageCounts.all() as { status: string; n: number }[]) out[r.status] = r.n;
    return out;
  }
}

export type { IncidentRow };
