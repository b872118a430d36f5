/**
 * Whether a watched service's password is due for rotation. Evidence first: an open or confirmed incident on the
 * service newer than the last change makes it due (NIST SP 800-63B: change on evidence of compromise). The
 * calendar only for a service the user put on a periodic policy: the last change plus N days.
 */
import type { Service } from '../../../shared/response';
import { toIso } from '../parse/datetime';
import { purposesOf } from './passwordPages';
import type { EvidenceRow, MailChangeRow, ServiceRow } from './store';

const DAY = 86_400_000;

/** An ISO time in the given offset, or in this machine's offset at that moment. */
export function isoAt(ms: number, offsetMinutes = -new Date(ms).getTimezoneOffset()): string {
  return toIso({ ms, offsetMinutes });
}

export function lastChangeOf(
  row: ServiceRow,
  mail: MailChangeRow | undefined,
): { at: string; ms: number; source: 'mail' | 'entered' | 'rotation' } | null {
  const own =
    row.changed_at && row.changed_how
      ? { at: row.changed_at, ms: Date.parse(row.changed_at), source: row.changed_how }
      : null;
  const fromMail = mail ? { at: mail.at, ms: mail.ms, source: 'mail' as const } : null;
  if (own && fromMail) return fromMail.ms > own.ms ? fromMail : own;
  return own ?? fromMail;
}

export function serviceView(
  row: ServiceRow,
  evidence: readonly EvidenceRow[],
  mail: MailChangeRow | undefined,
  nowMs: number,
): Service {
  const last = lastChangeOf(row, mail);
  const newer = evidence
    .filter((e) => e.vendor === row.vendor && (last === null || e.last_ms > last.ms))
    .sort((a, b) => b.last_ms - a.last_ms)[0];
  let due: Service['due'] = null;
  if (newer) {
    due = { reason: 'evidence', since: newer.last_at, incidentId: String(newer.id) };
  } else if (row.policy === 'periodic' && row.period_days !== null) {
    // With no change known, the period runs from when the service was added.
    const from = last?.ms ?? Date.parse(row.created_at);
    const dueMs = from + row.period_days * DAY;
    if (nowMs >= dueMs) due = { reason: 'periodic', since: isoAt(dueMs), incidentId: null };
  }
  return {
    vendor: row.vendor,
    origin: row.origin,
    policy: row.policy,
    periodDays: row.policy === 'periodic' ? row.period_days : null,
    lastChange: last ? { at: last.at, source: last.source } : null,
    due,
    pages: purposesOf(row.vendor),
    remindedAt: row.reminded_at,
  };
}
