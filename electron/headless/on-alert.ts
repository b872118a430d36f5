/**
 * `npm run headless -- --on-alert CMD`: for always-on machines without a desktop, every alert runs CMD (through
 * /bin/sh) with the incident as JSON on its standard input: the scan contract's incident shape plus its signals,
 * and what changed. Runs one at a time, in order; a command that hangs is killed after a minute, and a failing
 * command is logged, never fatal. The log names the program only: the rest of the command line may hold a token
 * (an `Authorization:` header for curl, say), and secrets never reach the log.
 */
import { spawn } from 'node:child_process';
import type { Alert } from '../../shared/api';
import type { Core } from '../core/app';
import { incidentForReport, type ReportIncident, type ReportSignal } from '../core/report';

export interface AlertPayload {
  readonly version: 1;
  /** opened: a new incident; escalated: its severity rose (or a snooze ran out). */
  readonly change: 'opened' | 'escalated';
  readonly incident: ReportIncident;
  readonly signals: ReportSignal[];
}

export function alertPayload(core: Core, alert: Alert): AlertPayload | null {
  const incident = core.repo.incident(Number(alert.incidentId));
  if (!incident) return null;
  const signals = core.repo.signalsByIds(incident.signalIds);
  const byId = new Map(signals.map((s) => [s.id, s]));
  return {
    version: 1,
    change: alert.escalated ? 'escalated' : 'opened',
    incident: incidentForReport(incident, byId, (id) => id, incident.id),
    signals: signals.map(({ ruleId, ...s }) => ({ ...s, rule: ruleId })),
  };
}

/**
 * The program a shell command line runs, for the log: its first word, after any leading `NAME=value` assignments
 * (which may set a token), without quotes. Never the arguments.
 */
export function programOf(command: string): string {
  const words = command.trim().split(/\s+/);
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? '';
  return first.replace(/^['"]+|['"]+$/g, '') || '(none)';
}

export function onAlertRunner(command: string, core: () => Core, timeoutMs = 60_000): (alert: Alert) => void {
  let queue = Promise.resolve();
  const program = programOf(command);
  const run = (payload: AlertPayload): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (err) => {
        core().log.log('error', 'on-alert command could not start', { program, error: err.message });
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code !== 0) {
          core().log.log('warn', 'on-alert command failed', {
            program,
            code,
            signal: signal ?? null,
            incident: payload.incident.id,
          });
        }
        resolve();
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${JSON.stringify(payload)}\n`);
    });
  return (alert) => {
    const payload = alertPayload(core(), alert);
    if (!payload) return;
    queue = queue.then(() => run(payload));
  };
}
