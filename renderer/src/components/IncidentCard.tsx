import type { Incident, Signal } from '../../../shared/domain';
import { describeLink, explainIncident } from '../../../shared/explain';
import { INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from '../../../shared/i18n';
import { vendorName } from '../../../shared/vendors';
import { useT } from '../i18n';
import { useRespond } from '../respond';
import type { ApiClient } from '../../../shared/api';
import { ReportExport } from './ReportExport';

export function IncidentCard({
  incident,
  byId,
  onAcknowledge,
  client,
}: {
  incident: Incident;
  byId: Map<string, Signal>;
  onAcknowledge: (action: 'dismiss' | 'confirm' | 'snooze') => void;
  /** For the report export. */
  client: ApiClient;
}): React.JSX.Element {
  const { locale, t } = useT();
  /** Opens the Respond view (the playbook); "Not me" opens it at once. */
  const respond = useRespond();
  const signals = incident.signalIds.map((id) => byId.get(id)).filter((s): s is Signal => s !== undefined);
  const text = explainIncident(incident, signals, locale);
  const vendor = vendorName(incident.vendor, locale);
  const active = incident.status === 'open' || incident.status === 'confirmed';
  const steps =
    incident.kind === 'phishing'
      ? [t('incident.step.phishing', { vendor })]
      : [
          t('incident.step.password', { vendor }),
          t('incident.step.support', { vendor }),
          ...(incident.links.some((l) => l.rule === 'same-amount' || l.rule === 'order-total')
            ? [t('incident.step.bank')]
            : []),
        ];
  return (
    <article
      className={`incident severity-${incident.severity} status-${incident.status}`}
      data-testid="incident"
      data-incident-id={incident.id}
      data-severity={incident.severity}
      data-kind={incident.kind}
      data-status={incident.status}
      aria-label={text.title}
      tabIndex={-1}
    >
      <header>
        <span className={`badge badge-${incident.severity}`} data-testid="incident-severity">
          {SEVERITY_LABEL[locale][incident.severity]}
        </span>
        <h3 data-testid="incident-title">{text.title}</h3>
        <span className="status">{INCIDENT_STATUS_LABEL[locale][incident.status]}</span>
      </header>
      <p className="explanation" data-testid="incident-explanation">
        {text.explanation}
      </p>
      <p className="muted">{t('incident.signals', { count: signals.length })}</p>
      {incident.links.length > 0 && (
        <details open>
          <summary>{t('incident.links')}</summary>
          <ul className="incident-links">
            {incident.links.map((l) => {
              const from = byId.get(l.from);
              const to = byId.get(l.to);
              return from && to ? (
                <li key={`${l.from}-${l.to}`} data-testid="incident-link">
                  {describeLink(l, from, to, locale)}
                </li>
              ) : null;
            })}
          </ul>
        </details>
      )}
      {active && (
        <>
          <h4>{t('incident.actions')}</h4>
          <ol className="steps">
            {steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <div className="ack">
            <button
              type="button"
              onClick={() => {
                onAcknowledge('confirm');
                respond?.(incident.id);
              }}
              className="danger"
            >
              {t('incident.ack.notMine')}
            </button>
            <button type="button" onClick={() => onAcknowledge('dismiss')}>
              {t('incident.ack.mine')}
            </button>
            <button type="button" onClick={() => onAcknowledge('snooze')} className="quiet">
              {t('incident.ack.snooze')}
            </button>
            {respond && (
              <button type="button" onClick={() => respond(incident.id)} data-testid="incident-respond">
                {t('respond.open')}
              </button>
            )}
          </div>
        </>
      )}
      <ReportExport client={client} incidentId={incident.id} />
    </article>
  );
}
