import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { Service } from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { hostOf, useT } from '../i18n';
import { openOfficialPage } from '../respond';
import { errorText } from '../client';

/**
 * One-click rotation: opens the vendor's official change-password page (the core's curated list, recorded there),
 * then asks "Done?"; yes records the rotation and clears the reminder.
 */
export function RotateButton({
  client,
  vendor,
  incidentId,
  onDone,
  onError,
}: {
  client: ApiClient;
  vendor: string;
  incidentId?: string;
  onDone: (service: Service) => void;
  onError: (reason: string) => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const [asking, setAsking] = useState<{ url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLDivElement>(null);
  const name = vendorName(vendor, locale);

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await openOfficialPage(client, vendor, 'password', incidentId);
      setAsking({ url: r.url });
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const done = async (): Promise<void> => {
    setBusy(true);
    try {
      const service = await client.call('rotation.done', {
        vendor,
        ...(incidentId === undefined ? {} : { incidentId }),
      });
      setAsking(null);
      onDone(service);
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rotate">
      <button
        type="button"
        className="primary"
        data-testid="rotate"
        onClick={() => void open()}
        disabled={busy}
      >
        {t('passwords.rotate')}
      </button>
      {asking && (
        <div
          className="rotate-ask"
          role="group"
          aria-labelledby={`rotate-q-${vendor}`}
          data-testid="rotate-ask"
          tabIndex={-1}
          ref={question}
        >
          <p className="hint" aria-live="polite">
            {t('rotate.opened', { vendor: name, host: hostOf(asking.url) })} {t('rotate.fallback')}{' '}
            <a href={asking.url} target="_blank" rel="noopener noreferrer" data-testid="rotate-link">
              {asking.url}
            </a>
          </p>
          <p id={`rotate-q-${vendor}`} className="rotate-question">
            {t('rotate.question', { vendor: name })}
          </p>
          <div className="buttons">
            <button
              type="button"
              className="primary"
              data-testid="rotate-done"
              onClick={() => void done()}
              disabled={busy}
            >
              {t('rotate.yes')}
            </button>
            <button
              type="button"
              data-testid="rotate-not-yet"
              onClick={() => setAsking(null)}
              disabled={busy}
            >
              {t('rotate.no')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
