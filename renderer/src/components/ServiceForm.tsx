import { useId, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import { MAX_PERIOD_DAYS, MIN_PERIOD_DAYS, type Service } from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { localDate, useT } from '../i18n';
import { errorText } from '../client';

const DEFAULT_PERIOD = 90;

/** Adds a service by hand (from the vendors with an official page), or edits one: its reminder and last change. */
export function ServiceForm({
  client,
  service,
  addable,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  /** The service to edit; null to add one. */
  service: Service | null;
  addable: string[];
  onSaved: (s: Service) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const id = useId();
  const [vendor, setVendor] = useState(service?.vendor ?? addable[0] ?? '');
  const [periodic, setPeriodic] = useState(service?.policy === 'periodic');
  const [period, setPeriod] = useState(String(service?.periodDays ?? DEFAULT_PERIOD));
  const entered = service?.lastChange?.source === 'entered' ? service.lastChange.at.slice(0, 10) : '';
  const [lastChanged, setLastChanged] = useState(entered);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = service ? vendorName(service.vendor, locale) : '';

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const days = Number(period);
      const saved = await client.call('services.save', {
        vendor,
        policy: periodic ? 'periodic' : 'evidence',
        ...(periodic ? { periodDays: days } : {}),
        ...(lastChanged !== entered ? { lastChanged: lastChanged === '' ? null : lastChanged } : {}),
      });
      onSaved(saved);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel service-form" aria-labelledby={`${id}-h`} data-testid="service-form">
      <h3 id={`${id}-h`}>
        {service ? t('service.form.editTitle', { vendor: name }) : t('service.form.addTitle')}
      </h3>
      <form onSubmit={(e) => void submit(e)}>
        {!service && (
          <div className="field">
            <label htmlFor={`${id}-vendor`}>{t('service.form.vendor')}</label>
            <select
              id={`${id}-vendor`}
              data-testid="service-vendor"
              value={vendor}
              onChange={(e) => setVendor(e.target.value)}
            >
              {addable.map((v) => (
                <option key={v} value={v}>
                  {vendorName(v, locale)}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="folders">
          <legend>{t('service.form.policy')}</legend>
          <p className="hint">{t('service.form.evidence')}</p>
          <label className="check">
            <input
              type="checkbox"
              data-testid="service-periodic"
              checked={periodic}
              onChange={(e) => setPeriodic(e.target.checked)}
            />
            <span>{t('service.form.periodic')}</span>
          </label>
          {periodic && (
            <div className="field">
              <label htmlFor={`${id}-period`}>{t('service.form.period')}</label>
              <input
                id={`${id}-period`}
                className="narrow"
                type="number"
                min={MIN_PERIOD_DAYS}
                max={MAX_PERIOD_DAYS}
                required
                data-testid="service-period"
                value={period}
                onChange={(e) => setPeriod(e.target.value)}
              />
            </div>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-last`}>{t('service.form.lastChanged')}</label>
          <input
            id={`${id}-last`}
            type="date"
            max={localDate()}
            data-testid="service-last-changed"
            aria-describedby={`${id}-last-hint`}
            value={lastChanged}
            onChange={(e) => setLastChanged(e.target.value)}
          />
          <p id={`${id}-last-hint`} className="hint">
            {t('service.form.lastChangedHint')}
          </p>
        </div>
        {error && (
          <p className="result result-fail" role="alert">
            {t('passwords.failed', { reason: error })}
          </p>
        )}
        <div className="buttons">
          <button
            type="submit"
            className="primary"
            data-testid="service-save"
            disabled={busy || vendor === ''}
          >
            {t('service.form.save')}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('service.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
