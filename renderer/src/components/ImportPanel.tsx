import { useRef, useState } from 'react';
import type { ApiClient, ImportSummary } from '../../../shared/api';
import { toBase64 } from '../files';
import { useT } from '../i18n';
import { errorText } from '../client';

export function ImportPanel({
  client,
  canPick,
  onImported,
}: {
  client: ApiClient;
  canPick: boolean;
  onImported: (s: ImportSummary) => void;
}): React.JSX.Element {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const done = (s: ImportSummary | null): void => {
    if (s) {
      setMessage(t('import.result', { scanned: s.scanned, signals: s.signals, unparsed: s.unparsed }));
      onImported(s);
    }
  };

  const upload = async (files: FileList | null): Promise<void> => {
    if (!files || files.length === 0) return;
    setBusy(true);
    try {
      const payload = await Promise.all(
        [...files].map(async (f) => ({ name: f.name, base64: toBase64(await f.arrayBuffer()) })),
      );
      done(await client.call('import.files', { files: payload }));
    } catch (e) {
      setMessage(t('import.failed', { reason: errorText(e) }));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const pick = async (): Promise<void> => {
    setBusy(true);
    try {
      done(await client.call('import.pick', {}));
    } catch (e) {
      setMessage(t('import.failed', { reason: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import">
      {canPick ? (
        <button type="button" onClick={() => void pick()} disabled={busy}>
          {t('nav.import')}
        </button>
      ) : (
        <label className="button" title={t('import.help')}>
          {t('import.choose')}
          <input
            ref={input}
            data-testid="import-input"
            type="file"
            multiple
            accept=".eml,.mbox,message/rfc822,application/mbox,text/plain"
            onChange={(e) => void upload(e.target.files)}
            disabled={busy}
            hidden
          />
        </label>
      )}
      {message && (
        <span className="import-result" role="status" data-testid="import-result">
          {message}
        </span>
      )}
    </div>
  );
}
