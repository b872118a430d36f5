/**
 * The response playbook for one incident: the steps for its kind and vendor, each with the official page it links
 * to and the time it was done, and the refund-window countdown per bank that charged. Pure: the core hands in the
 * incident, its signals, the stored steps and the windows.
 */
import type { Incident, Signal } from '../../../shared/domain';
import type { Countdown, PagePurpose, Playbook, PlaybookStep, StepKind } from '../../../shared/response';
import { fromIso, toIso } from '../parse/datetime';
import { pagesOf } from './passwordPages';
import { addBusinessDays } from './refundWindows';
import type { StepRow } from './store';

const DAY = 86_400_000;

export interface WindowInfo {
  readonly days: number;
  readonly custom: boolean;
  readonly earlyBusinessDays?: number;
}

export interface PlaybookInput {
  readonly incident: Pick<Incident, 'id' | 'kind' | 'vendor'>;
  /** The incident's signals. */
  readonly signals: readonly Signal[];
  readonly steps: readonly StepRow[];
  readonly windowOf: (bank: string) => WindowInfo;
}

/** The key of the step a rotation ticks for this incident. */
export function passwordStepKey(kind: Incident['kind']): string {
  return kind === 'phishing' ? 'phishingPassword' : 'password';
}

function chargesReported(row: StepRow | undefined): Set<string> {
  if (!row?.detail) return new Set();
  try {
    const parsed = JSON.parse(row.detail) as { charges?: unknown };
    return new Set(Array.isArray(parsed.charges) ? parsed.charges.map(String) : []);
  } catch {
    return new Set();
  }
}

/** The linked charges per bank, each bank's list in time order, banks by their first charge. */
export function chargesByBank(signals: readonly Signal[]): Map<string, Signal[]> {
  const charges = signals
    .filter((s) => s.kind === 'payment.charge')
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Number(a.id) - Number(b.id));
  const m = new Map<string, Signal[]>();
  for (const c of charges) m.set(c.vendor, [...(m.get(c.vendor) ?? []), c]);
  return m;
}

export function buildPlaybook(input: PlaybookInput): Playbook {
  const { incident } = input;
  const rows = new Map(input.steps.map((r) => [r.step, r]));
  const pages = pagesOf(incident.vendor);
  const has = (p: PagePurpose): PagePurpose | null => (pages?.pages[p] ? p : null);
  const step = (
    kind: StepKind,
    link: PagePurpose | null,
    extra: Partial<Pick<PlaybookStep, 'key' | 'vendor' | 'phones' | 'unreported' | 'cancelledOrders'>> = {},
  ): PlaybookStep => {
    const key = extra.key ?? kind;
    return {
      key,
      kind,
      vendor: extra.vendor ?? incident.vendor,
      link,
      cancelledOrders: extra.cancelledOrders ?? false,
      phones: extra.phones ?? [],
      doneAt: rows.get(key)?.done_at ?? null,
      unreported: extra.unreported ?? 0,
    };
  };
  const banks = chargesByBank(input.signals);
  const steps: PlaybookStep[] = [];

  if (incident.kind === 'phishing') {
    steps.push(step('phishingDelete', null));
    steps.push(step('phishingPassword', has('password')));
    steps.push(step('contact', has('contact'), { phones: [...(pages?.phones ?? [])] }));
  } else {
    steps.push(step('password', has('password')));
    steps.push(step('signout', has('signout')));
    steps.push(step('twoStep', has('twoStep')));
    if (has('orders'))
      steps.push(step('orders', 'orders', { cancelledOrders: pages?.cancelledOrders === true }));
    steps.push(step('contact', has('contact'), { phones: [...(pages?.phones ?? [])] }));
    for (const [bank, charges] of banks) {
      const key = `bank:${bank}`;
      const reported = chargesReported(rows.get(key));
      const bankPages = pagesOf(bank);
      steps.push(
        step('bank', bankPages?.pages.contact ? 'contact' : null, {
          key,
          vendor: bank,
          unreported: rows.has(key) ? charges.filter((c) => !reported.has(c.id)).length : 0,
        }),
      );
    }
    if (banks.size === 0) steps.push(step('statements', null));
  }

  const countdowns: Countdown[] = [];
  for (const [bank, charges] of banks) {
    const row = rows.get(`bank:${bank}`);
    const reported = chargesReported(row);
    const open = charges.filter((c) => !reported.has(c.id));
    const charge = open[0] ?? charges[0];
    if (!charge) continue;
    const w = input.windowOf(bank);
    const at = fromIso(charge.occurredAt) ?? { ms: Date.parse(charge.occurredAt), offsetMinutes: 0 };
    countdowns.push({
      bank,
      windowDays: w.days,
      windowCustom: w.custom,
      early: w.earlyBusinessDays
        ? {
            businessDays: w.earlyBusinessDays,
            deadline: toIso({
              ms: addBusinessDays(at.ms, w.earlyBusinessDays, at.offsetMinutes),
              offsetMinutes: at.offsetMinutes,
            }),
          }
        : null,
      charge: { signalId: charge.id, occurredAt: charge.occurredAt, amount: charge.amount },
      deadline: toIso({ ms: at.ms + w.days * DAY, offsetMinutes: at.offsetMinutes }),
      reportedAt: open.length === 0 && row ? row.done_at : null,
      charges: charges.length,
    });
  }
  // Still to report first, the nearest deadline first.
  countdowns.sort(
    (a, b) =>
      Number(a.reportedAt !== null) - Number(b.reportedAt !== null) ||
      Date.parse(a.deadline) - Date.parse(b.deadline),
  );
  return { incidentId: incident.id, kind: incident.kind, vendor: incident.vendor, steps, countdowns };
}
