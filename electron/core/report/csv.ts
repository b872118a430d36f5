/**
 * The report as CSV for a spreadsheet: RFC 4180 (CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled), UTF-8 with a byte-order mark so that Excel in Japan reads it as UTF-8 rather
 * than Shift_JIS.
 *
 * Layout: one file holding two tables. The first starts on line 1: a header row, then one row per event (signal)
 * in time order, with the incident's own columns repeated on every row so a filtered row still says which
 * incident it belongs to. After one row of empty fields comes the second table, what was done when (actions), with
 * its own header. Every record has the same number of fields (the action rows are padded), so a strict RFC 4180
 * reader accepts the file whole; a reader that wants only the events stops at the first empty row.
 */
import { rt } from './labels';
import type { IncidentReport } from './model';

export const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula. Subjects and sender names come from mail anyone
 * can send, so such a cell gets a leading apostrophe (OWASP's advice for CSV injection). Plain numbers stay numbers.
 */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',');
}

/** Records joined by CRLF, with the final CRLF RFC 4180 allows, after a BOM. */
export function csvDocument(records: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${BOM}${records.map(csvRecord).join('\r\n')}\r\n`;
}

export function reportCsv(report: IncidentReport): string {
  const l = report.locale;
  const inc = report.incident;
  const eventHeader = [
    rt(l, 'col.incident'),
    rt(l, 'col.incidentKind'),
    rt(l, 'col.severity'),
    rt(l, 'col.status'),
    rt(l, 'col.title'),
    rt(l, 'col.n'),
    rt(l, 'col.signalId'),
    rt(l, 'col.time'),
    rt(l, 'col.kind'),
    rt(l, 'col.vendor'),
    rt(l, 'col.amountMinor'),
    rt(l, 'col.currency'),
    rt(l, 'col.amount'),
    rt(l, 'col.merchant'),
    rt(l, 'col.card'),
    rt(l, 'col.order'),
    rt(l, 'col.recipient'),
    rt(l, 'col.messageId'),
    rt(l, 'col.sender'),
    rt(l, 'col.subject'),
    rt(l, 'col.verdict'),
    rt(l, 'col.verdictReason'),
    rt(l, 'col.linked'),
  ];
  const width = eventHeader.length;
  const pad = (fields: (string | number | null)[]): (string | number | null)[] => [
    ...fields,
    ...Array<string>(Math.max(0, width - fields.length)).fill(''),
  ];
  const rows: (string | number | null)[][] = [eventHeader];
  for (const e of report.events) {
    const s = e.signal;
    rows.push([
      inc.id,
      report.kindLabel,
      report.severityLabel,
      report.statusLabel,
      report.title,
      e.n,
      s.id,
      e.time,
      e.kindLabel,
      e.vendorName,
      s.amount?.minor ?? null,
      s.amount?.currency ?? null,
      e.amountText,
      s.merchant,
      s.cardLast4,
      s.orderId,
      s.recipient,
      s.message.messageId,
      s.message.from,
      s.message.subject,
      e.verdictText,
      s.authenticity.reason,
      e.linked.join('\n'),
    ]);
  }
  rows.push(pad([]));
  rows.push(
    pad([
      rt(l, 'col.incident'),
      rt(l, 'col.at'),
      rt(l, 'col.action'),
      rt(l, 'col.detail'),
      rt(l, 'col.source'),
    ]),
  );
  for (const a of report.actions) {
    rows.push(
      pad([
        inc.id,
        a.time,
        a.label,
        a.detail,
        rt(l, a.source === 'playbook' ? 'actions.source.playbook' : 'actions.source.history'),
      ]),
    );
  }
  return csvDocument(rows);
}
