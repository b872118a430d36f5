/**
 * `report.export`: an incident report as PDF, CSV or Markdown, in English or Japanese, built here in the core and
 * handed to the renderer as base64 (the renderer offers it as a download; nothing is written to disk here).
 */
import type { ApiInput, ApiOutput } from '../../../shared/api';
import type { Locale } from '../../../shared/domain';
import type { Db } from '../store/db';
import type { Repo } from '../store/repo';
import { incidentActions, type ActionSource } from './actions';
import { reportCsv } from './csv';
import { findCjkFont, type CjkFont } from './fonts';
import { reportMarkdown } from './markdown';
import { buildIncidentReport, reportFileName, type IncidentReport } from './model';
import { MissingCjkFontError, reportPdf } from './pdf';

export type ReportFormat = ApiInput<'report.export'>['format'];
export type ExportedReport = ApiOutput<'report.export'>;

export interface ReportDeps {
  readonly repo: Repo;
  readonly db: Db;
  /** The core's own error types (app.ts), so the contract's error codes come out right without an import cycle. */
  readonly notFound: (message: string) => Error;
  readonly unsupported: (message: string) => Error;
  /** The CJK font for PDFs (default: found on this system). */
  readonly font?: () => CjkFont | null;
  readonly sources?: readonly ActionSource[];
}

/** The report's content for one incident, or null when there is no such incident. */
export function incidentReport(
  deps: Pick<ReportDeps, 'repo' | 'db' | 'sources'>,
  incidentId: number,
  locale: Locale,
): IncidentReport | null {
  const incident = deps.repo.incident(incidentId);
  if (!incident) return null;
  const signals = deps.repo.signalsByIds(incident.signalIds);
  const actions = incidentActions(deps.db, incidentId, deps.sources);
  return buildIncidentReport({ incident, signals, actions }, locale);
}

export async function exportReport(
  deps: ReportDeps,
  incidentId: number,
  format: ReportFormat,
  locale: Locale,
): Promise<ExportedReport> {
  const report = incidentReport(deps, incidentId, locale);
  if (!report) throw deps.notFound(`no incident ${incidentId}`);
  if (format === 'csv') {
    return {
      filename: reportFileName(report, 'csv'),
      mimeType: 'text/csv; charset=utf-8',
      base64: Buffer.from(reportCsv(report), 'utf8').toString('base64'),
      notice: null,
    };
  }
  if (format === 'md') {
    return {
      filename: reportFileName(report, 'md'),
      mimeType: 'text/markdown; charset=utf-8',
      base64: Buffer.from(reportMarkdown(report), 'utf8').toString('base64'),
      notice: null,
    };
  }
  try {
    const pdf = await reportPdf(report, (deps.font ?? findCjkFont)());
    return {
      filename: reportFileName(report, 'pdf'),
      mimeType: 'application/pdf',
      base64: pdf.bytes.toString('base64'),
      notice: pdf.notice,
    };
  } catch (err) {
    if (err instanceof MissingCjkFontError) throw deps.unsupported(err.message);
    throw err;
  }
}

/** The core's handlers for reports, spread into its handler map (see Core's constructor). */
export function reportHandlers(deps: ReportDeps): {
  'report.export': (input: ApiInput<'report.export'>) => Promise<ExportedReport>;
} {
  return {
    'report.export': (input) => exportReport(deps, Number(input.incidentId), input.format, input.locale),
  };
}
