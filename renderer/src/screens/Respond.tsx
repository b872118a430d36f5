import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import { INCIDENT_KIND_LABEL, type MessageKey } from '../../../shared/i18n';
import type { Playbook, PlaybookStep } from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { CountdownView } from '../components/Countdown';
import { RotateButton } from '../components/RotateButton';
import { formatLocalDateTime, useT } from '../i18n';
import { openOfficialPage } from '../respond';
import { errorText } from '../client';

function stepLabel(step: PlaybookStep, kind: Playbook['kind']): MessageKey {
  switch (step.kind) {
    case 'orders':
      return step.cancelledOrders ? 'step.orders.cancelled' : 'step.orders';
    case 'contact':
      return kind === 'phishing' ? 'step.contact.phishing' : 'step.contact';
    default:
      return `step.${step.kind}`;
  }
}

/**
 * Responding to one incident: the playbook's steps as tick boxes (each with the time it was done), the official
 * pages they point to, the one-click password change, and the refund-window countdown per bank.
 */
export function RespondScreen({
  client,
  incidentId,
  onBack,
}: {
  client: ApiClient;
  incidentId: string;
  onBack: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const [playbook, setPlaybook] = useState<Playbook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const alive = useRef(true);

  const load = useCallback(async (): Promise<void> => {
    try {
      const p = await client.call('playbook.get', { incidentId });
      if (alive.current) setPlaybook(p);
    } catch (e) {
      if (alive.current) setError(errorText(e));
    }
  }, [client, incidentId]);

  useEffect(() => {
    alive.current = true;
    void load();
    const offs = [
      client.on('timeline.changed', () => void load()),
      client.on('services.changed', () => void load()),
    ];
    return () => {
      alive.current = false;
      offs.forEach((off) => off());
    };
  }, [client, load]);

  useEffect(() => {
    heading.current?.focus();
  }, [incidentId]);

  const tick = async (step: PlaybookStep, done: boolean): Promise<void> => {
    setBusy(step.key);
    setError(null);
    try {
      const p = await client.call('playbook.setStep', { incidentId, step: step.key, done });
      setPlaybook(p);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const openPage = async (step: PlaybookStep): Promise<void> => {
    if (!step.link) return;
    setError(null);
    try {
      await openOfficialPage(client, step.vendor, step.link, incidentId);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const title = playbook
    ? `${INCIDENT_KIND_LABEL[locale][playbook.kind]}: ${vendorName(playbook.vendor, locale)}`
    : '';

  return (
    <div className="respond-screen" data-testid="respond" data-incident-id={incidentId}>
      <div className="section-head">
        <h2 ref={heading} tabIndex={-1} data-testid="respond-title">
          {t('respond.title', { title })}
        </h2>
        <button type="button" onClick={onBack} data-testid="respond-back">
          {t('respond.back')}
        </button>
      </div>
      {error && (
        <p className="result result-fail" role="alert">
          {t('passwords.failed', { reason: error })}
        </p>
      )}
      {!playbook ? (
        <p className="muted">{t('respond.loading')}</p>
      ) : (
        <div className="respond-grid">
          <section aria-labelledby="respond-steps-h" className="panel">
            <h3 id="respond-steps-h">{t('respond.steps')}</h3>
            <p className="hint">{t('respond.help')}</p>
            <ol className="playbook">
              {playbook.steps.map((step) => {
                const vendor = vendorName(step.vendor, locale);
                const label = t(stepLabel(step, playbook.kind), { vendor, bank: vendor });
                const checked = step.doneAt !== null && step.unreported === 0;
                const inputId = `step-${step.key.replace(/[^a-zA-Z0-9]/g, '-')}`;
                return (
                  <li
                    key={step.key}
                    className={`step ${checked ? 'done' : ''}`}
                    data-testid="step"
                    data-step={step.key}
                    data-done={checked}
                  >
                    <div className="step-head">
                      <input
                        id={inputId}
                        type="checkbox"
                        checked={checked}
                        disabled={busy === step.key}
                        onChange={(e) => void tick(step, e.target.checked)}
                        data-testid="step-check"
                      />
                      <label htmlFor={inputId}>{label}</label>
                      {step.doneAt && (
                        <time className="muted step-time" dateTime={step.doneAt} data-testid="step-done-at">
                          {t('respond.doneAt', { time: formatLocalDateTime(step.doneAt) })}
                        </time>
                      )}
                    </div>
                    {step.kind === 'bank' && <p className="hint">{t('step.bank.hint', { bank: vendor })}</p>}
                    {step.unreported > 0 && (
                      <p className="warning" role="status">
                        {t('step.bank.new', { count: step.unreported })}
                      </p>
                    )}
                    {step.phones.length > 0 && (
                      <p className="hint" data-testid="step-phones">
                        {t('respond.phones')}:{' '}
                        {step.phones.map((p, i) => (
                          <span key={p.number}>
                            {i > 0 && ' · '}
                            <a href={`tel:${p.number}`}>{p.number}</a> (
                            {p.region === 'JP' || p.region === 'US'
                              ? t(`respond.phone.${p.region}`)
                              : p.region}
                            )
                          </span>
                        ))}
                      </p>
                    )}
                    <div className="buttons step-actions">
                      {(step.kind === 'password' || step.kind === 'phishingPassword') && step.link ? (
                        <RotateButton
                          client={client}
                          vendor={step.vendor}
                          incidentId={incidentId}
                          onDone={() => void load()}
                          onError={setError}
                        />
                      ) : (
                        step.link && (
                          <button type="button" onClick={() => void openPage(step)} data-testid="step-open">
                            {t('respond.openPage')}
                          </button>
                        )
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
          <section aria-labelledby="respond-countdown-h" className="panel">
            <h3 id="respond-countdown-h">{t('countdown.title')}</h3>
            {playbook.countdowns.length === 0 ? (
              <p className="muted">{t('countdown.none')}</p>
            ) : (
              playbook.countdowns.map((c) => (
                <CountdownView key={c.bank} client={client} countdown={c} onChanged={() => void load()} />
              ))
            )}
          </section>
        </div>
      )}
    </div>
  );
}
