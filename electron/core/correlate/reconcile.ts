/**
 * Runs correlation over the stored signals and reconciles the drafts with the stored incidents, in one
 * transaction. Recomputing from all signals (rather than patching) makes the result independent of the order
 * mail arrived in, and makes a crash between storing a mail and correlating it harmless: the next run catches up.
 */
import type { Incident, Severity } from '../../../shared/domain';
import { severityRank } from '../../../shared/domain';
import type { Repo } from '../store/repo';
import { draftIncidents } from './incidents';
import { linkSignals, type CorrelationWindow, DEFAULT_WINDOW } from './links';

export interface IncidentChange {
  readonly incident: Incident;
  /** opened: a new incident; escalated: its severity rose; reopened: a snooze ran out. */
  readonly change: 'opened' | 'escalated' | 'reopened';
}

type ChangeRef = { id: number; change: IncidentChange['change'] };

/** Reopens the incidents whose snooze ran out, with their history. */
function wake(repo: Repo, nowIso: string): ChangeRef[] {
  return repo.wakeSnoozed(nowIso).map((id) => {
    repo.addHistory(id, nowIso, 'reopened', 'snooze ended');
    return { id, change: 'reopened' };
  });
}

function loaded(repo: Repo, changes: readonly ChangeRef[]): IncidentChange[] {
  const out: IncidentChange[] = [];
  for (const c of changes) {
    const incident = repo.incident(c.id);
    if (incident) out.push({ incident, change: c.change });
  }
  return out;
}

/**
 * Only the first step of correlate(): reopens the incidents whose snooze ran out. The periodic re-check runs
 * this, since time alone changes nothing else correlation decides.
 */
export function wakeSnoozed(repo: Repo, nowIso: string): IncidentChange[] {
  return repo.db.transaction(() => loaded(repo, wake(repo, nowIso)))();
}

export function correlate(
  repo: Repo,
  nowIso: string,
  window: CorrelationWindow = DEFAULT_WINDOW,
): IncidentChange[] {
  return repo.db.transaction(() => {
    const changes = wake(repo, nowIso);
    const signals = repo.allSignals();
    const links = linkSignals(signals, window);
    repo.replaceLinks(links);
    const drafts = draftIncidents({ signals, links, excluded: repo.dismissedSignalIds() });
    for (const d of drafts) {
      const active = repo.activeIncident(d.kind, d.vendor);
      if (!active) {
        const id = repo.createIncident(d.kind, d.vendor, d.severity, nowIso);
        repo.addIncidentSignals(id, d.signalIds);
        repo.addHistory(id, nowIso, 'opened', `${d.severity}: ${d.because.join(', ')}`);
        changes.push({ id, change: 'opened' });
        continue;
      }
      const added = repo.addIncidentSignals(active.id, d.signalIds);
      // Never de-escalate silently: severity only rises until the user acts.
      const severity: Severity =
        severityRank(d.severity) > severityRank(active.severity) ? d.severity : active.severity;
      if (severity !== active.severity) {
        repo.updateIncidentSeverity(active.id, severity, nowIso);
        repo.addHistory(
          active.id,
          nowIso,
          'escalated',
          `${active.severity} → ${severity}: ${d.because.join(', ')}`,
        );
        if (active.status !== 'snoozed') changes.push({ id: active.id, change: 'escalated' });
      } else if (added > 0) {
        repo.updateIncidentSeverity(active.id, severity, nowIso);
      }
    }
    return loaded(repo, changes);
  })();
}
