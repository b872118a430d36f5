/**
 * The report as Markdown (CommonMark with GitHub tables): headings, the support script first (it is what the
 * reader needs on the phone), the events as a table, the links, and what was done when. Everything that came from
 * a mail is escaped, so a subject such as `<img src=x onerror=…>` or `| fake | row |` stays text in any viewer.
 */
import { rt } from './labels';
import { formatTime, type IncidentReport } from './model';

/** Escapes text for inline Markdown: punctuation that could start markup or HTML, and line breaks. */
export function mdText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]{}<>|~#!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** A code span that holds any text: a fence longer than any run of backticks inside it. */
export function mdCode(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const flat = value.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  // Inside a table a pipe still ends the cell, even in a code span (GFM): escape it there too.
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function reportMarkdown(report: IncidentReport): string {
  const l = report.locale;
  const out: string[] = [];
  out.push(`# ${rt(l, 'doc.title')}: ${mdText(report.title)}`);
  out.push(
    [
      `- **${rt(l, 'meta.incident')}**: #${mdText(report.incident.id)}`,
      `- **${rt(l, 'meta.kind')}**: ${mdText(report.kindLabel)}`,
      `- **${rt(l, 'meta.severity')}**: ${mdText(report.severityLabel)}`,
      `- **${rt(l, 'meta.status')}**: ${mdText(report.statusLabel)}`,
      `- **${rt(l, 'meta.vendor')}**: ${mdText(report.vendorName)}`,
      `- **${rt(l, 'meta.opened')}**: ${mdText(formatTime(report.openedAt))}`,
      `- **${rt(l, 'meta.asOf')}**: ${mdText(formatTime(report.asOf))}`,
      `- **${rt(l, 'meta.events')}**: ${report.events.length}`,
    ].join('\n'),
  );
  out.push(`## ${rt(l, 'section.summary')}`);
  out.push(mdText(report.explanation));

  out.push(`## ${rt(l, 'section.script')}`);
  out.push(`_${mdText(rt(l, 'script.intro'))}_`);
  for (const p of report.script) {
    out.push(`### ${mdText(rt(l, 'script.to', { name: p.to }))}`);
    out.push(`> ${mdText(p.text)}`);
  }

  out.push(`## ${rt(l, 'section.timeline')}`);
  out.push(
    table(
      [
        rt(l, 'col.n'),
        rt(l, 'col.time'),
        rt(l, 'col.kind'),
        rt(l, 'col.vendor'),
        rt(l, 'col.amount'),
        rt(l, 'col.merchant'),
        rt(l, 'col.order'),
        rt(l, 'col.recipient'),
        rt(l, 'col.messageId'),
        rt(l, 'col.verdict'),
      ],
      report.events.map((e) => [
        String(e.n),
        mdText(e.time),
        mdText(e.kindLabel),
        mdText(e.vendorName),
        mdText(e.amountText),
        mdText(e.signal.merchant),
        mdText(e.signal.orderId),
        mdText(e.signal.recipient),
        mdCode(e.signal.message.messageId),
        `${mdText(e.verdictText)}<br>${mdCode(e.signal.authenticity.reason)}`,
      ]),
    ),
  );
  out.push(
    table(
      [rt(l, 'col.n'), rt(l, 'col.sender'), rt(l, 'col.subject')],
      report.events.map((e) => [
        String(e.n),
        mdText(e.signal.message.from),
        mdText(e.signal.message.subject),
      ]),
    ),
  );

  out.push(`## ${rt(l, 'section.links')}`);
  if (report.links.length === 0) out.push(mdText(rt(l, 'links.none')));
  else
    out.push(
      report.links
        .map(
          (k) =>
            `- #${k.from.n} ${mdText(k.from.kindLabel)} ${mdText(k.from.amountText)} → #${k.to.n} ${mdText(k.to.kindLabel)} ${mdText(k.to.amountText)} (${mdText(k.to.vendorName)}): ${mdText(k.text)}${k.charge ? ` — **${rt(l, 'links.charge')}**` : ''} (${mdCode(k.rule)}, ${Math.round(k.confidence * 100)}%)`,
        )
        .join('\n'),
    );

  out.push(`## ${rt(l, 'section.actions')}`);
  if (report.actions.length === 0) out.push(mdText(rt(l, 'actions.none')));
  else
    out.push(
      table(
        [rt(l, 'col.at'), rt(l, 'col.action'), rt(l, 'col.detail'), rt(l, 'col.source')],
        report.actions.map((a) => [
          mdText(a.time),
          mdText(a.label),
          mdText(a.detail),
          rt(l, a.source === 'playbook' ? 'actions.source.playbook' : 'actions.source.history'),
        ]),
      ),
    );
  out.push(`---\n_${mdText(rt(l, 'doc.generatedBy'))}_`);
  return `${out.join('\n\n')}\n`;
}
