import type { ConnectionTest } from '../../../shared/accounts';
import { useT } from '../i18n';

/**
 * The outcome of a connection test (or of the test a save runs first): a short message per failure kind in the
 * user's language, then the server's own detail, and for a self-signed certificate its SHA-256 fingerprint.
 */
export function ConnectionResult({ result }: { result: ConnectionTest }): React.JSX.Element {
  const { t } = useT();
  if (result.ok) {
    return (
      <div className="result result-ok" role="status" data-testid="connection-result" data-ok="true">
        <p className="result-title">{t('test.ok', { count: result.folders.length })}</p>
      </div>
    );
  }
  return (
    <div
      className="result result-fail"
      role="alert"
      data-testid="connection-result"
      data-ok="false"
      data-failure={result.failure}
    >
      <p className="result-title" data-testid="connection-failure">
        {t(`test.failure.${result.failure}`)}
      </p>
      <p className="result-detail">
        <span className="result-detail-label">{t('test.detail')}:</span>{' '}
        <span data-testid="connection-detail">{result.message}</span>
      </p>
      {result.fingerprint && (
        <p className="result-detail">
          <span className="result-detail-label">{t('test.fingerprint')}:</span>{' '}
          <code className="fingerprint" data-testid="fingerprint">
            {result.fingerprint}
          </code>
        </p>
      )}
    </div>
  );
}
