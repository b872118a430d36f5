/** Queries over migration 0050's tables: services, rotations, opened URLs, playbook steps, refund windows. */
import type { Db } from '../store/db';
import type { PagePurpose, ServicePolicy } from '../../../shared/response';

export interface ServiceRow {
  vendor: string;
  origin: 'mailbox' | 'manual';
  hidden: 0 | 1;
  policy: ServicePolicy;
  period_days: number | null;
  changed_at: string | null;
  changed_how: 'entered' | 'rotation' | null;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An open or confirmed incident that is evidence against a service: its vendor and its latest signal's time. */
export interface EvidenceRow {
  id: number;
  vendor: string;
  last_ms: number;
  last_at: string;
}

export interface MailChangeRow {
  vendor: string;
  ms: number;
  at: string;
}

export interface OpenedRow {
  opened_at: string;
  vendor: string;
  url: string;
  purpose: PagePurpose;
  incident_id: number | null;
  via: 'shell' | 'renderer';
}

export interface StepRow {
  step: string;
  done_at: string;
  detail: string | null;
}

export class ResponseStore {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      services: db.prepare('SELECT * FROM services ORDER BY vendor'),
      service: db.prepare('SELECT * FROM services WHERE vendor = ?'),
      propose: db.prepare(
        "INSERT OR IGNORE INTO services (vendor, origin, created_at, updated_at) VALUES (?, 'mailbox', ?, ?)",
      ),
      upsert: db.prepare(`
        INSERT INTO services (vendor, origin, policy, period_days, changed_at, changed_how, created_at, updated_at)
        VALUES (@vendor, 'manual', @policy, @period, @changedAt, @changedHow, @at, @at)
        ON CONFLICT (vendor) DO UPDATE SET hidden = 0, policy = @policy, period_days = @period,
          changed_at = @changedAt, changed_how = @changedHow, updated_at = @at`),
      hide: db.prepare(
        'UPDATE services SET hidden = 1, reminded_at = NULL, updated_at = ? WHERE vendor = ? AND hidden = 0',
      ),
      reminded: db.prepare('UPDATE services SET reminded_at = ? WHERE vendor = ?'),
      rotated: db.prepare(`
        INSERT INTO services (vendor, origin, changed_at, changed_how, created_at, updated_at)
        VALUES (@vendor, 'manual', @at, 'rotation', @at, @at)
        ON CONFLICT (vendor) DO UPDATE SET hidden = 0, changed_at = @at, changed_how = 'rotation',
          reminded_at = NULL, updated_at = @at`),
      addRotation: db.prepare('INSERT INTO rotations (vendor, rotated_at, incident_id) VALUES (?, ?, ?)'),
      maxSignal: db.prepare('SELECT coalesce(max(id), 0) AS id FROM signals'),
      vendorsSince: db.prepare(`
        SELECT DISTINCT vendor FROM signals
        WHERE id > ? AND kind <> 'impersonation' AND verdict <> 'suspicious'`),
      evidence: db.prepare(`
        SELECT i.id, i.vendor, max(s.occurred_ms) AS last_ms, s.occurred_at AS last_at
        FROM incidents i
        JOIN incident_signals x ON x.incident_id = i.id
        JOIN signals s ON s.id = x.signal_id
        WHERE i.status IN ('open', 'confirmed') AND i.kind <> 'phishing'
        GROUP BY i.id`),
      // A password-changed mail counts as the user's own change unless it is evidence in an incident still
      // open, confirmed or snoozed: the thief may have changed it.
      mailChanges: db.prepare(`
        SELECT s.vendor, max(s.occurred_ms) AS ms, s.occurred_at AS at
        FROM signals s
        WHERE s.kind = 'account.password_changed' AND s.verdict <> 'suspicious'
          AND NOT EXISTS (
            SELECT 1 FROM incident_signals x JOIN incidents i ON i.id = x.incident_id
            WHERE x.signal_id = s.id AND i.status IN ('open', 'confirmed', 'snoozed'))
        GROUP BY s.vendor`),
      addOpened: db.prepare(
        'INSERT INTO opened_urls (opened_at, vendor, url, purpose, incident_id, via) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      opened: db.prepare('SELECT * FROM opened_urls ORDER BY id DESC LIMIT ?'),
      steps: db.prepare('SELECT step, done_at, detail FROM playbook_steps WHERE incident_id = ?'),
      setStep: db.prepare(`
        INSERT INTO playbook_steps (incident_id, step, done_at, detail) VALUES (?, ?, ?, ?)
        ON CONFLICT (incident_id, step) DO UPDATE SET done_at = excluded.done_at, detail = excluded.detail`),
      clearStep: db.prepare('DELETE FROM playbook_steps WHERE incident_id = ? AND step = ?'),
      windows: db.prepare('SELECT vendor, days FROM refund_windows'),
      setWindow: db.prepare(`
        INSERT INTO refund_windows (vendor, days, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (vendor) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at`),
      clearWindow: db.prepare('DELETE FROM refund_windows WHERE vendor = ?'),
    };
  }

  services(): ServiceRow[] {
    return this.s.services.all() as ServiceRow[];
  }

  service(vendor: string): ServiceRow | null {
    return (this.s.service.get(vendor) as ServiceRow | undefined) ?? null;
  }

  /** Adds a vendor seen in the mailbox; a row that exists (even one the user removed) is left alone. */
  propose(vendor: string, at: string): boolean {
    return this.s.propose.run(vendor, at, at).changes === 1;
  }

  save(s: {
    vendor: string;
    policy: ServicePolicy;
    period: number | null;
    changedAt: string | null;
    changedHow: 'entered' | 'rotation' | null;
    at: string;
  }): void {
    this.s.upsert.run(s);
  }

  hide(vendor: string, at: string): boolean {
    return this.s.hide.run(at, vendor).changes === 1;
  }

  setReminded(vendor: string, at: string | null): void {
    this.s.reminded.run(at, vendor);
  }

  recordRotation(vendor: string, at: string, incidentId: number | null): void {
    this.s.rotated.run({ vendor, at });
    this.s.addRotation.run(vendor, at, incidentId);
  }

  maxSignalId(): number {
    return (this.s.maxSignal.get() as { id: number }).id;
  }

  vendorsSince(signalId: number): string[] {
    return (this.s.vendorsSince.all(signalId) as { vendor: string }[]).map((r) => r.vendor);
  }

  evidence(): EvidenceRow[] {
    return this.s.evidence.all() as EvidenceRow[];
  }

  mailChanges(): MailChangeRow[] {
    return this.s.mailChanges.all() as MailChangeRow[];
  }

  recordOpened(r: OpenedRow): void {
    this.s.addOpened.run(r.opened_at, r.vendor, r.url, r.purpose, r.incident_id, r.via);
  }

  opened(limit: number): OpenedRow[] {
    return this.s.opened.all(limit) as OpenedRow[];
  }

  steps(incidentId: number): StepRow[] {
    return this.s.steps.all(incidentId) as StepRow[];
  }

  setStep(incidentId: number, step: string, at: string, detail: string | null): void {
    this.s.setStep.run(incidentId, step, at, detail);
  }

  clearStep(incidentId: number, step: string): boolean {
    return this.s.clearStep.run(incidentId, step).changes === 1;
  }

  windows(): Map<string, number> {
    return new Map(
      (this.s.windows.all() as { vendor: string; days: number }[]).map((r) => [r.vendor, r.days]),
    );
  }

  setWindow(vendor: string, days: number | null, at: string): void {
    if (days === null) this.s.clearWindow.run(vendor);
    else this.s.setWindow.run(vendor, days, at);
  }
}
