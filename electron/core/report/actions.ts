/**
 * "What was done when" for a report: every source of recorded actions on an incident, merged in time order.
 *
 * Extension point: a feature that records actions on an incident adds an ActionSource to ACTION_SOURCES. A source
 * reads its own tables and returns RawActions; it returns [] while its tables do not exist, so a report never
 * depends on which migrations a database has. The action names a source uses get their words in labels.ts
 * (actionLabel).
 */
import type { Db } from '../store/db';
import type { RawAction } from './model';

export interface ActionSource {
  readonly name: string;
  actions(db: Db, incidentId: number): RawAction[];
}

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Mimamori's own record (migration 0010): opened, escalated, reopened, dismissed, confirmed, snoozed. */
export const historySource: ActionSource = {
  name: 'history',
  actions(db, incidentId) {
    const rows = db
      .prepare('SELECT at, action, detail FROM incident_history WHERE incident_id = ? ORDER BY id')
      .all(incidentId) as { at: string; action: string; detail: string | null }[];
    return rows.map((r) => ({ at: r.at, action: r.action, detail: r.detail, source: 'history' as const }));
  },
};

/** Signal ids a playbook step's detail names: {"charges": [ids]} on a bank step. */
function chargeRefs(detail: string | null): string[] {
  if (!detail) return [];
  try {
    const parsed = JSON.parse(detail) as { charges?: unknown };
    return Array.isArray(parsed.charges) ? parsed.charges.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * The response playbook (migration 0050): each ticked step with the time it was done ("step:password",
 * "step:bank:rakuten-bank.co.jp"), each password rotation confirmed for this incident ("rotation"), and each
 * official page opened from it ("url:contact", with the URL as detail).
 */
export const playbookSource: ActionSource = {
  name: 'playbook',
  actions(db, incidentId) {
    const out: RawAction[] = [];
    if (tableExists(db, 'playbook_steps')) {
      const rows = db
        .prepare(
          'SELECT step, done_at, detail FROM playbook_steps WHERE incident_id = ? ORDER BY done_at, step',
        )
        .all(incidentId) as { step: string; done_at: string; detail: string | null }[];
      for (const r of rows) {
        const refs = chargeRefs(r.detail);
        out.push({
          at: r.done_at,
          action: `step:${r.step}`,
          detail: null,
          ...(refs.length > 0 ? { refs } : {}),
          source: 'playbook',
        });
      }
    }
    if (tableExists(db, 'rotations')) {
      const rows = db
        .prepare('SELECT vendor, rotated_at FROM rotations WHERE incident_id = ? ORDER BY rotated_at, id')
        .all(incidentId) as { vendor: string; rotated_at: string }[];
      for (const r of rows)
        out.push({ at: r.rotated_at, action: `rotation:${r.vendor}`, detail: null, source: 'playbook' });
    }
    if (tableExists(db, 'opened_urls')) {
      const rows = db
        .prepare(
          'SELECT opened_at, vendor, url, purpose FROM opened_urls WHERE incident_id = ? ORDER BY opened_at, id',
        )
        .all(incidentId) as { opened_at: string; vendor: string; url: string; purpose: string }[];
      for (const r of rows)
        out.push({
          at: r.opened_at,
          action: `url:${r.purpose}:${r.vendor}`,
          detail: r.url,
          source: 'playbook',
        });
    }
    return out;
  },
};

export const ACTION_SOURCES: readonly ActionSource[] = [historySource, playbookSource];

export function incidentActions(
  db: Db,
  incidentId: number,
  sources: readonly ActionSource[] = ACTION_SOURCES,
): RawAction[] {
  return sources.flatMap((s) => s.actions(db, incidentId));
}
