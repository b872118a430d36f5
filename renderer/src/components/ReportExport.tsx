import { useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { Locale } from '../../../shared/domain';
import { downloadBase64 } from '../files';
import { useT } from '../i18n';
import { errorText } from '../client';

type Format = 'pdf' | 'csv' | 'md';
const FORMATS: readonly Format[] = ['pdf', 'csv', 'md'];

/**
 * "Export report" on an incident card: the core builds the report (PDF, CSV or Markdown, in English or Japanese)
 * and the window offers it as a download. The report's language defaults to the window's and can differ from it:
 * the user may call a Japanese support desk from an English window.
 */
export function ReportExport({
  client,
  incidentId,
}: {
  client: ApiClient;
  incidentId: string;
}): React.JSX.Element {
  const { locale, t } = useT();
  const [format, setFormat] = useState<Format>('pdf');
  const [reportLocale, setReportLocale] = useState<Locale | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'notice' | 'error'; text: string } | null>(null);
  const chosenLocale = reportLocale ?? locale;

  const run = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const file = await client.call('report.export', { incidentId, format, locale: chosenLocale });
      downloadBase64(file.base64, file.filename, file.mimeType);
      setMessage(
        file.notice
          ? { kind: 'notice', text: file.notice }
          : { kind: 'ok', text: t('report.saved', { filename: file.filename }) },
      );
    } catch (e) {
      setMessage({
        kind: 'error',
        text: t('report.failed', { reason: errorText(e) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="report-export" data-testid="report-export">
      <summary>{t('report.title')}</summary>
      <div className="report-export-controls">
        <label>
          <span>{t('report.format')}</span>
          <select
            data-testid="report-format"
            value={format}
            onChange={(e) => setFormat(FORMATS.find((f) => f === e.target.value) ?? 'pdf')}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`report.format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('report.language')}</span>
          <select
            data-testid="report-locale"
            value={chosenLocale}
            onChange={(e) => setReportLocale(e.target.value === 'ja' ? 'ja' : 'en')}
          >
            <option value="en">English</option>
            <option value="ja">日本語</option>
          </select>
        </label>
        <button type="button" data-testid="report-download" disabled={busy} onClick={() => void run()}>
          {busy ? t('report.exporting') : t('report.export')}
        </button>
      </div>
      {message && (
        <p
          className={message.kind === 'error' ? 'error' : message.kind === 'notice' ? 'notice' : 'muted'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="report-message"
        >
          {message.text}
        </p>
      )}
    </details>
  );
}
